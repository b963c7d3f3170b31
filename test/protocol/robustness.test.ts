// dist/server.js fed what a well-behaved client never sends: broken framing
// (the server must exit with an error so that the editor restarts it),
// messages out of the lifecycle, malformed params, URIs outside the
// workspace. Each answer is checked against the LSP specification, and the
// server is checked to keep serving afterwards.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { RawLspProcess, TestLspClient } from '../support/lspClient';
import { samplesDir } from '../support/paths';

const RESPONSE = 'submissions/response-to-zero-draft.md';
const response = fs.readFileSync(path.join(samplesDir, RESPONSE), 'utf8');
const responseUri = URI.file(path.join(samplesDir, RESPONSE)).toString();
const at12 = TestLspClient.positionOf(response, 'para 12', 5);

const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;
const SERVER_NOT_INITIALIZED = -32002;
const REQUEST_FAILED = -32803;

const initialize = (raw: RawLspProcess, id = 1) =>
  raw.request(id, 'initialize', { processId: null, rootUri: URI.file(samplesDir).toString(), workspaceFolders: [{ uri: URI.file(samplesDir).toString(), name: 'samples' }], capabilities: {} });

describe('language server over stdio: a framing error ends the process with an error', function () {
  this.timeout(60000);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: responseUri }, position: at12 } });
  const cases: Record<string, string> = {
    'no Content-Length': `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`,
    'a Content-Length that is not a number': `Content-Length: twelve\r\n\r\n${body}`,
    'a negative Content-Length': `Content-Length: -5\r\n\r\n${body}`,
    'a header line without a colon': `Content-Length ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    'a body longer than declared': `Content-Length: 20\r\n\r\n${body}`,
    'a body that is not JSON': `Content-Length: 14\r\n\r\n{"jsonrpc": 2.`,
  };

  it('after initialize, each of: ' + Object.keys(cases).join(', '), async () => {
    await Promise.all(
      Object.entries(cases).map(async ([name, bytes]) => {
        const raw = new RawLspProcess();
        try {
          assert.ok((await initialize(raw)).result, `${name}: initialized`);
          raw.write(bytes);
          assert.equal(await raw.exited, 1, `${name}: exit code`);
          assert.match(raw.stderr, /the message stream is broken \(.+\); exiting so that the editor restarts the server/, name);
        } finally {
          raw.kill();
        }
      }),
    );
  });

  it('a well-framed stream keeps the server alive, and exit after shutdown ends it with 0', async () => {
    const raw = new RawLspProcess();
    try {
      await initialize(raw);
      raw.send({ method: 'initialized', params: {} });
      assert.deepEqual((await raw.request(2, 'shutdown')).result, null);
      raw.send({ method: 'exit' });
      assert.equal(await raw.exited, 0);
    } finally {
      raw.kill();
    }
  });
});

describe('language server over stdio: the lifecycle', function () {
  this.timeout(60000);

  it('answers ServerNotInitialized before initialize, keeps a document opened too early, and serves it once initialized', async () => {
    const raw = new RawLspProcess();
    try {
      const early = await raw.request(1, 'textDocument/hover', { textDocument: { uri: responseUri }, position: at12 });
      assert.equal(early.error?.code, SERVER_NOT_INITIALIZED);
      assert.equal((await raw.request(9, 'oewgCite/citationReport', { uri: responseUri })).error?.code, SERVER_NOT_INITIALIZED);
      for (const [id, params] of [[10, null], [11, { processId: null }]] as const) {
        const malformed = await raw.request(id, 'initialize', params);
        assert.equal(malformed.error?.code, INVALID_PARAMS, JSON.stringify(malformed));
        assert.match(malformed.error!.message, /params must be an object with "capabilities"/);
      }
      raw.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: responseUri, languageId: 'markdown', version: 1, text: response } } });
      await initialize(raw, 2);
      raw.send({ method: 'initialized', params: {} });
      const hover = await raw.request(3, 'textDocument/hover', { textDocument: { uri: responseUri }, position: at12 });
      assert.match((hover.result as { contents: { value: string } }).contents.value, /\*\*Zero Draft, para 12\*\*/);
      assert.equal((await raw.request(4, 'initialize', { processId: null, rootUri: null, capabilities: {} })).error?.code, INVALID_REQUEST, 'a second initialize');
    } finally {
      raw.kill();
    }
  });

  it('answers InvalidRequest to every request after shutdown', async () => {
    const client = new TestLspClient({ root: samplesDir });
    try {
      await client.start();
      await client.open(RESPONSE, response);
      assert.ok(await client.request('textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: at12 }));
      await client.request('shutdown', undefined);
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: at12 }],
        ['workspace/symbol', { query: 'para 12' }],
        ['oewgCite/drafts', {}],
      ] as const) {
        const error = await client.requestError(method, params);
        assert.equal(error.code, INVALID_REQUEST, method);
        assert.match(error.message, /shutting down/);
      }
    } finally {
      await client.stop();
    }
  });
});

describe('language server over stdio: malformed params and documents outside the workspace', function () {
  this.timeout(60000);
  let client: TestLspClient;

  before(async () => {
    client = new TestLspClient({ root: samplesDir });
    await client.start();
    await client.open(RESPONSE, response);
  });
  after(() => client.stop());

  it('answers InvalidParams, saying what is wrong, to missing or malformed params', async () => {
    const uri = client.uri(RESPONSE);
    const cases: Array<[string, unknown, RegExp]> = [
      ['textDocument/hover', null, /params must be \{ textDocument/],
      ['textDocument/hover', {}, /"textDocument" must be/],
      ['textDocument/hover', { textDocument: { uri } }, /"position" must be/],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, /"position" must be/],
      ['textDocument/definition', { textDocument: { uri: 7 }, position: at12 }, /"textDocument" must be/],
      ['textDocument/completion', [1, 2], /params must be \{ textDocument/],
      ['textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }, /"range" must be/],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: at12, end: at12 }, context: { only: 'quickfix' } }, /"context" must be/],
      ['textDocument/references', { textDocument: { uri }, position: at12, context: 'all' }, /"context" must be/],
      ['workspace/symbol', { query: 12 }, /"query" must be a string/],
      ['oewgCite/citationReport', {}, /"uri" must be the URI of a document/],
      ['oewgCite/checkAllQuotations', { uri: '' }, /"uri" must be/],
      ['oewgCite/updateCitations', { uri, preview: 'no' }, /"preview" must be true or false/],
      ['oewgCite/compareDrafts', { older: 'zero-draft' }, /"newer" must be a string/],
      ['oewgCite/draftText', null, /params must be \{ uri: string \}/],
    ];
    for (const [method, params, message] of cases) {
      const error = await client.requestError(method, params);
      assert.equal(error.code, INVALID_PARAMS, `${method} ${JSON.stringify(params)}: ${error.message}`);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /Cannot read properties|undefined/);
    }
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at12 });
    assert.match(hover.contents.value, /Zero Draft, para 12/, 'still serving');
  });

  it('the custom requests answer only for documents of the workspace, and fail at once for any other URI', async () => {
    for (const uri of ['file:///dev/zero', 'file:///etc/passwd', URI.file(path.join(samplesDir, '..', 'package.json')).toString(), 'untitled:Untitled-1']) {
      for (const method of ['oewgCite/citationReport', 'oewgCite/checkAllQuotations', 'oewgCite/updateCitations', 'oewgCite/drafts']) {
        const error = await client.requestError(method, { uri });
        assert.equal(error.code, REQUEST_FAILED, `${method} ${uri}`);
        assert.match(error.message, /is not a document of this workspace/);
      }
      const text = await client.requestError('oewgCite/draftText', { uri: uri.replace(/^file:/, 'oewg-draft:') });
      assert.equal(text.code, REQUEST_FAILED);
      assert.match(text.message, /is neither in the workspace nor a draft of its configuration/);
    }
    const report = await client.request<string>('oewgCite/citationReport', { uri: client.uri(RESPONSE) });
    assert.match(report, /^# Citation report: response-to-zero-draft\.md/);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: at12 });
    assert.match(hover.contents.value, /Zero Draft, para 12/, 'the next hover is answered');
  });

  it('a malformed notification is ignored and the server keeps serving', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(RESPONSE) }, contentChanges: 'all of it' });
    await client.connection.sendNotification('textDocument/didOpen', null);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{}] });
    await client.connection.sendNotification('oewgCite/workspaceTrust', { trusted: 'yes' });
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: at12 });
    assert.match(hover.contents.value, /Zero Draft, para 12/);
  });
});
