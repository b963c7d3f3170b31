// Diagnostics pulled (LSP 3.17 textDocument/diagnostic) by a client that
// declares it, as VS Code's does; published to one that does not.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, TestLspClient } from '../support/lspClient';
import { copySamples, removeDir } from '../support/tempWorkspace';

const RESPONSE = 'submissions/response-to-zero-draft.md';
const has130 = (found: Diagnostic[]) => found.some((diagnostic) => diagnostic.code === 'missing-paragraph' && diagnostic.message.startsWith('para 130'));

/** The Zero Draft on disk with paragraphs up to 130. */
function extendZeroDraft(root: string): string {
  const draftFile = path.join(root, 'drafts', 'zero-draft.txt');
  const original = fs.readFileSync(draftFile, 'utf8');
  const lastNumber = Number([...original.matchAll(/^(\d+)\. /gm)].pop()![1]);
  const extra = Array.from({ length: 130 - lastNumber }, (_, i) => `${lastNumber + i + 1}. States agreed to keep numbering the paragraphs of this draft.`).join('\n\n');
  fs.writeFileSync(draftFile, `${original.trimEnd()}\n\n${extra}\n`);
  return original;
}

describe('language server over stdio: pull diagnostics', function () {
  this.timeout(60000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = copySamples();
    client = new TestLspClient({ root, pullDiagnostics: true });
    const result = (await client.start()) as { capabilities: { diagnosticProvider?: { interFileDependencies: boolean; workspaceDiagnostics: boolean } } };
    assert.deepEqual(result.capabilities.diagnosticProvider, { identifier: 'oewg-cite', interFileDependencies: false, workspaceDiagnostics: false });
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('answers textDocument/diagnostic for an open document, and publishes nothing for it', async () => {
    const response = fs.readFileSync(path.join(root, RESPONSE), 'utf8');
    await client.open(RESPONSE, response);
    const pulled = await client.pullDiagnostics(RESPONSE);
    assert.ok(has130(pulled), JSON.stringify(pulled));
    const renumbered = pulled.find((diagnostic) => diagnostic.code === 'paragraph-renumbered' && diagnostic.message.startsWith('para 12 '));
    assert.equal(renumbered?.message, 'para 12 of the Zero Draft is now para 9 of the First Draft');
    await client.change(RESPONSE, `${response}\nSee also para 999.\n`, 2);
    assert.ok((await client.pullDiagnostics(RESPONSE)).some((diagnostic) => diagnostic.message.startsWith('para 999')), 'an edit is seen by the next pull');
    await client.change(RESPONSE, response, 3);
    assert.deepEqual(client.published.filter((params) => params.uri === client.uri(RESPONSE)), []);
  });

  it('asks the client to pull again when a draft changes on disk, and the next pull reflects it', async () => {
    const since = client.notifications.length;
    const original = extendZeroDraft(root);
    await client.fileChanged('drafts/zero-draft.txt');
    await client.waitForNotification('workspace/diagnostic/refresh', () => true, 10000, since);
    assert.ok(!has130(await client.pullDiagnostics(RESPONSE)));
    fs.writeFileSync(path.join(root, 'drafts', 'zero-draft.txt'), original);
  });

  it('still publishes a configuration file that is not open (nobody pulls it), and clears that when it is opened', async () => {
    const configFile = path.join(root, 'oewg-cite.json');
    fs.writeFileSync(configFile, '{ "drafts": [ { "id": "zero-draft", "path": "drafts/zero-draft.txt" }, ], "current": "first-draft", ');
    await client.fileChanged('oewg-cite.json');
    const published = await client.waitForDiagnostics('oewg-cite.json', (found) => found.length > 0);
    assert.ok(published.some((problem) => /invalid JSON/.test(problem.message)));
    await client.open('oewg-cite.json', fs.readFileSync(configFile, 'utf8'), 'json');
    await client.waitForDiagnostics('oewg-cite.json', (found) => found.length === 0);
    assert.ok((await client.pullDiagnostics('oewg-cite.json')).some((problem) => /invalid JSON/.test(problem.message)), 'pulled now');
  });
});

describe('language server over stdio: a client that does not pull gets diagnostics published', function () {
  this.timeout(60000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = copySamples();
    client = new TestLspClient({ root });
    const result = (await client.start()) as { capabilities: Record<string, unknown> };
    assert.equal(result.capabilities.diagnosticProvider, undefined);
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('publishes on open and after a draft changes on disk, and never asks for a pull', async () => {
    await client.open(RESPONSE, fs.readFileSync(path.join(root, RESPONSE), 'utf8'));
    await client.waitForDiagnostics(RESPONSE, has130);
    extendZeroDraft(root);
    await client.fileChanged('drafts/zero-draft.txt');
    await client.waitForDiagnostics(RESPONSE, (found) => found.length > 0 && !has130(found));
    assert.ok(!client.notifications.some((entry) => entry.method === 'workspace/diagnostic/refresh'));
  });
});
