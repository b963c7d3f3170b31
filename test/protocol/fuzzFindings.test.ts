// What the protocol fuzzer (test/protocol/fuzz.test.ts, `npm run fuzz`) found,
// each kept as the message or file that showed it: the server must answer or
// ignore it with a message, keep serving, and log no internal failure.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { matchesGlobs } from '../../server/src/core/workspace';
import { checkAnswer, ErrorCode, FuzzServer } from '../support/fuzzClient';
import { samplesDir } from '../support/paths';
import { copySamples, removeDir } from '../support/tempWorkspace';

const RESPONSE = 'submissions/response-to-zero-draft.md';
const response = fs.readFileSync(path.join(samplesDir, RESPONSE), 'utf8');
const at12 = (() => {
  const index = response.indexOf('in para 12') + 'in para 1'.length;
  const before = response.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 };
})();

/** Messages the server logged about a handler that failed on a bug (a TypeError and the like). */
function internalFailures(server: FuzzServer): string[] {
  return server.notifications
    .filter((entry) => entry.method === 'window/logMessage' && /TypeError|Cannot read propert|is not a function/.test(entry.params?.message ?? ''))
    .map((entry) => entry.params.message as string);
}

async function hoverAt12(server: FuzzServer): Promise<string> {
  const hover = await server.result('textDocument/hover', { textDocument: { uri: server.uri(RESPONSE) }, position: at12 });
  return hover?.contents?.value ?? '';
}

describe('protocol fuzzer findings: well-framed messages the library would choke on', function () {
  this.timeout(30000);
  let server: FuzzServer;

  beforeEach(async () => {
    server = new FuzzServer({ root: samplesDir });
    await server.initialize();
    server.notify('textDocument/didOpen', { textDocument: { uri: server.uri(RESPONSE), languageId: 'markdown', version: 1, text: response } });
  });
  afterEach(() => server.stop());

  // Each of these ended the process with "the message stream is broken (Cannot read properties of …)".
  for (const [name, body] of [
    ['a $/cancelRequest whose params are a list', { jsonrpc: '2.0', method: '$/cancelRequest', params: ['lgcOrJ7', { Uw: null }] }],
    ['a $/cancelRequest without params', { jsonrpc: '2.0', method: '$/cancelRequest' }],
    ['a $/cancelRequest with null params', { jsonrpc: '2.0', method: '$/cancelRequest', params: null }],
    ['a body that is JSON null', 'null'],
    ['a body that is a number', '0'],
  ] as const) {
    it(`${name}: ignored with a message on stderr, and the server keeps serving`, async () => {
      server.sendRaw(body);
      assert.match(await hoverAt12(server), /\*\*Zero Draft, para 12\*\*/);
      assert.equal(server.exitCode, undefined);
      assert.match(server.stderr, /oewg-cite: a (\$\/cancelRequest without an id|message that is not a JSON object).* was ignored/);
    });
  }

  it('a request cancelled with a string id is still answered (cancelled or served), and the server keeps serving', async () => {
    const answer = server.requestWithId('to-cancel', 'oewgCite/citationReport', { uri: server.uri(RESPONSE) });
    server.notify('$/cancelRequest', { id: 'to-cancel' });
    const result = await answer;
    checkAnswer(result, 'oewgCite/citationReport');
    assert.ok(result.error ? result.error.code === ErrorCode.RequestCancelled : typeof result.result === 'string', JSON.stringify(result));
    assert.match(await hoverAt12(server), /\*\*Zero Draft, para 12\*\*/);
  });

  // These were caught by the library, but only after a TypeError in its handler or ours.
  for (const [method, params] of [
    ['textDocument/didSave', undefined],
    ['textDocument/didSave', { textDocument: null }],
    ['$/setTrace', null],
    ['workspace/didChangeWorkspaceFolders', null],
    ['workspace/didChangeWorkspaceFolders', {}],
  ] as const) {
    it(`${method} with params ${JSON.stringify(params)}: ignored without an internal failure`, async () => {
      server.notify(method, params);
      assert.match(await hoverAt12(server), /\*\*Zero Draft, para 12\*\*/);
      assert.deepEqual(internalFailures(server), []);
    });
  }

  it('a custom request whose "uri" is no URI (a scheme with illegal characters): InvalidParams, not an internal error', async () => {
    for (const method of ['oewgCite/checkAllQuotations', 'oewgCite/citationReport', 'oewgCite/updateCitations', 'oewgCite/draftText', 'oewgCite/drafts', 'oewgCite/recommendations']) {
      const answer = await server.request(method, { uri: '|"y5~:JfAz' });
      checkAnswer(answer, method);
      assert.equal(answer.error?.code, ErrorCode.InvalidParams, `${method}: ${JSON.stringify(answer)}`);
      assert.match(String(answer.error?.message), /"uri" is not a URI: "\|\\"y5~:JfAz"/);
    }
    assert.match(await hoverAt12(server), /\*\*Zero Draft, para 12\*\*/);
  });

  it('a request whose "textDocument" is null: InvalidParams saying what is wrong, not an internal error', async () => {
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/codeAction']) {
      const answer = await server.request(method, { textDocument: null, position: { line: 18, character: 60 }, range: { start: at12, end: at12 } });
      checkAnswer(answer, method);
      assert.equal(answer.error?.code, ErrorCode.InvalidParams, `${method}: ${JSON.stringify(answer)}`);
      assert.match(String(answer.error?.message), /"textDocument" must be \{ uri: string \}/);
    }
  });
});

describe('protocol fuzzer findings: an empty glob in oewg-cite.json or in the settings', function () {
  this.timeout(30000);
  let root: string;
  let server: FuzzServer;

  beforeEach(async () => {
    root = copySamples();
    server = new FuzzServer({ root });
    await server.initialize();
    server.notify('textDocument/didOpen', { textDocument: { uri: server.uri(RESPONSE), languageId: 'markdown', version: 1, text: response } });
  });
  afterEach(async () => {
    await server.stop();
    removeDir(root);
  });

  it('matches nothing (it made picomatch throw, and every handler that asked whether a file is a submission failed)', () => {
    assert.equal(matchesGlobs('/w', '/w/submissions/a.md', ['']), false);
    assert.equal(matchesGlobs('/w', '/w/submissions/a.md', ['', 'submissions/**/*.md']), true);
    assert.equal(matchesGlobs('/w', '/w/notes.md', []), false);
  });

  it('"submissions": [""] in oewg-cite.json: the submission named by the other glob is still checked, hovers answer, nothing fails', async () => {
    const file = path.join(root, 'oewg-cite.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...config, submissions: ['', 'submissions/**/*.md'] }));
    const since = server.notificationCount;
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 2 }] });
    const published = await server.waitForNotification('textDocument/publishDiagnostics', (params) => params.uri === server.uri(RESPONSE) && params.diagnostics.length > 0, since);
    assert.ok(published.diagnostics.some((d: { code: string }) => d.code === 'paragraph-renumbered'), JSON.stringify(published.diagnostics.map((d: { code: string }) => d.code)));
    assert.match(await hoverAt12(server), /\*\*Zero Draft, para 12\*\*/);
    assert.deepEqual(internalFailures(server), []);
  });

  it('"oewgCite.draftGlobs": ["", …] in the settings of a workspace without oewg-cite.json: drafts found by the other globs, hovers answer, nothing fails', async () => {
    const config = path.join(root, 'oewg-cite.json');
    fs.rmSync(config);
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(config).toString(), type: 3 }] });
    server.settings = { draftGlobs: ['', 'drafts/**/*.txt'] };
    const since = server.notificationCount;
    server.notify('workspace/didChangeConfiguration', { settings: {} });
    // The settings are read back from the client: the status after that says the drafts were found again.
    // (Without oewg-cite.json the last draft found is current: drafts/zero-draft.txt, the only .txt.)
    await server.waitForNotification('oewgCite/status', (status) => status.currentDraft?.label === 'Zero Draft', since, 5000);
    assert.match(await hoverAt12(server), /\*\*Zero Draft, para 12\*\*/);
    assert.deepEqual(internalFailures(server), []);
  });
});
