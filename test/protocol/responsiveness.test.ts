// A request is never stuck behind a keystroke's diagnostics: on a long
// submission whose new text must be checked afresh, a hover sent right after
// the change is answered before that change's diagnostics are published, and
// a change that supersedes another publishes only the newer version's.
import { strict as assert } from 'assert';
import { TestLspClient } from '../support/lspClient';
import { copySamples, removeDir } from '../support/tempWorkspace';

const FILE = 'submissions/long.md';

/** About 1 MB of short paragraphs, each citing and quoting the Zero Draft; `variant` makes every block new. */
function longSubmission(variant: string): string {
  const parts = ['---', 'draft: zero-draft', '---', ''];
  for (let i = 0; i < 9000; i++) {
    parts.push(`In ${variant} ${i} we welcome para ${(i % 40) + 1} and its call for “regular institutional dialogue” (para ${(i % 40) + 2}).`, '');
  }
  return parts.join('\n');
}

describe('language server over stdio: requests during long diagnostics', function () {
  this.timeout(120000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = copySamples();
    client = new TestLspClient({ root });
    await client.start();
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('answers a hover sent right behind a change before publishing that change’s diagnostics', async () => {
    const first = longSubmission('block');
    await client.open(FILE, first);
    await client.waitForDiagnostics(FILE, (found) => found.length > 0, 60000);
    const changed = longSubmission('section');
    const order: string[] = [];
    const publishedVersion = (version: number) => client.published.some((entry) => (entry as { version?: number }).version === version);
    const published = client.waitForDiagnostics(FILE, () => publishedVersion(2), 60000).then(() => order.push('diagnostics'));
    await client.change(FILE, changed, 2);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(FILE) }, position: { line: 4, character: 30 } })) as { contents: { value: string } } | null;
    order.push('hover');
    await published;
    assert.match(hover!.contents.value, /Zero Draft, para 1\b/);
    assert.deepEqual(order, ['hover', 'diagnostics']);
  });

  it('publishes only the newest version when changes come faster than the checks', async () => {
    const before = client.published.length;
    await client.change(FILE, longSubmission('part'), 3);
    await client.change(FILE, longSubmission('piece'), 4);
    const last = longSubmission('chapter');
    await client.change(FILE, last, 5);
    await client.waitForDiagnostics(FILE, () => client.published.slice(before).some((entry) => (entry as { version?: number }).version === 5), 60000);
    const versions = client.published.slice(before).map((entry) => (entry as { version?: number }).version);
    assert.deepEqual(versions, [5]);
  });
});
