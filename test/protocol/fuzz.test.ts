// The protocol fuzzer: dist/server.js --stdio fed broken framing, odd JSON-RPC
// messages, requests at random positions on the samples and on random texts,
// random incremental edits, random oewg-cite.json contents and settings, and
// damaged PDF and Word drafts. Whatever arrives, the server
//   - does not crash or exit (except on a framing error, with code 1 and a message),
//   - answers every request within a bound, with a result or a proper JSON-RPC
//     error (never an internal error),
//   - answers with ranges inside the texts they point into, and
//   - still answers a normal hover correctly afterwards.
// `npm test` runs a few thousand cases (OEWG_FUZZ_CASES, default 3000) split
// between the parts below; `npm run fuzz` runs 100 000. A failure prints the
// seed: OEWG_FUZZ_SEED=<seed> replays it.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ANSWER_BOUND_MS, checkAnswer, checkResult, ErrorCode, FuzzFailure, FuzzServer, short, Texts } from '../support/fuzzClient';
import {
  byteDamage,
  configText,
  damage,
  editIn,
  editSeed,
  framing,
  goodParams,
  oddMessage,
  positionIn,
  positionSeed,
  REQUEST_METHODS,
  settings,
  text as randomText,
} from '../support/fuzzInputs';
import { samplesDir } from '../support/paths';
import { sampleDocx, samplePdf } from '../support/publishedDrafts';
import { copySamples, removeDir } from '../support/tempWorkspace';

const CASES = Number(process.env.OEWG_FUZZ_CASES ?? 3000);
const SEED = process.env.OEWG_FUZZ_SEED === undefined ? undefined : Number(process.env.OEWG_FUZZ_SEED);
/** How long a server fed a declared length longer than what came may wait for the rest. */
const WAITING_FOR_MORE_MS = 1500;
/** Shrinking replays runs on a server whose state has moved on: off unless asked for. */
const SHRINK = process.env.OEWG_FUZZ_SHRINK === '1';

/** The share of the cases each part runs (at least `min`). */
function runs(share: number, min: number): number {
  return Math.max(min, Math.round(CASES * share));
}
function options(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, endOnFailure: !SHRINK, ...(SEED === undefined ? {} : { seed: SEED }) };
}

const RESPONSE = 'submissions/response-to-zero-draft.md';
const NOTES = 'submissions/notes-on-first-draft.txt';
const ZERO = 'drafts/zero-draft.txt';
const FIRST = 'drafts/first-draft.md';
const SAMPLE_FILES = [RESPONSE, NOTES, ZERO, FIRST];
const sample = (file: string) => fs.readFileSync(path.join(samplesDir, file), 'utf8');
const response = sample(RESPONSE);
const at12 = (() => {
  const index = response.indexOf('in para 12') + 'in para 1'.length;
  const before = response.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 };
})();

/** Prints how many cases a part ran and how long it took (the README gives these figures). */
function report(part: string, cases: number, started: number) {
  console.log(`      ${part}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Messages the server logged that say a handler failed on a bug rather than on its input. */
function internalFailures(server: FuzzServer): string[] {
  return server.notifications
    .filter((entry) => entry.method === 'window/logMessage' && /TypeError|RangeError|ReferenceError|SyntaxError|Maximum call stack|Cannot read propert|is not a function|is not iterable/.test(entry.params?.message ?? ''))
    .map((entry) => entry.params.message as string);
}

/** The checks after every part: alive, no internal failure logged, and a normal hover on para 12 answers correctly. */
async function stillServing(server: FuzzServer, texts: Texts): Promise<void> {
  assert.equal(server.exitCode, undefined, `the server exited${server.tail()}`);
  assert.deepEqual(internalFailures(server), []);
  const uri = server.uri(RESPONSE);
  server.notify('textDocument/didClose', { textDocument: { uri } });
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: response } });
  texts.open.set(uri, response);
  const hover = await server.result('textDocument/hover', { textDocument: { uri }, position: at12 });
  assert.match(hover?.contents?.value ?? '', /\*\*Zero Draft, para 12\*\*/, short(hover));
  checkResult('textDocument/hover', uri, hover, texts);
}

/** Sends a request, checks its answer is proper and its result well-formed. */
async function ask(server: FuzzServer, texts: Texts, method: string, params: any, id?: string): Promise<unknown> {
  const answer = await (id === undefined ? server.request(method, params) : server.requestWithId(id, method, params));
  const what = `${method} ${short(params)}`;
  checkAnswer(answer, what);
  if (answer.error) return undefined;
  try {
    checkResult(method, params?.textDocument?.uri ?? params?.uri, answer.result, texts);
  } catch (error) {
    throw new FuzzFailure(`${what}: ${(error as Error).message}\nanswer: ${short(answer.result)}`);
  }
  return answer.result;
}

describe('protocol fuzzer: broken framing ends the process with code 1, promptly', function () {
  this.timeout(0);

  it('random header and body bytes after initialize: an exit with 1 and the message, or an answer and an exit with 1 when the stream ends', async () => {
    const started = Date.now();
    const count = runs(0.003, 8);
    const outcomes = { exited: 0, answered: 0, waiting: 0 };
    await fc.assert(
      fc.asyncProperty(framing, async (bytes) => {
        const server = new FuzzServer({ root: samplesDir });
        try {
          await server.initialize();
          server.write(bytes);
          // A request after the bytes: it is answered (the bytes happened to frame well), the stream is
          // found broken (exit 1 at once, saying so), or the server waits for the rest of a body
          // whose length the bytes declared: then the editor going away (the input ending) ends it.
          const answered = server.request('oewgCite/drafts', {}, WAITING_FOR_MORE_MS).then(
            () => 'answered' as const,
            () => 'waiting' as const,
          );
          const outcome = await Promise.race([server.exited.then(() => 'exited' as const), answered]);
          if (outcome !== 'exited') server.endInput();
          const code = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve('no exit'), ANSWER_BOUND_MS).unref())]);
          assert.equal(code, 1, `exit code after ${JSON.stringify(bytes)} (${outcome})${server.tail()}`);
          assert.doesNotMatch(server.stderr, /TypeError|Uncaught|at .+\.js:\d+/, JSON.stringify(bytes));
          // (The reason may quote the bytes, control characters included.)
          if (outcome === 'exited') assert.match(server.stderr, /the message stream is broken \([^]+\); exiting so that the editor restarts the server/, JSON.stringify(bytes));
          outcomes[outcome]++;
        } finally {
          server.kill();
        }
      }),
      options(count),
    );
    report(`broken framing (${outcomes.exited} exited at once, ${outcomes.answered} framed well after all, ${outcomes.waiting} waited for more bytes until the input ended)`, count, started);
  });
});

describe('protocol fuzzer: odd JSON-RPC, well framed', function () {
  this.timeout(0);
  let server: FuzzServer;
  const texts = new Texts();

  before(async () => {
    server = new FuzzServer({ root: samplesDir });
    await server.initialize();
    const uri = server.uri(RESPONSE);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: response } });
    texts.open.set(uri, response);
  });
  after(() => server.stop());

  it('wrong types, unknown methods, odd ids, missing params, bodies that are not messages: each answered properly or ignored, and the server keeps serving', async () => {
    const started = Date.now();
    const count = runs(0.3, 300);
    const uri = server.uri(RESPONSE);
    let pings = 0;
    await fc.assert(
      fc.asyncProperty(oddMessage(uri), async (message) => {
        const what = short(message.body);
        if (message.expect === 'none') {
          server.sendRaw(typeof message.body === 'string' ? message.body : message.body);
        } else {
          const body = message.body as Record<string, unknown>;
          const answer = await server.requestWithId(message.id, body.method, body.params, ANSWER_BOUND_MS, !('params' in body));
          checkAnswer(answer, what);
          if (message.expect === 'method-not-found') assert.equal(answer.error?.code, ErrorCode.MethodNotFound, `${what}: ${short(answer)}`);
          else if (!answer.error) {
            try {
              checkResult(body.method as string, (body.params as any)?.textDocument?.uri ?? (body.params as any)?.uri, answer.result, texts);
            } catch (error) {
              throw new FuzzFailure(`${what}: ${(error as Error).message}`);
            }
          }
        }
        // Still serving: the next request is answered.
        const ping = await server.requestWithId(`ping-${pings++}`, 'oewgCite/drafts', { uri });
        checkAnswer(ping, `oewgCite/drafts after ${what}`);
        assert.ok(Array.isArray(ping.result), `oewgCite/drafts after ${what}: ${short(ping)}`);
      }),
      options(count),
    );
    await stillServing(server, texts);
    report('odd JSON-RPC', count, started);
  });
});

describe('protocol fuzzer: requests, edits, configurations and drafts', function () {
  this.timeout(0);

  describe('random requests at random positions', () => {
    let root: string;
    let server: FuzzServer;
    const texts = new Texts();

    before(async () => {
      root = copySamples();
      server = new FuzzServer({ root, pullDiagnostics: true });
      await server.initialize();
      for (const file of SAMPLE_FILES) {
        const uri = server.uri(file);
        const body = sample(file);
        server.notify('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'plaintext', version: 1, text: body } });
        texts.open.set(uri, body);
      }
    });
    after(async () => {
      await server.stop();
      removeDir(root);
    });

    const where = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SAMPLE_FILES).map((file) => ({ file, text: undefined as string | undefined })) },
      {
        weight: 2,
        arbitrary: fc.record({ file: fc.constantFrom('submissions/random.md', 'submissions/random.txt', 'notes.md', 'drafts/new.md', 'deep/a b/ü.md'), text: randomText }),
      },
    );
    const request = fc.record({ method: fc.constantFrom(...REQUEST_METHODS.filter((method) => method !== 'oewgCite/draftText')), at: positionSeed, to: positionSeed, query: fc.oneof(fc.constantFrom('', 'para', '12', 'Zero', 'A/RES'), fc.string({ maxLength: 6 })) });

    it('hover, definition, completion, references, code actions, symbols, code lenses, links, diagnostics and the oewgCite requests: answered, with ranges inside the texts', async () => {
      const started = Date.now();
      const count = runs(0.367, 350);
      let version = 1;
      let together = 0;
      await fc.assert(
        fc.asyncProperty(where, fc.array(request, { minLength: 1, maxLength: 4 }), fc.constantFrom('one by one', 'one by one', 'together', 'together, the first cancelled'), async ({ file, text }, requests, how) => {
          const uri = server.uri(file);
          if (text !== undefined) {
            server.notify('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'plaintext', version: ++version, text } });
            texts.open.set(uri, text);
          }
          const body = texts.open.get(uri)!;
          try {
            const asked = requests.map(({ method, at, to, query }) => {
              const position = positionIn(body, at);
              const params: any = goodParams(method, uri, position);
              if (method === 'workspace/symbol') params.query = query;
              if (method === 'textDocument/codeAction') {
                const end = positionIn(body, to);
                params.range = position.line < end.line || (position.line === end.line && position.character <= end.character) ? { start: position, end } : { start: end, end: position };
              }
              return { method, params };
            });
            if (how === 'one by one') {
              for (const { method, params } of asked) await ask(server, texts, method, params);
            } else {
              // Sent without waiting, as an editor does; a cancelled request answers RequestCancelled or its result.
              const ids = asked.map(() => `together-${together++}`);
              const answers = asked.map(({ method, params }, i) => ask(server, texts, method, params, ids[i]));
              if (how === 'together, the first cancelled') server.notify('$/cancelRequest', { id: ids[0] });
              await Promise.all(answers);
            }
          } finally {
            if (text !== undefined) {
              server.notify('textDocument/didClose', { textDocument: { uri } });
              texts.open.delete(uri);
            }
          }
        }),
        options(count),
      );
      await stillServing(server, texts);
      report('random requests', count, started);
    });
  });

  describe('random incremental edits', () => {
    let root: string;
    let server: FuzzServer;
    const texts = new Texts();
    const documents = new Map<string, TextDocument>();
    /** Per file, the contentChanges sent since the document was last whole (the first: the whole text). */
    const history = new Map<string, unknown[]>();

    before(async () => {
      root = copySamples();
      server = new FuzzServer({ root, pullDiagnostics: true });
      await server.initialize();
      for (const file of SAMPLE_FILES) {
        const uri = server.uri(file);
        const document = TextDocument.create(uri, file.endsWith('.md') ? 'markdown' : 'plaintext', 1, sample(file));
        documents.set(file, document);
        history.set(file, [{ text: document.getText() }]);
        server.notify('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version: 1, text: document.getText() } });
        texts.open.set(uri, document.getText());
      }
    });
    after(async () => {
      await server.stop();
      removeDir(root);
    });

    const editRun = fc.record({
      file: fc.constantFrom(RESPONSE, RESPONSE, NOTES, NOTES, ZERO, FIRST),
      reset: fc.nat(5).map((n) => n === 0),
      crlf: fc.nat(7).map((n) => n === 0),
      edits: fc.array(fc.array(editSeed, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
      method: fc.constantFrom(...REQUEST_METHODS.filter((method) => !method.startsWith('oewgCite/') || method === 'oewgCite/citationReport')),
      at: positionSeed,
      compare: fc.nat(9).map((n) => n === 0),
    });

    it('didChange with random ranges (CRLF, surrogate pairs, past the end) followed by requests: answers on the text the client has, diagnostics as on a fresh document', async () => {
      const started = Date.now();
      const count = runs(0.25, 250);
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(editRun, async ({ file, reset, crlf, edits, method, at, compare }) => {
          let document = documents.get(file)!;
          const uri = document.uri;
          if (reset || document.getText().length > 60_000) {
            let original = sample(file);
            if (crlf) original = original.replace(/\n/g, '\r\n');
            document = TextDocument.create(uri, document.languageId, document.version + 1, original);
            server.notify('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [{ text: original }] });
            history.set(file, [{ text: original }]);
          }
          for (const batch of edits) {
            // Each change of a batch applies to the text left by the one before (as the specification says).
            const changes: Array<{ range: any; text: string }> = [];
            // (TextDocument.update changes the document it is given: work on a copy.)
            let current = TextDocument.create(uri, document.languageId, document.version, document.getText());
            for (const seed of batch) {
              const change = editIn(current.getText(), seed);
              changes.push(change);
              current = TextDocument.update(current, [change], current.version);
            }
            document = TextDocument.update(document, changes, document.version + 1);
            server.notify('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: changes });
            history.get(file)!.push(changes);
          }
          documents.set(file, document);
          const body = document.getText();
          try {
          texts.open.set(uri, body);
          if (file === ZERO || file === FIRST) texts.forgetDisk();
          await ask(server, texts, method, goodParams(method, uri, positionIn(body, at)));
          const diagnostics = (await ask(server, texts, 'textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
          if (compare && file !== ZERO && file !== FIRST) {
            // The same text opened fresh beside it: the same diagnostics.
            compared++;
            const fresh = uri.replace(/(\.\w+)$/, `-fresh$1`);
            server.notify('textDocument/didOpen', { textDocument: { uri: fresh, languageId: document.languageId, version: 1, text: body } });
            texts.open.set(fresh, body);
            const again = (await ask(server, texts, 'textDocument/diagnostic', { textDocument: { uri: fresh } })) as { items: unknown[] };
            server.notify('textDocument/didClose', { textDocument: { uri: fresh } });
            texts.open.delete(fresh);
            assert.deepEqual(again.items, diagnostics.items, `diagnostics of the edited ${file} and of the same text opened fresh\ntext: ${JSON.stringify(body)}`);
          }
          } catch (error) {
            // The changes since the document was last whole, for a regression test.
            const saved = path.join(os.tmpdir(), `oewg-cite-fuzz-edits-${Date.now()}.json`);
            fs.writeFileSync(saved, JSON.stringify({ file, changes: history.get(file), text: body }, null, 1));
            throw new FuzzFailure(`${(error as Error).message}\nthe didChange contents since the document was whole, and its text: ${saved}`);
          }
        }),
        options(count),
      );
      // Back to the samples, then the normal hover.
      for (const [file, document] of documents) {
        server.notify('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version + 1 }, contentChanges: [{ text: sample(file) }] });
        texts.open.set(document.uri, sample(file));
      }
      texts.forgetDisk();
      await stillServing(server, texts);
      report(`random edits (${compared} compared with a fresh document)`, count, started);
    });
  });

  describe('random oewg-cite.json contents and settings', () => {
    let root: string;
    let server: FuzzServer;
    const texts = new Texts();

    before(async () => {
      root = copySamples();
      server = new FuzzServer({ root });
      await server.initialize();
      for (const file of [RESPONSE, NOTES]) {
        const uri = server.uri(file);
        server.notify('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'plaintext', version: 1, text: sample(file) } });
        texts.open.set(uri, sample(file));
      }
    });
    after(async () => {
      await server.stop();
      removeDir(root);
    });

    const change = fc.record({
      // null: oewg-cite.json deleted (the drafts are then found with the draftGlobs setting).
      config: fc.option(fc.oneof({ weight: 8, arbitrary: configText }, { weight: 1, arbitrary: fc.constant(null) }), { freq: 5, nil: undefined }),
      userSettings: fc.option(settings, { freq: 3, nil: undefined }),
      method: fc.constantFrom(...REQUEST_METHODS.filter((method) => method !== 'oewgCite/draftText' && method !== 'oewgCite/checkAllQuotations')),
      file: fc.constantFrom(RESPONSE, NOTES, ZERO, FIRST),
      at: positionSeed,
      older: fc.constantFrom('zero-draft', 'first-draft', 'pre-draft', 'ZD', '', 'x'),
      newer: fc.constantFrom('zero-draft', 'first-draft', 'Zero Draft', '__proto__'),
    });

    it('written to disk and announced with workspace/didChangeWatchedFiles (or sent as settings): every request answered, with ranges inside the texts', async () => {
      const started = Date.now();
      const count = runs(0.07, 50);
      const configFile = path.join(root, 'oewg-cite.json');
      await fc.assert(
        fc.asyncProperty(change, async ({ config, userSettings, method, file, at, older, newer }) => {
          if (config !== undefined) {
            if (config === null) fs.rmSync(configFile, { force: true });
            else fs.writeFileSync(configFile, config);
            server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(configFile).toString(), type: config === null ? 3 : 2 }] });
          }
          if (userSettings !== undefined) {
            server.settings = userSettings;
            server.notify('workspace/didChangeConfiguration', { settings: {} });
          }
          const uri = server.uri(file);
          const body = texts.textOf(uri) ?? '';
          const params: any = goodParams(method, uri, positionIn(body, at));
          if (method === 'oewgCite/compareDrafts') Object.assign(params, { older, newer });
          await ask(server, texts, method, params);
          await ask(server, texts, 'textDocument/hover', { textDocument: { uri: server.uri(RESPONSE) }, position: at12 });
        }),
        options(count),
      );
      fs.copyFileSync(path.join(samplesDir, 'oewg-cite.json'), configFile);
      server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(configFile).toString(), type: 2 }] });
      await server.changeSettings({});
      await stillServing(server, texts);
      report('random configurations and settings', count, started);
    });
  });

  describe('damaged PDF and Word drafts', () => {
    let root: string;
    let server: FuzzServer;
    const texts = new Texts();
    let pdf: Uint8Array;
    let docx: Uint8Array;
    const NOTES_MD = 'notes.md';
    const notes = 'We support para 17 of the Zero Draft, para 12 of the First Draft and para 3 of the Word Draft.\n';

    before(async () => {
      root = copySamples();
      const zero = sample(ZERO);
      pdf = (await samplePdf(zero)).bytes;
      docx = await sampleDocx(zero);
      fs.writeFileSync(path.join(root, 'drafts', 'zero-draft.pdf'), pdf);
      fs.writeFileSync(path.join(root, 'drafts', 'word-draft.docx'), docx);
      fs.writeFileSync(
        path.join(root, 'oewg-cite.json'),
        JSON.stringify({
          drafts: [
            { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.pdf' },
            { id: 'word-draft', label: 'Word Draft', path: 'drafts/word-draft.docx' },
            { id: 'first-draft', label: 'First Draft', path: 'drafts/first-draft.md' },
          ],
          current: 'first-draft',
          submissions: ['*.md', 'submissions/**/*.md'],
        }),
      );
      server = new FuzzServer({ root });
      await server.initialize();
      const uri = server.uri(NOTES_MD);
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: notes } });
      texts.open.set(uri, notes);
      // Both drafts read before the damage starts.
      await server.waitForNotification('oewgCite/status', (status) => status.draftCount === 3, 0, 60_000);
    });
    after(async () => {
      await server.stop();
      removeDir(root);
    });

    const at = (needle: string) => ({ line: 0, character: notes.indexOf(needle) + needle.length - 1 });

    it('truncated or bit-flipped bytes written over a draft: its text is read or refused with a reason, and citations of it are answered', async () => {
      const started = Date.now();
      const count = runs(0.01, 12);
      const outcomes = { read: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('pdf' as const, 'docx' as const), byteDamage, fc.constantFrom('para 17', 'para 12', 'para 3'), async (kind, how, cited) => {
          const file = path.join(root, 'drafts', kind === 'pdf' ? 'zero-draft.pdf' : 'word-draft.docx');
          fs.writeFileSync(file, damage(kind === 'pdf' ? pdf : docx, how));
          server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 2 }] });
          const text = (await ask(server, texts, 'oewgCite/draftText', { uri: URI.file(file).toString() })) as { text?: string; error?: string } | undefined;
          assert.ok(text, `oewgCite/draftText on ${kind} damaged by ${JSON.stringify(how)}`);
          outcomes[text.text !== undefined ? 'read' : 'refused']++;
          const uri = server.uri(NOTES_MD);
          await ask(server, texts, 'textDocument/hover', { textDocument: { uri }, position: at(cited) });
          await ask(server, texts, 'textDocument/definition', { textDocument: { uri }, position: at(cited) });
          await ask(server, texts, 'oewgCite/drafts', { uri });
        }),
        options(count),
      );
      for (const [name, bytes] of [['zero-draft.pdf', pdf], ['word-draft.docx', docx]] as const) {
        const file = path.join(root, 'drafts', name);
        fs.writeFileSync(file, bytes);
        server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 2 }] });
        const answer = (await ask(server, texts, 'oewgCite/draftText', { uri: URI.file(file).toString() })) as { text?: string };
        assert.match(answer.text ?? '', /17\. States reaffirmed that the Charter/, `${name} mended`);
      }
      const hover = (await ask(server, texts, 'textDocument/hover', { textDocument: { uri: server.uri(NOTES_MD) }, position: at('para 17') })) as { contents: { value: string } };
      assert.match(hover.contents.value, /\*\*Zero Draft, para 17\*\*/);
      await stillServing(server, texts);
      report(`damaged PDF and Word drafts (${outcomes.read} read, ${outcomes.refused} refused with a reason)`, count, started);
    });
  });
});
