// The language server on a workspace whose drafts are a device, a FIFO and a
// PDF that is a FIFO: it answers initialize at once and keeps serving.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TestLspClient } from '../support/lspClient';
import { samplesDir } from '../support/paths';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

describe('language server over stdio: drafts that are not regular files', function () {
  let root: string;
  let client: TestLspClient;
  const submission = '---\ndraft: zero-draft\n---\n# Our response\n\nWe welcome para 3 of the Zero Draft.\n';

  before(async () => {
    root = makeTempDir('server-devices');
    fs.mkdirSync(path.join(root, 'drafts'));
    fs.copyFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), path.join(root, 'drafts', 'zero-draft.txt'));
    for (const fifo of ['pipe.txt', 'pipe.pdf']) assert.equal(spawnSync('mkfifo', [path.join(root, fifo)]).status, 0, 'mkfifo');
    fs.writeFileSync(
      path.join(root, 'oewg-cite.json'),
      JSON.stringify({
        drafts: [
          { id: 'zeros', label: 'Zeros', path: '/dev/zero' },
          { id: 'noise', label: 'Noise', path: '/dev/urandom' },
          { id: 'pipe', label: 'Pipe', path: 'pipe.txt' },
          { id: 'pdf-pipe', label: 'PDF Pipe', path: 'pipe.pdf' },
          { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
        ],
        current: 'zero-draft',
        submissions: ['*.md'],
      }),
    );
    client = new TestLspClient({ root });
    await client.start();
  });
  after(async () => {
    await client?.stop();
    if (root) removeDir(root);
  });

  it('answers hovers on the readable draft', async () => {
    const uri = await client.open('response.md', submission);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: TestLspClient.positionOf(submission, 'para 3', 6) });
    assert.match(hover!.contents.value, /Zero Draft/);
  });
});

describe('language server over stdio: the size limit is a setting', function () {
  this.timeout(60000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = makeTempDir('server-limit');
    fs.mkdirSync(path.join(root, 'drafts'));
    fs.copyFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), path.join(root, 'drafts', 'zero-draft.txt'));
    // The sample draft is a few kB: a limit of 0.001 MB (about 1 kB) refuses it.
    client = new TestLspClient({ root, settings: { maxDraftSizeMB: 0.001 } });
    await client.start();
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('refuses a draft over oewgCite.maxDraftSizeMB, saying the limit and how to raise it, and reads it once the limit is raised', async () => {
    await client.open('notes.md', 'We welcome para 3 of the Zero Draft.\n');
    const refused = await client.waitForDiagnostics('notes.md', (found) => found.some((d) => d.code === 'draft-not-indexed'));
    assert.match(refused.find((d) => d.code === 'draft-not-indexed')!.message, /over the limit of .* per draft or text file: not read \(.*oewgCite\.maxDraftSizeMB/);
    await client.changeSettings({ maxDraftSizeMB: 50 });
    await client.waitForDiagnostics('notes.md', (found) => found.length === 0);
  });
});
