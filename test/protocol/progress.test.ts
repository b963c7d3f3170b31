// Reading PDF and Word drafts shows progress in an editor that can show it
// (LSP work-done progress): "Reading 1 of 2 PDF/Word drafts…", then the end;
// what was read is kept where the editor says (initializationOptions.cacheDir).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { samplesDir } from '../support/paths';
import { TestLspClient } from '../support/lspClient';
import { samplePdf } from '../support/publishedDrafts';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

describe('language server over stdio: progress while reading PDF and Word drafts', function () {
  this.timeout(60000);
  let root: string;
  let client: TestLspClient;
  let cacheDir: string;

  before(async () => {
    root = makeTempDir('lsp-progress');
    cacheDir = makeTempDir('lsp-progress-cache');
    fs.mkdirSync(path.join(root, 'drafts'));
    const pdf = (await samplePdf(fs.readFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), 'utf8'))).bytes;
    fs.writeFileSync(path.join(root, 'drafts', 'zero-draft.pdf'), pdf);
    fs.writeFileSync(path.join(root, 'drafts', 'final-draft.docx'), 'PK\u0003\u0004 this is no Word file');
    fs.copyFileSync(path.join(samplesDir, 'drafts', 'first-draft.md'), path.join(root, 'drafts', 'first-draft.md'));
    fs.writeFileSync(
      path.join(root, 'oewg-cite.json'),
      JSON.stringify({
        drafts: [
          { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.pdf' },
          { id: 'first-draft', label: 'First Draft', path: 'drafts/first-draft.md' },
          { id: 'final-draft', label: 'Final Draft', path: 'drafts/final-draft.docx' },
        ],
        current: 'first-draft',
      }),
    );
    client = new TestLspClient({ root, workDoneProgress: true, initializationOptions: { trusted: true, cacheDir } });
    await client.start();
  });
  after(async () => {
    await client.stop();
    removeDir(root);
    removeDir(cacheDir);
  });

  it('begins with the count of drafts to read and ends when they are read', async () => {
    const created = await client.waitForNotification('window/workDoneProgress/create');
    const token = created.token;
    const ofToken = (params: any) => params.token === token;
    const end = await client.waitForNotification('$/progress', (params) => ofToken(params) && params.value.kind === 'end', 30000);
    assert.ok(end);
    const values = client.notifications.filter((entry) => entry.method === '$/progress' && ofToken(entry.params)).map((entry) => (entry.params as any).value);
    assert.equal(values[0].kind, 'begin');
    assert.equal(values[0].title, 'OEWG Cite');
    assert.equal(values[0].message, 'Reading 1 of 2 PDF/Word drafts…');
    assert.ok(values.some((value) => value.kind === 'report' && value.message === 'Reading 2 of 2 PDF/Word drafts…' || value.message === 'Read 2 PDF/Word drafts'), JSON.stringify(values));
    assert.equal(values[values.length - 1].kind, 'end');
  });

  it('keeps the text it read in the folder the editor named', () => {
    const kept = fs.readdirSync(cacheDir, { recursive: true }).map(String);
    assert.ok(kept.length > 0, 'nothing kept in the cache folder');
  });
});
