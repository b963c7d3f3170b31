// What the protocol fuzzer sends: texts cut and joined from the pieces real
// submissions are made of, positions and ranges anywhere (inside, at the
// edges, past the end, inside CRLF line ends and surrogate pairs), JSON-RPC
// messages of every odd shape, oewg-cite.json contents and settings, and
// damaged PDF and Word bytes.
import fc from 'fast-check';
import type { Position, Range } from './fuzzClient';
import { linesOf } from './fuzzClient';

export const PIECES = [
  'para 12', 'paras 9–11', 'paragraphs 24, 28 and 30', '¶¶ 57-60', '¶ 41', 'paragraph 13(a)', 'para 74 bis', 'paras 60-57', 'para 130', 'Paragraph 13 says',
  'of the Zero Draft', 'of the First Draft', 'of the Pre-draft', 'Zero Draft, para 14', '(First Draft, para 5)', 'of our submission', 'above', 'et seq.',
  '“growing in scale, frequency and sophistication”', '"could have grave', 'consequences"', '“…”', '[s]tates', '[…]', '«', '»',
  'A/RES/70/237', 'resolution 73/27', 'A/70/174, para 12', 'A/RES/70-237', 'S/RES/2341 (2017)', '43/78(H)', 'at [64]', 'Res 70/237',
  '\n', '\n\n', '\r\n', '\r', '## Comments on the Zero Draft\n', '---\ndraft: zero-draft\n---\n', '---\ndraft: [\n', '---\ndraft: first-draft\n---\n', '> ', '- ', '1. ', '```\n',
  '¹', '²', '[^2]', '[^2]: A note.\n', '<sup>3</sup>', '**', '_', '(', ')', ', ', '; ', '. ', ' and ', ' ', '\u00a0', '\t', 'States agreed that', 'é', 'e\u0301',
  '🙂', '\ud83d', '\ude42', '\ufeff', '\u0000', '\u2028', '12. ', 'A. Introduction\n', '[', ']', '{', '}', '\\', '%', 'https://example.invalid/x',
];

export const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

/** A piece of text to insert: pieces, or a few characters of anything. */
export const insertion = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** A position picked by fractions of the text's lines (so it lands on any text), sometimes past the end. */
const fraction = (max: number) => fc.integer({ min: 0, max: Math.round(max * 1000) }).map((n) => n / 1000);
/** Fractions spread evenly, and doubles (which fast-check draws close to 0 and 1 often: the first lines and characters). */
const edgeOrSpread = (max: number) => fc.oneof(fraction(max), fc.double({ min: 0, max, noNaN: true }));
export const positionSeed = fc.record({
  line: edgeOrSpread(1.1),
  character: edgeOrSpread(1.2),
  far: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
});
export type PositionSeed = { line: number; character: number; far: boolean };

export function positionIn(text: string, seed: PositionSeed, lines = linesOf(text)): Position {
  if (seed.far) return { line: Math.floor(seed.line * 1e9), character: Math.floor(seed.character * 1e9) };
  const line = Math.min(Math.floor(seed.line * lines.length), lines.length + 1);
  const length = lines[line]?.length ?? 3;
  return { line, character: Math.floor(seed.character * (length + 1)) };
}

export function rangeIn(text: string, a: PositionSeed, b: PositionSeed, lines = linesOf(text)): Range {
  const start = positionIn(text, a, lines);
  const end = positionIn(text, b, lines);
  const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
  return ordered ? { start, end } : { start: end, end: start };
}

/** A range near another one (a short edit where the user types), or anywhere. */
export const editSeed = fc.record({ start: positionSeed, end: positionSeed, near: fc.boolean(), span: fc.nat(30), insert: insertion });
export type EditSeed = { start: PositionSeed; end: PositionSeed; near: boolean; span: number; insert: string };

export function editIn(text: string, seed: EditSeed): { range: Range; text: string } {
  const lines = linesOf(text);
  if (seed.near) {
    const start = positionIn(text, { ...seed.start, far: false }, lines);
    return { range: { start, end: { line: start.line, character: start.character + seed.span } }, text: seed.insert };
  }
  return { range: rangeIn(text, seed.start, seed.end, lines), text: seed.insert };
}

// ---- odd JSON-RPC ----------------------------------------------------------------

export const REQUEST_METHODS = [
  'textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/references',
  'textDocument/documentSymbol', 'workspace/symbol', 'textDocument/codeLens', 'textDocument/documentLink', 'textDocument/diagnostic',
  'oewgCite/drafts', 'oewgCite/recommendations', 'oewgCite/citationReport', 'oewgCite/compareDrafts', 'oewgCite/updateCitations',
  'oewgCite/checkAllQuotations', 'oewgCite/draftText',
];
export const NOTIFICATION_METHODS = [
  'textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave', 'workspace/didChangeWatchedFiles',
  'workspace/didChangeConfiguration', 'workspace/didChangeWorkspaceFolders', 'oewgCite/workspaceTrust', '$/cancelRequest', '$/setTrace', 'initialized',
];

const oddId = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e300, -1e-300, 1.5, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** Values of odd types for a field. */
const oddValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 40, '', 'x', [], {}, [1, 2], { line: 0 }, { uri: 7 }, 'file:///', 'untitled:x', 'oewg-draft:/nowhere.pdf'),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);

export interface OddMessage {
  /** How the fuzzer expects it to be answered. */
  expect: 'answer' | 'method-not-found' | 'none';
  /** The message (or raw JSON text for a body that is not an object). */
  body: unknown;
  /** For 'answer': the id it carries. */
  id?: unknown;
}

/** Well-shaped params of a known request, given a document and position. */
export function goodParams(method: string, uri: string, position: Position): Record<string, unknown> {
  const range = { start: position, end: position };
  switch (method) {
    case 'workspace/symbol':
      return { query: 'para' };
    case 'textDocument/codeAction':
      return { textDocument: { uri }, range, context: { diagnostics: [] } };
    case 'textDocument/references':
      return { textDocument: { uri }, position, context: { includeDeclaration: true } };
    case 'oewgCite/drafts':
    case 'oewgCite/recommendations':
    case 'oewgCite/citationReport':
    case 'oewgCite/checkAllQuotations':
    case 'oewgCite/draftText':
      return { uri };
    case 'oewgCite/updateCitations':
      return { uri, preview: false };
    case 'oewgCite/compareDrafts':
      return { older: 'zero-draft', newer: 'first-draft' };
    default:
      return { textDocument: { uri }, position };
  }
}

/** Replaces one field somewhere in `value` (depth-first, by index) with `replacement`, or drops it. */
function mutate(value: Record<string, unknown>, pick: number, replacement: unknown, drop: boolean): Record<string, unknown> {
  const paths: string[][] = [];
  const walk = (node: unknown, at: string[]) => {
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      for (const key of Object.keys(node)) {
        paths.push([...at, key]);
        walk((node as Record<string, unknown>)[key], [...at, key]);
      }
    }
  };
  walk(value, []);
  if (!paths.length) return value;
  const target = paths[pick % paths.length];
  const copy = structuredClone(value);
  let node = copy as Record<string, any>;
  for (const key of target.slice(0, -1)) node = node[key];
  if (drop) delete node[target[target.length - 1]];
  else node[target[target.length - 1]] = replacement;
  return copy;
}

export function oddMessage(uri: string): fc.Arbitrary<OddMessage> {
  const knownRequest = fc
    .record({ id: oddId, method: fc.constantFrom(...REQUEST_METHODS), pick: fc.nat(), replacement: oddValue, drop: fc.boolean(), shape: fc.nat(5), line: fc.nat(40), character: fc.nat(90) })
    .map(({ id, method, pick, replacement, drop, shape, line, character }): OddMessage => {
      const good = goodParams(method, uri, { line, character });
      const params = shape === 0 ? undefined : shape === 1 ? replacement : shape === 2 ? good : mutate(good, pick, replacement, drop);
      return { expect: 'answer', id, body: { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) } };
    });
  const unknownRequest = fc
    .record({ id: oddId, method: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('textDocument/rename', 'oewgCite/', 'oewgCite/Drafts', 'workspace/executeCommand', 'textDocument/formatting', '$/unknown', 'constructor', '__proto__', 'toString', 'hasOwnProperty')), params: oddValue })
    .filter(({ method }) => !REQUEST_METHODS.includes(method) && !['initialize', 'shutdown', 'exit'].includes(method))
    .map(({ id, method, params }): OddMessage => ({ expect: 'method-not-found', id, body: { jsonrpc: '2.0', id, method, params } }));
  const notification = fc
    .record({ method: fc.oneof(fc.constantFrom(...NOTIFICATION_METHODS), fc.string({ maxLength: 16 })), params: oddValue, pick: fc.nat(), drop: fc.boolean() })
    .filter(({ method }) => method !== 'exit')
    .map(({ method, params }): OddMessage => ({ expect: 'none', body: { jsonrpc: '2.0', method, params } }));
  const malformedNotification = fc
    .record({ method: fc.constantFrom('textDocument/didChange', 'textDocument/didOpen', 'textDocument/didClose', 'workspace/didChangeWatchedFiles'), pick: fc.nat(), replacement: oddValue, drop: fc.boolean() })
    .map(({ method, pick, replacement, drop }): OddMessage => {
      const good: Record<string, Record<string, unknown>> = {
        'textDocument/didChange': { textDocument: { uri, version: 1e6 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }] },
        'textDocument/didOpen': { textDocument: { uri: uri.replace(/\.md$/, '-copy.md'), languageId: 'markdown', version: 1, text: 'para 12' } },
        'textDocument/didClose': { textDocument: { uri: uri.replace(/\.md$/, '-copy.md') } },
        'workspace/didChangeWatchedFiles': { changes: [{ uri: uri.replace(/[^/]+$/, 'nothing.md'), type: 2 }] },
      };
      return { expect: 'none', body: { jsonrpc: '2.0', method, params: mutate(good[method], pick, replacement, drop) } };
    });
  const oddEnvelope = fc
    .oneof(
      fc.record({ id: oddValue, result: oddValue }).map((message) => ({ jsonrpc: '2.0', ...message })),
      fc.record({ id: oddValue, error: oddValue }).map((message) => ({ jsonrpc: '2.0', ...message })),
      fc.record({ id: fc.oneof(fc.constant(null), fc.array(fc.nat(), { maxLength: 2 }), fc.object({ maxDepth: 1 }), fc.boolean()), method: fc.constantFrom(...REQUEST_METHODS), params: oddValue }).map((message) => ({ jsonrpc: '2.0', ...message })),
      fc.record({ jsonrpc: oddValue, method: fc.constantFrom('oewgCite/drafts', 'textDocument/didSave'), params: fc.constant({}) }),
      fc.record({ jsonrpc: fc.constant('2.0'), method: oddValue, params: oddValue }),
      fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), method: oddValue }),
    )
    .map((body): OddMessage => ({ expect: 'none', body }));
  // Well-framed bodies that are JSON but not a message object.
  const notAnObject = fc
    .oneof(fc.constantFrom('null', 'true', '0', '"x"', '[]', '[{"jsonrpc":"2.0","id":1,"method":"oewgCite/drafts"}]', '{}', '{"jsonrpc":"2.0"}'), fc.json({ maxDepth: 2 }))
    .map((body): OddMessage => ({ expect: 'none', body }));
  return fc.oneof(
    { weight: 8, arbitrary: knownRequest },
    { weight: 2, arbitrary: unknownRequest },
    { weight: 3, arbitrary: notification },
    { weight: 3, arbitrary: malformedNotification },
    { weight: 2, arbitrary: oddEnvelope },
    { weight: 1, arbitrary: notAnObject },
  );
}

// ---- broken framing ----------------------------------------------------------------

/** Bytes whose framing may be broken: headers and bodies cut, doubled, miscounted. */
export const framing = fc
  .record({
    header: fc.oneof(
      fc.constantFrom('Content-Length', 'content-length', 'Content-Type', 'Content-Lenght', 'Content-Length ', '', 'X'),
      fc.string({ maxLength: 12 }),
    ),
    separator: fc.constantFrom(': ', ':', ' ', '', ': \t'),
    length: fc.oneof(fc.nat(400).map(String), fc.constantFrom('-1', '1e3', 'twelve', '0x10', '', ' 7', '99999999999999999999', 'NaN', '3.5')),
    lineEnd: fc.constantFrom('\r\n', '\n', '\r\n\r\n', '', '\r'),
    extraHeader: fc.constantFrom('', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n', 'Content-Type: text/plain; charset=latin1\r\n', 'X-Other: 1\r\n', ':\r\n'),
    body: fc.oneof(
      fc.constantFrom('{"jsonrpc":"2.0","id":5,"method":"oewgCite/drafts"}', '{"jsonrpc": 2.', '', '\u0000\u0000', '{}', '{"jsonrpc":"2.0","method":"initialized"'),
      fc.string({ unit: 'binary', maxLength: 60 }),
    ),
    bodyEnd: fc.constantFrom('', '\r\n', 'Content-Length: 3\r\n\r\n{}}'),
  })
  .map(({ header, separator, length, lineEnd, extraHeader, body, bodyEnd }) => `${header}${separator}${length}${lineEnd}${extraHeader}\r\n${body}${bodyEnd}`);

// ---- configurations and settings ------------------------------------------------------

const draftPath = fc.oneof(
  fc.constantFrom('drafts/zero-draft.txt', 'drafts/first-draft.md', 'drafts/zero-draft.txt', 'drafts/CHANGES.md', 'drafts/missing.txt', 'drafts', '', '.', '..', '../outside.txt', '/dev/null', 'drafts/zero-draft.pdf', 'drafts/x.docx', 'submissions/notes-on-first-draft.txt', 'oewg-cite.json', 'drafts/*.txt', 'drafts/\u0000.txt', 'C:\\drafts\\zero.txt', 'file:///etc/hostname'),
  fc.string({ maxLength: 12 }),
);
const draftId = fc.oneof(fc.constantFrom('pre-draft', 'zero-draft', 'first-draft', 'final', 'ZD', '', 'Zero Draft', '__proto__', 'constructor', 'toString'), fc.string({ maxLength: 8 }));
const draftEntry = fc.record(
  {
    id: fc.oneof(draftId, fc.constantFrom(null, 3, [] as unknown)),
    label: fc.oneof(fc.constantFrom('Zero Draft', 'First Draft', 'Pre-draft', 'Final Draft', '', 'para 12', 'A/RES/70/237'), fc.string({ maxLength: 10 }), fc.constant(7 as unknown)),
    aliases: fc.oneof(fc.array(fc.oneof(draftId, fc.constantFrom('zero draft', 'first draft', 'draft', 'the', ''))), fc.constant('zero' as unknown), fc.constant(null as unknown)),
    path: fc.oneof(draftPath, fc.constant(null as unknown), fc.constant(5 as unknown)),
    date: fc.oneof(fc.constantFrom('2021-01-19', '2021-02-30', 'yesterday', '', '0000-00-00', '2021-01-19T10:00:00Z'), fc.constant(20210119 as unknown)),
    symbol: fc.constantFrom('A/AC.290/2021/CRP.1', 'A/RES/70/237', '', 'x'),
  },
  { requiredKeys: [] },
);

/** The text of an oewg-cite.json: a structure of the right shape with odd values, any JSON, or broken JSON. */
export const configText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          drafts: fc.oneof(fc.array(draftEntry, { maxLength: 6 }), fc.constant({} as unknown), fc.constant('drafts/zero-draft.txt' as unknown)),
          current: fc.oneof(draftId, fc.constant(null as unknown), fc.constant(1 as unknown)),
          submissions: fc.oneof(fc.array(fc.constantFrom('submissions/**/*.md', 'submissions/**/*.txt', '**/*', '*.md', '', '[', '{a,b', '!**', '../**'), { maxLength: 3 }), fc.constant('submissions/**' as unknown)),
          references: fc.array(fc.record({ symbol: fc.constantFrom('A/70/174', 'A/RES/70/237', '', 'x'), path: draftPath }, { requiredKeys: [] }), { maxLength: 2 }),
          extra: fc.anything({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      )
      .map((config) => JSON.stringify(config, null, 2)),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('{\n  "drafts": [\n    { "id": "zero-draft", "label": "Zero Draft", "path": "drafts/zero-draft.txt" }\n  ],\n  "current": "zero-draft"\n}\n', '// a comment\n{ "drafts": [], }', '\ufeff{"drafts":[{"id":"a","label":"A","path":"drafts/zero-draft.txt"}]}'), fc.nat(), fc.string({ unit: 'binary', maxLength: 4 }))
      .map(([valid, cut, junk]) => valid.slice(0, cut % (valid.length + 1)) + junk),
  },
);

/** Settings as the user may write them in settings.json (or anything else). */
export const settings = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        currentDraft: fc.oneof(draftId, fc.constant(3 as unknown)),
        draftGlobs: fc.oneof(fc.array(fc.constantFrom('drafts/**/*.txt', 'drafts/**/*.md', '**/*', '', '[', 'drafts/**/*.pdf'), { maxLength: 3 }), fc.constant('drafts/*' as unknown)),
        severity: fc.oneof(
          fc.dictionary(fc.constantFrom('missing-paragraph', 'quote-differs', 'paragraph-renumbered', 'nonsense', '__proto__'), fc.constantFrom('error', 'warning', 'information', 'hint', 'off', 'loud', 1 as unknown)),
          fc.constant('off' as unknown),
        ),
        maxDraftSizeMB: fc.oneof(fc.double(), fc.constantFrom('50', -1, 0, 1e-9, 1e300 as unknown)),
        maxWordXmlMB: fc.oneof(fc.double(), fc.constantFrom('200', -1, 0 as unknown)),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

// ---- damaged PDF and Word bytes -------------------------------------------------------

export type ByteDamage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: Array<{ at: number; bit: number }> }
  | { kind: 'overwrite'; at: number; bytes: number[] }
  | { kind: 'splice'; from: number; to: number; at: number }
  | { kind: 'zero'; at: number; length: number };

export const byteDamage: fc.Arbitrary<ByteDamage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction(1) }),
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fraction(1), bit: fc.nat(7) }), { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fraction(1), bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('splice' as const), from: fraction(1), to: fraction(1), at: fraction(1) }),
  fc.record({ kind: fc.constant('zero' as const), at: fraction(1), length: fc.nat(2000) }),
) as fc.Arbitrary<ByteDamage>;

/** `bytes` damaged as `damage` says (positions are fractions of the length). */
export function damage(bytes: Uint8Array, how: ByteDamage): Uint8Array {
  const n = bytes.length;
  const at = (fraction: number) => Math.min(n - 1, Math.floor(fraction * n));
  const copy = Uint8Array.from(bytes);
  switch (how.kind) {
    case 'truncate':
      return bytes.slice(0, Math.floor(how.at * n));
    case 'flip':
      for (const flip of how.flips) copy[at(flip.at)] ^= 1 << flip.bit;
      return copy;
    case 'overwrite':
      copy.set(how.bytes.slice(0, n - at(how.at)), at(how.at));
      return copy;
    case 'splice': {
      const [from, to] = [at(how.from), at(how.to)].sort((a, b) => a - b);
      const piece = bytes.slice(from, to);
      const where = at(how.at);
      return Uint8Array.from([...bytes.slice(0, where), ...piece, ...bytes.slice(where)]);
    }
    case 'zero':
      copy.fill(0, at(how.at), Math.min(n, at(how.at) + how.length));
      return copy;
  }
}
