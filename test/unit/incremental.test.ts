// Incremental equals fresh: a service that has followed a user's editing —
// random edits of every shape (multi-line, across CRLF line ends, inside
// surrogate pairs, pastes of citations, quotations and headings), drafts
// changed on disk, documents closed and opened again — answers exactly what a
// service started on the same texts answers: diagnostics, hovers, definitions,
// completions, code actions, links, outline and code lenses.
// `npm run fuzz` runs many more edits (OEWG_FUZZ_EDITS).
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { samplesDir } from '../support/paths';

const ROOT = '/incremental';
const SAMPLE_FILES = ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md', 'submissions/response-to-zero-draft.md', 'submissions/notes-on-first-draft.txt'];
const SUBMISSION = `${ROOT}/submissions/response-to-zero-draft.md`;
const OTHER = `${ROOT}/submissions/notes-on-first-draft.txt`;
const ZERO = `${ROOT}/drafts/zero-draft.txt`;
const FIRST = `${ROOT}/drafts/first-draft.md`;
/** Edits per run in `npm test`; `npm run fuzz` sets more. */
const EDITS = Number(process.env.OEWG_FUZZ_EDITS ?? 2000);
const EDITS_PER_RUN = 25;

const PASTES = [
  'para 12', 'paras 9–11', 'paragraphs 24, 28 and 30', '¶ 41', 'paragraph 13(a)', 'para 74 bis', 'paras 60-57', 'para 130', 'Paragraph 13 says',
  ' of the Zero Draft', ' of the First Draft', ' of the Pre-draft', '(Zero Draft, para 5)', 'of our submission',
  '“growing in scale, frequency and sophistication”', '"States agreed that"', '“…”', '[s]tates',
  'A/RES/70/237', 'resolution 73/27', 'A/70/174, para 12', 'A/RES/70-237',
  '\n', '\n\n', '\r\n', '\r\n\r\n', '\n## Comments on the Zero Draft\n', '\nComments on the First Draft\n\n', '---\ndraft: zero-draft\n---\n',
  '\n> “a quotation in a block” (para 14)\n', '\n```\n', '- ', '1. ', '¹', '[^2]', ' ', ', ', '. ', '🙂', 'é', '',
];

type Step =
  | { kind: 'edit'; file: 'submission' | 'other'; at: number; length: number; paste: string }
  | { kind: 'draft-on-disk'; which: 'zero' | 'first'; at: number; paste: string }
  | { kind: 'close-and-open'; file: 'submission' | 'other' }
  | { kind: 'check-all-quotations'; on: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('edit' as const), file: fc.constantFrom('submission' as const, 'other' as const), at: fc.nat(), length: fc.nat(40), paste: fc.constantFrom(...PASTES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('draft-on-disk' as const), which: fc.constantFrom('zero' as const, 'first' as const), at: fc.nat(), paste: fc.constantFrom('\n\n12. A new paragraph of our own.\n', ' reaffirm', '\n\n', 'X') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close-and-open' as const), file: fc.constantFrom('submission' as const, 'other' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('check-all-quotations' as const), on: fc.boolean() }) },
);

/** Everything a service answers about a file, at a few offsets. */
function answers(service: LanguageService, file: string, offsets: number[]) {
  const diagnostics = service.diagnostics(file);
  return {
    diagnostics,
    at: offsets.map((offset) => ({
      offset,
      hover: service.hover(file, offset),
      definition: service.definition(file, offset),
      completions: service.completions(file, offset).map((entry) => [entry.label, entry.replaceSpan]),
      actions: service.codeActions(file, { start: offset, end: offset }, diagnostics.filter((d) => d.span.start <= offset && offset <= d.span.end)),
    })),
    links: service.documentLinks(file),
    outline: service.documentSymbols(file),
    lenses: service.codeLenses(ZERO).map((lens) => [lens.title, lens.span]),
  };
}

describe('incremental equals fresh', () => {
  const disk = Object.fromEntries(SAMPLE_FILES.map((name) => [`${ROOT}/${name}`, fs.readFileSync(path.join(samplesDir, name), 'utf8')]));

  it(`a service that followed ${EDITS} random edits answers what a fresh one answers`, function () {
    // Thousands of edits, each checked: no time limit, the work is bounded by EDITS.
    this.timeout(0);
    fc.assert(
      fc.property(fc.array(step, { minLength: EDITS_PER_RUN, maxLength: EDITS_PER_RUN }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (steps, seeds) => {
        const files = new MemoryFileSystem(disk);
        const edited = createLanguageService(files, ROOT);
        const open = new Map<string, string>([
          [SUBMISSION, disk[SUBMISSION]],
          [OTHER, disk[OTHER]],
        ]);
        const audited = new Set<string>();
        let version = 1;
        for (const [file, text] of open) edited.setDocument(file, text, version);
        edited.diagnostics(SUBMISSION);
        for (const next of steps) {
          if (next.kind === 'edit') {
            const file = next.file === 'submission' ? SUBMISSION : OTHER;
            const text = open.get(file)!;
            const at = next.at % (text.length + 1);
            const changed = text.slice(0, at) + next.paste + text.slice(Math.min(text.length, at + next.length));
            open.set(file, changed);
            edited.setDocument(file, changed, ++version);
          } else if (next.kind === 'draft-on-disk') {
            const file = next.which === 'zero' ? ZERO : FIRST;
            const text = files.files.get(file)!;
            const at = next.at % (text.length + 1);
            files.files.set(file, text.slice(0, at) + next.paste + text.slice(at));
            edited.fileChanged(file);
          } else if (next.kind === 'close-and-open') {
            const file = next.file === 'submission' ? SUBMISSION : OTHER;
            edited.closeDocument(file);
            edited.setDocument(file, open.get(file)!, ++version);
          } else {
            edited.auditQuotations(SUBMISSION, next.on);
            if (next.on) audited.add(SUBMISSION);
            else audited.delete(SUBMISSION);
          }
          // Ask as an editor does after each change, so that caches are filled at every step.
          edited.diagnostics(SUBMISSION);
          edited.diagnostics(OTHER);
        }
        const fresh = createLanguageService(files, ROOT);
        for (const [file, text] of open) fresh.setDocument(file, text, version);
        for (const file of audited) fresh.auditQuotations(file, true);
        for (const file of [SUBMISSION, OTHER]) {
          const text = open.get(file)!;
          const offsets = seeds.map((seed) => seed % (text.length + 1));
          // The citations themselves, and just after each of the first few.
          for (const { citation } of fresh.citations(file).slice(0, 6)) offsets.push(citation.span.start, citation.span.end);
          assert.deepStrictEqual(answers(edited, file, offsets), answers(fresh, file, offsets), `after ${steps.length} steps on ${path.basename(file)}`);
        }
      }),
      // A failure prints its seed and path: OEWG_FUZZ_SEED=… OEWG_FUZZ_PATH=… replays it.
      {
        numRuns: Math.max(1, Math.round(EDITS / EDITS_PER_RUN)),
        ...(process.env.OEWG_FUZZ_SEED ? { seed: Number(process.env.OEWG_FUZZ_SEED), path: process.env.OEWG_FUZZ_PATH } : {}),
      },
    );
  });

  it('an edit that joins a line ending in CRLF with the next gives the spans a fresh service gives', () => {
    // The sequence a user reported: text with CRLF and a surrogate pair, one change across the line end.
    const before = 'i¹,70“C…ivica CybFirst Draft, x 8pa ra 50para 13"0;:cthe Pre-draftr F \r\n\nWe,xutiopara"in its 74bisentirety". 7 para 12 of the Zero Dra74)fte –:P😀re-draft/draf\n';
    const lineEnd = before.indexOf('\r\n');
    const after = `${before.slice(0, 71)}resolution 73/27${before.slice(lineEnd + 2 + 1 + 4)}`;
    const files = new MemoryFileSystem(disk);
    const edited = createLanguageService(files, ROOT);
    edited.setDocument(OTHER, before, 1);
    edited.diagnostics(OTHER);
    edited.setDocument(OTHER, after, 2);
    const fresh = createLanguageService(files, ROOT);
    fresh.setDocument(OTHER, after, 2);
    assert.deepStrictEqual(edited.diagnostics(OTHER), fresh.diagnostics(OTHER));
    assert.ok(fresh.diagnostics(OTHER).some((d) => d.code === 'document-not-indexed'));
  });
});
