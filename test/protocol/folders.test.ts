// Several workspace folders, each with its own drafts: a document is served
// by the folder that contains it, a folder added later is served at once,
// folder-scoped requests say which folder; and an explicit configuration
// file (`--config`) is honoured wherever the server recognises a
// configuration file.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { Folders } from '../../server/src/lsp/folders';
import { Diagnostic, TestLspClient } from '../support/lspClient';
import { samplesDir } from '../support/paths';
import { copySamples, makeTempDir, removeDir } from '../support/tempWorkspace';

interface Hover {
  contents: { kind: string; value: string };
}
const NOTES = 'submissions/notes.md';
const notes = '# Notes\n\nWe welcome para 57 and para 12.\n';
const at57 = TestLspClient.positionOf(notes, 'para 57', 5);

/** A folder whose only draft is the sample Zero Draft (found under drafts/), and a submission one level down. */
function zeroDraftFolder(): string {
  const root = makeTempDir('folder-b');
  fs.mkdirSync(path.join(root, 'drafts'));
  fs.mkdirSync(path.join(root, 'submissions'));
  fs.copyFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), path.join(root, 'drafts', 'zero-draft.txt'));
  fs.writeFileSync(path.join(root, NOTES), notes);
  return root;
}

describe('language server over stdio: workspace folders', function () {
  this.timeout(60000);
  let a: string;
  let b: string;
  let client: TestLspClient;

  before(async () => {
    a = copySamples();
    b = zeroDraftFolder();
    fs.writeFileSync(path.join(a, NOTES), notes);
    client = new TestLspClient({ root: a });
    await client.start();
  });
  after(async () => {
    await client.stop();
    removeDir(a);
    removeDir(b);
  });

  const hover = (root: string) =>
    client.request<Hover>('textDocument/hover', { textDocument: { uri: URI.file(path.join(root, NOTES)).toString() }, position: at57 });
  const open = (root: string) =>
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI.file(path.join(root, NOTES)).toString(), languageId: 'markdown', version: 1, text: notes } });

  it('a folder added after the start is served at once, each document by its own folder', async () => {
    await open(a);
    assert.match((await hover(a)).contents.value, /not in the First Draft/, 'folder A: the First Draft is current');
    // Before folder B is added, its document belongs to no folder: nothing of B's drafts is known.
    await open(b);
    assert.doesNotMatch((await hover(b)).contents.value, /\*\*Zero Draft, para 57\*\*/);

    const since = client.notifications.length;
    await client.addFolder(b);
    const status = await client.waitForNotification('oewgCite/status', (params) => params.folder === URI.file(b).toString(), 10000, since);
    assert.equal(status.currentDraft.id, 'zero-draft');
    assert.match((await hover(b)).contents.value, /\*\*Zero Draft, para 57\*\*/, 'folder B: its own Zero Draft');
    assert.match((await hover(a)).contents.value, /not in the First Draft/, 'folder A unchanged');
    const diagnostics = await client.waitForDiagnostics(path.join(b, NOTES), (found: Diagnostic[]) => found.some((d) => d.code === 'paragraph-renumbered') || found.length === 0);
    assert.ok(!diagnostics.some((d) => d.code === 'no-draft'), JSON.stringify(diagnostics));
  });

  it('folder-scoped requests answer for the folder of the URI, and ask which folder when there are several', async () => {
    const ids = (drafts: Array<{ id: string; indexed: boolean }>) => drafts.filter((draft) => draft.indexed).map((draft) => draft.id);
    assert.deepEqual(ids(await client.request('oewgCite/drafts', { uri: URI.file(path.join(b, NOTES)).toString() })), ['zero-draft']);
    assert.deepEqual(ids(await client.request('oewgCite/drafts', { uri: URI.file(a).toString() })), ['zero-draft', 'first-draft']);
    const error = await client.requestError('oewgCite/drafts', {});
    assert.equal(error.code, -32602);
    assert.match(error.message, /2 workspace folders are open: say which with "uri"/);
    const report = await client.request<string>('oewgCite/citationReport', { uri: URI.file(path.join(b, NOTES)).toString() });
    assert.match(report, /Zero Draft/);
  });

  it('trust granted while the server runs re-checks every folder', async () => {
    const since = client.notifications.length;
    await client.connection.sendNotification('oewgCite/workspaceTrust', { trusted: true });
    const folders = new Set<string>();
    await client.waitForNotification('oewgCite/status', (params) => (folders.add(params.folder), folders.size === 2), 10000, since);
    assert.deepEqual([...folders].sort(), [URI.file(a).toString(), URI.file(b).toString()].sort());
  });

  it('a folder removed is no longer served as a workspace folder', async () => {
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: URI.file(b).toString(), name: 'b' }] } });
    const error = await client.requestError('oewgCite/citationReport', { uri: URI.file(path.join(b, 'drafts', 'zero-draft.txt')).toString() });
    assert.match(error.message, /is not a document of this workspace/);
    assert.deepEqual((await client.request<Array<{ id: string }>>('oewgCite/drafts', {})).map((draft) => draft.id), ['pre-draft', 'zero-draft', 'first-draft']);
  });
});

describe('language server over stdio: an explicit configuration file (--config)', function () {
  this.timeout(60000);
  let root: string;
  let client: TestLspClient;
  let configFile: string;

  before(async () => {
    root = copySamples();
    configFile = path.join(root, 'team-config.json');
    fs.writeFileSync(configFile, JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }], current: 'zero-draft' }, null, 2));
    fs.writeFileSync(path.join(root, NOTES), notes);
    client = new TestLspClient({ root, serverArgs: ['--config', configFile] });
    await client.start();
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('is read instead of the folder\'s oewg-cite.json, and its problems are published in it when it changes on disk', async () => {
    await client.open(NOTES, notes);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(NOTES) }, position: at57 });
    assert.match(hover.contents.value, /\*\*Zero Draft, para 57\*\*/);
    fs.writeFileSync(configFile, '{ "drafts": [ { "id": "zero-draft", "label": "Zero Draft", "path": "drafts/zero-draft.txt" } ], "current": "zero-draft", "severity": { "missing-paragraph": "loud" } }');
    await client.fileChanged('team-config.json');
    const problems = await client.waitForDiagnostics('team-config.json', (found) => found.length > 0);
    assert.deepEqual(problems.map((problem) => [problem.code, problem.message]), [['config-error', 'severity of "missing-paragraph" must be "error", "warning", "information", "hint" or "off"']]);
  });
});

describe('folder routing (in process)', () => {
  const fileSystem = new MemoryFileSystem({
    '/ws/drafts/zero-draft.txt': '1. States agreed.\n',
    '/ws/inner/drafts/first-draft.txt': '1. States agreed again.\n',
  });

  it('serves a file by the deepest workspace folder that contains it, and a file outside them by its own folder until a folder takes it', () => {
    const folders = new Folders(fileSystem);
    const ws = folders.add('/ws');
    const inner = folders.add('/ws/inner/');
    assert.equal(folders.route('/ws/inner/notes.md'), inner);
    assert.equal(folders.route('/ws/notes.md'), ws);
    assert.equal(folders.route('/ws/innerness/notes.md'), ws, 'a folder whose name starts like another is not inside it');
    assert.deepEqual(ws.service.drafts().filter((draft) => draft.indexed).map((draft) => draft.id), ['zero-draft']);
    assert.deepEqual(inner.service.drafts().filter((draft) => draft.indexed).map((draft) => draft.id), ['first-draft']);

    const loose = folders.route('/elsewhere/notes/a.md');
    assert.equal(loose.root, '/elsewhere/notes');
    assert.equal(loose.workspace, false);
    assert.equal(folders.isInWorkspace('/elsewhere/notes/a.md'), false);
    assert.equal(folders.route('/elsewhere/notes/b.md'), loose, 'one service per outside folder');
    folders.dropOutside(ws);
    assert.equal(folders.route('/ws/notes.md'), ws, 'a workspace folder is never dropped as an outside one');
    const added = folders.add('/elsewhere');
    assert.equal(folders.route('/elsewhere/notes/a.md'), added);
    assert.deepEqual(folders.all().map((folder) => folder.root), ['/ws', '/ws/inner', '/elsewhere']);

    assert.equal(folders.remove('/ws/inner'), true);
    assert.equal(folders.route('/ws/inner/notes.md'), ws);
    assert.equal(folders.remove('/nowhere'), false);
  });

  it('recognises the explicit configuration file as a configuration file, and gives it to the folder that contains it', () => {
    const folders = new Folders(fileSystem, { configFile: '/ws/team/cite.json' });
    const ws = folders.add('/ws');
    const other = folders.add('/other');
    assert.equal(folders.isConfigFile('/ws/team/cite.json'), true);
    assert.equal(folders.isConfigFile('/other/oewg-cite.json'), true);
    assert.equal(folders.isConfigFile('/ws/team/other.json'), false);
    assert.match(ws.service.configuration().problems.map((problem) => problem.message).join('\n'), /cannot read the configuration file \/ws\/team\/cite\.json/);
    assert.doesNotMatch(other.service.configuration().problems.map((problem) => problem.message).join('\n'), /cite\.json/);
  });
});
