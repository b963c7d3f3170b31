// The draft-history feature driven through the language service: the sample
// workspace (Zero Draft → First Draft, known answer in samples/drafts/CHANGES.md
// and samples/EXPECTED.md), and the real Zero Draft edited at test time into a
// "Final Draft" by a known script (test/support/draftEdits.ts).
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { whereDidItGo } from '../../server/src/core/alignment';
import { parseDraft } from '../../server/src/core/draftParser';
import type { CoreCodeAction, CoreTextEdit } from '../../server/src/core/features';
import { HISTORY_CODES } from '../../server/src/core/historyFeature';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../../server/src/core/languageService';
import { LineMap } from '../../server/src/core/lines';
import type { Citation, CoreDiagnostic } from '../../server/src/core/model';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import {
  addParagraph,
  deleteParagraph,
  dropSubsections,
  knownAnswer,
  mergeParagraphs,
  outlineOf,
  renderOutline,
  rewordParagraph,
  splitParagraph,
  swapSections,
} from '../support/draftEdits';
import { fixturesDir, needsCorpus, readCorpus, samplesDir } from '../support/paths';

const ROOT = '/samples';
const RESPONSE = `${ROOT}/submissions/response-to-zero-draft.md`;
const NOTES = `${ROOT}/submissions/notes-on-first-draft.txt`;
const SAMPLE_FILES = ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md', 'submissions/response-to-zero-draft.md', 'submissions/notes-on-first-draft.txt'];

function sampleFiles(): Record<string, string> {
  return Object.fromEntries(SAMPLE_FILES.map((name) => [`${ROOT}/${name}`, fs.readFileSync(path.join(samplesDir, name), 'utf8')]));
}

function sampleService(settings: ServiceSettings = {}, extra: Record<string, string> = {}): { service: LanguageService; files: MemoryFileSystem } {
  const files = new MemoryFileSystem({ ...sampleFiles(), ...extra });
  return { service: createLanguageService(files, ROOT, settings), files };
}

function textOf(files: MemoryFileSystem, file: string): string {
  return files.readFile(file)!;
}

/** Applies edits to one file's text, checking that no two overlap or start at the same place. */
function applyEdits(text: string, edits: CoreTextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  sorted.forEach((edit, k) => {
    if (k > 0) assert.ok(sorted[k - 1].span.end <= edit.span.start && sorted[k - 1].span.start < edit.span.start, 'edits overlap');
  });
  let out = text;
  for (const edit of sorted.reverse()) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

const isHistory = (diagnostic: CoreDiagnostic) => diagnostic.code in HISTORY_CODES;

/** "line:col" (1-based, as in EXPECTED.md) of an offset. */
function where(text: string, offset: number): string {
  const position = new LineMap(text).positionAt(offset);
  return `${position.line + 1}:${position.character + 1}`;
}

function offsetOf(text: string, line: number, col: number): number {
  return new LineMap(text).offsetAt({ line: line - 1, character: col - 1 });
}

/** The text with line `line` (1-based) replaced: the whole expected document. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1];
}

/** The code actions at `line:col`, given the diagnostics of that line as an editor gives those under the cursor. */
function actionsAt(service: LanguageService, file: string, text: string, line: number, col: number): CoreCodeAction[] {
  const offset = offsetOf(text, line, col);
  const span = { start: offset, end: offset };
  const diagnostics = service.diagnostics(file).filter((d) => new LineMap(text).positionAt(d.span.start).line === line - 1);
  return service.codeActions(file, span, diagnostics);
}

describe('draft history on the sample workspace (Zero Draft → First Draft)', () => {
  const { service, files } = sampleService();
  const response = textOf(files, RESPONSE);

  it('says what happened to every cited Zero Draft paragraph that changed, and nothing about the others', () => {
    const found = service.diagnostics(RESPONSE).filter(isHistory).map((d) => `${where(response, d.span.start)} ${d.code} ${d.severity}: ${d.message}`);
    assert.deepEqual(found, [
      '21:31 paragraph-renumbered information: para 12 of the Zero Draft is now para 9 of the First Draft',
      '21:162 paragraph-deleted warning: paras 9–11 of the Zero Draft were deleted in the First Draft',
      '23:1 paragraph-split information: para 13 of the Zero Draft was split into paras 10 and 11 of the First Draft',
      '25:1 paragraph-edited information: para 14 of the Zero Draft is now para 12 of the First Draft (edited)',
      '29:31 paragraph-renumbered information: para 17 of the Zero Draft is now para 24 of the First Draft',
      '29:193 paragraph-merged warning: para 23 of the Zero Draft was merged into para 30 of the First Draft (with para 24)',
      '31:45 paragraph-merged warning: para 24 of the Zero Draft was merged into para 30 of the First Draft (with para 23)',
      '31:49 paragraph-edited information: para 26 of the Zero Draft is now para 32 of the First Draft (edited)',
      '31:56 paragraph-moved information: para 30 of the Zero Draft is now para 16 of the First Draft (moved with its section, edited)',
      '35:34 paragraph-moved information: paras 30–32 of the Zero Draft are now paras 16–18 of the First Draft (moved with their section; para 30 edited)',
      '35:53 paragraph-moved information: para 36 of the Zero Draft is now para 22 of the First Draft (moved with its section)',
      '39:62 paragraph-renumbered information: para 41 of the Zero Draft is now para 36 of the First Draft',
      '39:154 paragraph-edited information: para 40 of the Zero Draft is now para 35 of the First Draft (edited)',
      '43:65 paragraph-renumbered information: para 43 of the Zero Draft is now para 38 of the First Draft',
      '43:136 paragraph-deleted warning: para 39 of the Zero Draft was deleted in the First Draft',
      '49:208 paragraph-renumbered information: para 48 of the Zero Draft is now para 42 of the First Draft',
      '53:22 paragraph-renumbered information: paras 58 and 59 of the Zero Draft are now paras 53 and 54 of the First Draft',
      '53:149 paragraph-renumbered information: para 54 of the Zero Draft is now para 48 of the First Draft',
      '53:156 paragraph-edited information: para 55 of the Zero Draft is now para 49 of the First Draft (edited)',
      '63:123 paragraph-renumbered information: para 22 of the Zero Draft is now para 29 of the First Draft',
    ]);
  });

  it('agrees with the last column of samples/EXPECTED.md for every single-number citation of the Zero Draft', () => {
    const expected = fs.readFileSync(path.join(samplesDir, 'EXPECTED.md'), 'utf8').split('## `submissions/notes-on-first-draft.txt`')[0];
    const rows = expected
      .split('\n')
      .filter((line) => /^\| \d+ \| \d+ \|/.test(line))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
      .filter((cells) => cells[4] === 'zero-draft');
    const diagnostics = service.diagnostics(RESPONSE).filter(isHistory);
    let checked = 0;
    for (const [line, col, , , , , , , became] of rows) {
      const kinds: Array<[RegExp, string[]]> = [
        [/^(\d+) \(renumbered\)$/, ['paragraph-renumbered', 'paragraph-moved']],
        [/^(\d+) \(edited\)$/, ['paragraph-edited', 'paragraph-moved']],
        [/^merged into (\d+)$/, ['paragraph-merged']],
        [/^split into (\d+) and (\d+)$/, ['paragraph-split']],
        [/^deleted$/, ['paragraph-deleted']],
      ];
      const kind = kinds.find(([pattern]) => pattern.test(became));
      if (!kind) continue;
      const start = offsetOf(response, Number(line), Number(col));
      const citation = service.citations(RESPONSE).find(({ citation: c }) => c.span.start === start)!.citation;
      const on = diagnostics.filter((d) => d.span.start >= citation.span.start && d.span.end <= citation.span.end);
      assert.equal(on.length, 1, `${line}:${col}`);
      assert.ok(kind[1].includes(on[0].code), `${line}:${col} ${on[0].code} for "${became}"`);
      const numbers = kind[0].exec(became)!.slice(1);
      assert.deepEqual((on[0].data as { became: string[][] }).became, [numbers], `${line}:${col}`);
      checked++;
    }
    assert.equal(checked, 12);
  });

  it('retargets a citation resolved by the front matter, naming the First Draft after the number', () => {
    const [fix] = actionsAt(service, RESPONSE, response, 21, 31);
    assert.equal(fix.title, 'Retarget to para 9 of the First Draft');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.fixes?.[0].code, 'paragraph-renumbered');
    assert.equal(
      applyEdits(response, fix.edits),
      withLine(response, 21, lineOf(response, 21).replace('recognition in para 12 that', 'recognition in para 9 of the First Draft that')),
    );
  });

  it('renames the draft in a qualifier instead of adding one', () => {
    const [fix] = actionsAt(service, RESPONSE, response, 63, 123);
    assert.equal(fix.title, 'Retarget to para 29 of the First Draft');
    assert.equal(applyEdits(response, fix.edits), withLine(response, 63, lineOf(response, 63).replace('para 22 of the Zero Draft', 'para 29 of the First Draft')));
  });

  it('keeps a range a range, and a list the author wrote in order in order', () => {
    const [range] = actionsAt(service, RESPONSE, response, 35, 28);
    assert.equal(range.title, 'Retarget to paras 16–18 of the First Draft');
    assert.equal(applyEdits(response, range.edits), withLine(response, 35, lineOf(response, 35).replace('paras 30-32 is', 'paras 16-18 of the First Draft is')));
    const [list] = actionsAt(service, RESPONSE, response, 31, 34);
    assert.equal(list.title, 'Retarget to paras 16, 30 and 32 of the First Draft');
    assert.equal(list.fixes?.length, 3, 'one fix for the three diagnostics of the list');
    assert.equal(list.isPreferred, undefined, 'para 24 was merged: the author chooses');
    assert.equal(
      applyEdits(response, list.edits),
      withLine(response, 31, lineOf(response, 31).replace('paragraphs 24, 26 and 30 in', 'paragraphs 16, 30 and 32 of the First Draft in')),
    );
  });

  it('offers each half of a split paragraph the subject of its sentence, keeping the noun singular', () => {
    const actions = actionsAt(service, RESPONSE, response, 23, 1).filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Retarget to para 10 of the First Draft', 'Retarget to para 11 of the First Draft'],
      'not "Paragraphs 10 and 11 says"',
    );
    assert.ok(actions.every((a) => !a.isPreferred), 'neither half is the answer');
    assert.equal(applyEdits(response, actions[0].edits), withLine(response, 23, lineOf(response, 23).replace('Paragraph 13 says', 'Paragraph 10 of the First Draft says')));
    assert.equal(applyEdits(response, actions[1].edits), withLine(response, 23, lineOf(response, 23).replace('Paragraph 13 says', 'Paragraph 11 of the First Draft says')));
  });

  it('keeps a sub-paragraph where the paragraph went whole, and never guesses it across a split or a merge', () => {
    const file = `${ROOT}/submissions/subparagraphs.md`;
    const text = [
      '---',
      'draft: zero-draft',
      '---',
      '',
      'We support para 12(b) and para 13(a), and we doubt para 23(c).',
      '',
    ].join('\n');
    const { service: sub } = sampleService({}, { [file]: text });
    const titles = (needle: string) => {
      const offset = text.indexOf(needle);
      const diagnostics = sub.diagnostics(file).filter((d) => d.span.start <= offset && offset <= d.span.end);
      return sub.codeActions(file, { start: offset, end: offset }, diagnostics).filter((a) => a.kind === 'quickfix');
    };
    const [renumbered] = titles('para 12(b)');
    assert.equal(renumbered.title, 'Retarget to para 9 of the First Draft');
    assert.match(applyEdits(text, renumbered.edits), /We support para 9\(b\) of the First Draft and para 13\(a\)/);
    assert.deepEqual(titles('para 13(a)').map((a) => a.title), [], 'split: (a) may be in either half, under another letter');
    assert.deepEqual(titles('para 23(c)').map((a) => a.title), [], 'merged: (c) of para 23 is not (c) of para 30');
    assert.ok(sub.diagnostics(file).some((d) => d.code === 'paragraph-split'), 'the diagnostic still says where it went');
    const update = sub.codeActions(file, { start: 0, end: 0 }, []).find((a) => a.kind === 'source')!;
    const updated = applyEdits(text, update.edits);
    assert.match(updated, /para 9\(b\)/);
    assert.match(updated, /para 13\(a\) of the Zero Draft/, 'left citing the Zero Draft, named now the front matter moves on');
    assert.match(updated, /para 23\(c\) of the Zero Draft/);
  });

  it('says in one diagnostic where each run of a range went when its paragraphs went different ways', () => {
    const file = `${ROOT}/submissions/ranges.md`;
    const text = 'Notes\n\nParas 44-48 of the Zero Draft are sound, as are paras 21–24 of the Zero Draft.\n';
    const { service: ranges } = sampleService({}, { [file]: text });
    assert.deepEqual(
      ranges.diagnostics(file).map((d) => [text.slice(d.span.start, d.span.end), d.code, d.message]),
      [
        [
          '44-48',
          'paragraph-deleted',
          'paras 44 and 45 of the Zero Draft are now paras 39 and 40 of the First Draft; para 46 of the Zero Draft is now para 41 of the First Draft (edited); ' +
            'para 47 of the Zero Draft was deleted in the First Draft; para 48 of the Zero Draft is now para 42 of the First Draft',
        ],
        ['21–24', 'paragraph-merged', 'paras 21 and 22 of the Zero Draft are now paras 28 and 29 of the First Draft; paras 23 and 24 of the Zero Draft were merged into para 30 of the First Draft'],
      ],
    );
  });

  it('offers no retargeting for a deleted paragraph', () => {
    const actions = actionsAt(service, RESPONSE, response, 43, 136);
    assert.deepEqual(actions.filter((a) => a.kind === 'quickfix'), []);
  });

  it('moves the file to the First Draft in one previewed edit: bare citations renumbered, the rest keep citing what they cited', () => {
    const update = service.codeActions(RESPONSE, { start: 0, end: 0 }, []).find((a) => a.kind === 'source')!;
    assert.equal(
      update.title,
      'Update all citations in this file to the current draft (First Draft); left as they are: 2 citing deleted paragraphs, ' +
        '2 citing paragraphs their draft does not have, 3 citing split or merged paragraphs, 1 naming its draft',
    );
    assert.equal(update.needsConfirmation, true);
    const updated = applyEdits(response, update.edits);
    assert.equal(updated, fs.readFileSync(path.join(fixturesDir, 'history', 'response-to-zero-draft.updated.md'), 'utf8'));
  });

  it('after the update, only the citations left as they are still cite the Zero Draft', () => {
    const update = service.codeActions(RESPONSE, { start: 0, end: 0 }, []).find((a) => a.kind === 'source')!;
    const { service: after } = sampleService();
    const updated = applyEdits(response, update.edits);
    after.setDocument(RESPONSE, updated);
    const stillZero = after
      .citations(RESPONSE)
      .filter(({ target }) => target.kind === 'draft' && target.draft.id === 'zero-draft')
      .map(({ citation }) => updated.slice(citation.span.start, citation.qualifier!.span.end));
    assert.deepEqual(stillZero, [
      'paras 9–11 of the Zero Draft',
      'Paragraph 13 of the Zero Draft',
      'para 130 of the Zero Draft',
      'para 23 of the Zero Draft',
      'paragraphs 24, 26 and 30 of the Zero Draft',
      'paragraph 39 of the Zero Draft',
      'paras 58-61 of the Zero Draft',
      'para 22 of the Zero Draft',
    ]);
    assert.deepEqual(
      after.diagnostics(RESPONSE).filter(isHistory).map((d) => `${d.code} ${d.severity}`),
      [
        'paragraph-deleted information',
        'paragraph-split information',
        'paragraph-merged information',
        'paragraph-merged information',
        'paragraph-edited information',
        'paragraph-moved information',
        'paragraph-deleted information',
        'paragraph-renumbered information',
        'paragraph-renumbered information',
      ],
      'every citation left citing the Zero Draft now names it, so its note is informational',
    );
    assert.equal(after.codeActions(RESPONSE, { start: 0, end: 0 }, []).filter((a) => a.kind === 'source').length, 0, 'nothing is left to update');
  });

  describe('deliberate references (test/fixtures/history/deliberate-references.md)', () => {
    const file = `${ROOT}/submissions/deliberate-references.md`;
    const text = fs.readFileSync(path.join(fixturesDir, 'history', 'deliberate-references.md'), 'utf8');
    const { service: deliberate } = sampleService({}, { [file]: text });
    const fixesAt = (needle: string, nth = 0) => {
      let offset = -1;
      for (let k = 0; k <= nth; k++) offset = text.indexOf(needle, offset + 1);
      assert.ok(offset >= 0, needle);
      const diagnostics = deliberate.diagnostics(file).filter((d) => d.span.start <= offset + needle.length && offset <= d.span.end);
      return deliberate.codeActions(file, { start: offset, end: offset + needle.length }, diagnostics).filter((a) => a.kind === 'quickfix');
    };
    const fixed = (action: CoreCodeAction) => applyEdits(text, action.edits);

    it('keeps the note on a citation that names its draft informational, whatever became of the paragraph', () => {
      const named = ['(Zero Draft, para 23)', 'paragraph 39 of the Zero Draft', 'para 17 of the Zero Draft'].map((needle) => {
        const at = text.indexOf(needle);
        const found = deliberate.diagnostics(file).filter((d) => isHistory(d) && d.span.start >= at && d.span.end <= at + needle.length);
        return found.map((d) => `${d.code} ${d.severity}`).join();
      });
      assert.deepEqual(named, ['paragraph-merged information', 'paragraph-deleted information', 'paragraph-renumbered information']);
      const bare = deliberate.diagnostics(file).find((d) => text.slice(d.span.start, d.span.end) === '23' && d.code === 'paragraph-merged')!;
      assert.equal(bare.severity, 'warning', 'a bare citation of a merged paragraph still warns');
    });

    it('offers "para 10", "para 11" and "paras 10 and 11" for a split paragraph cited in brackets, none preferred', () => {
      const actions = fixesAt('(para 13)');
      assert.deepEqual(actions.map((a) => a.title), ['Retarget to para 10 of the First Draft', 'Retarget to para 11 of the First Draft', 'Retarget to paras 10 and 11 of the First Draft']);
      assert.ok(actions.every((a) => !a.isPreferred));
      assert.match(fixed(actions[2]), /critical infrastructure \(paras 10 and 11 of the First Draft\) should/);
    });

    it('offers no rewrite of merged paragraphs that are the subject of their sentence, and one in brackets', () => {
      assert.deepEqual(fixesAt('Paragraphs 23 and 24 say').map((a) => a.title), [], 'not "Paragraph 30 say"');
      const [merged, ...more] = fixesAt('(paras 23 and 24)');
      assert.equal(more.length, 0);
      assert.equal(merged.title, 'Retarget to para 30 of the First Draft');
      assert.equal(merged.isPreferred, undefined);
      assert.match(fixed(merged), /capacity-building \(para 30 of the First Draft\) belong/);
    });

    it('still offers to retarget a citation that names its draft, not as the preferred fix', () => {
      const [explicit] = fixesAt('(Zero Draft, para 23)');
      assert.equal(explicit.title, 'Retarget to para 30 of the First Draft');
      assert.equal(explicit.isPreferred, undefined);
      assert.match(fixed(explicit), /welcomed before \(First Draft, para 30\),/);
    });

    it('keeps the author’s order of a list, and the order of a list read "respectively"', () => {
      const [unordered] = fixesAt('paras 36 and 12');
      assert.equal(unordered.title, 'Retarget to paras 22 and 9 of the First Draft');
      const [sorted] = fixesAt('paras 17, 36 and 48');
      assert.equal(sorted.title, 'Retarget to paras 22, 24 and 42 of the First Draft');
      const [respectively] = fixesAt('paras 17, 36 and 48', 1);
      assert.equal(respectively.title, 'Retarget to paras 24, 22 and 42 of the First Draft');
    });

    it('moves the file: explicit references exactly as written, split and merged ones named with their old draft', () => {
      const update = deliberate.codeActions(file, { start: 0, end: 0 }, []).find((a) => a.kind === 'source')!;
      assert.equal(update.needsConfirmation, true);
      assert.equal(update.title, 'Update all citations in this file to the current draft (First Draft); left as they are: 4 citing split or merged paragraphs, 3 naming their draft');
      const updated = applyEdits(text, update.edits);
      assert.equal(updated, fs.readFileSync(path.join(fixturesDir, 'history', 'deliberate-references.updated.md'), 'utf8'));
      for (const explicit of ['(Zero Draft, para 23)', 'paragraph 39 of the Zero Draft', 'para 17 of the Zero Draft']) assert.ok(updated.includes(explicit), explicit);
    });
  });

  it('tells where a number the First Draft lacks used to point in the Zero Draft', () => {
    const notes = textOf(files, NOTES);
    const diagnostics = service.diagnostics(NOTES).map((d) => `${where(notes, d.span.start)} ${d.code} ${d.severity}: ${d.message}`);
    assert.deepEqual(diagnostics, [
      '5:26 missing-paragraph error: para 57: the First Draft has paragraphs 1–54; para 57 of the Zero Draft (“States agreed that future dialogue should …”) is para 51 of the First Draft',
    ]);
    const actions = actionsAt(service, NOTES, notes, 5, 26);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Retarget to para 51 of the First Draft', 'Cite para 57 of the Zero Draft instead'],
    );
    assert.deepEqual(actions[0].fixes?.map((d) => d.code), ['missing-paragraph'], 'it fixes the missing paragraph');
    const { service: apart } = sampleService({ severity: { 'missing-paragraph': 'off' } });
    assert.deepEqual(
      apart.diagnostics(NOTES).map((d) => `${d.code}: ${d.message}`),
      ['paragraph-moved-from-previous: para 57 of the Zero Draft (“States agreed that future dialogue should …”) is para 51 of the First Draft'],
      'with missing-paragraph off, the note stands alone',
    );
    const { service: silent } = sampleService({ severity: { 'paragraph-moved-from-previous': 'off' } });
    assert.deepEqual(silent.diagnostics(NOTES).map((d) => d.message), ['para 57: the First Draft has paragraphs 1–54']);
    assert.equal(applyEdits(notes, actions[0].edits), withLine(notes, 5, lineOf(notes, 5).replace('citing para 57 on', 'citing para 51 on')));
    assert.equal(applyEdits(notes, actions[1].edits), withLine(notes, 5, lineOf(notes, 5).replace('citing para 57 on', 'citing para 57 of the Zero Draft on')));
  });

  it('does not guess when a citation mixes numbers the First Draft has with numbers it lacks', () => {
    const file = `${ROOT}/submissions/mixed.md`;
    const text = 'Notes\n\nThe dialogue is covered in paras 53-56 and in para 58.\n';
    const { service: mixed } = sampleService({}, { [file]: text });
    assert.deepEqual(
      mixed.diagnostics(file).map((d) => d.message),
      [
        'paras 55 and 56: the First Draft has paragraphs 1–54; para 55 of the Zero Draft (“Some States proposed a programme of …”) is para 49 of the First Draft (edited); ' +
          'para 56 of the Zero Draft (“States agreed that any regular institutional …”) is para 50 of the First Draft',
        'para 58: the First Draft has paragraphs 1–54; para 58 of the Zero Draft (“States draw on the conclusions and …”) is para 53 of the First Draft',
      ],
    );
    const range = actionsAt(mixed, file, text, 3, 32);
    assert.deepEqual(range.map((a) => a.title), ['Cite paras 53–56 of the Zero Draft instead']);
    assert.equal(applyEdits(text, range[0].edits), 'Notes\n\nThe dialogue is covered in paras 53-56 of the Zero Draft and in para 58.\n');
    assert.deepEqual(actionsAt(mixed, file, text, 3, 50).map((a) => a.title), ['Retarget to para 53 of the First Draft', 'Cite para 58 of the Zero Draft instead']);
  });

  it('hovers with the history of the cited paragraph, forwards from an older draft and backwards from the current one', () => {
    const edited = service.hover(RESPONSE, offsetOf(response, 25, 3))!.markdown;
    assert.match(edited, /\*\*Since the Zero Draft\*\*\n\n- Zero Draft para 14 → First Draft para 12 \(edited: '… means to detect and respond to …[^']* small enterprises and States …' → '… means to detect, defend against and respond to …[^']* small and medium-sized enterprises and States …'\)$/m);
    const merged = service.hover(RESPONSE, offsetOf(response, 29, 195))!.markdown;
    assert.match(merged, /- Zero Draft para 23 → First Draft para 30 \(merged with para 24\)/);
    const deleted = service.hover(RESPONSE, offsetOf(response, 21, 160))!.markdown;
    assert.match(deleted, /- Zero Draft para 9 → deleted in the First Draft\n- Zero Draft para 10 → deleted in the First Draft\n- Zero Draft para 11 → deleted in the First Draft/);
    const fresh = service.hover(RESPONSE, offsetOf(response, 61, 120))!.markdown;
    assert.match(fresh, /- First Draft para 52: new in the First Draft/);
    const notes = textOf(files, NOTES);
    assert.match(service.hover(NOTES, offsetOf(notes, 5, 111))!.markdown, /- First Draft para 51: was para 57 of the Zero Draft \(renumbered\)/);
    assert.match(service.hover(NOTES, offsetOf(notes, 3, 61))!.markdown, /- First Draft para 10: was part of para 13 of the Zero Draft \(split into paras 10 and 11\)/);
    assert.match(service.hover(NOTES, offsetOf(notes, 5, 28))!.markdown, /- para 57 is not in the First Draft; Zero Draft para 57 → First Draft para 51 \(renumbered\)/);
  });

  it('reports a change of spelling or punctuation alone as an edit, and says so', () => {
    const firstDraft = `${ROOT}/drafts/first-draft.md`;
    const file = `${ROOT}/submissions/spelling.md`;
    const original = fs.readFileSync(path.join(samplesDir, 'drafts', 'first-draft.md'), 'utf8');
    // The First Draft as the Secretariat might have typeset it: one hyphen more, one comma more.
    const respelt = original
      .replace('24. States reaffirmed that', '24. States re-affirmed that')
      .replace('9. States agreed that malicious ICT activity is growing in scale, frequency and sophistication, and that', '9. States agreed that malicious ICT activity is growing in scale, frequency, and sophistication, and that');
    assert.notEqual(respelt, original);
    const text = '---\ndraft: zero-draft\n---\n\nWe welcome the reaffirmation in paragraph 17 and the recognition in para 12.\n';
    const { service: spelling } = sampleService({}, { [firstDraft]: respelt, [file]: text });
    assert.deepEqual(
      spelling.diagnostics(file).filter(isHistory).map((d) => `${d.code}: ${d.message}`),
      [
        'paragraph-edited: para 17 of the Zero Draft is now para 24 of the First Draft (edited: spelling only)',
        'paragraph-edited: para 12 of the Zero Draft is now para 9 of the First Draft (edited: punctuation only)',
      ],
    );
    const hover = spelling.hover(file, text.indexOf('paragraph 17') + 2)!.markdown;
    assert.match(hover, /- Zero Draft para 17 → First Draft para 24 \(edited, spelling only: '.*reaffirmed.*' → '.*re-affirmed.*'\)/);
    const report = spelling.compareDrafts('zero-draft', 'first-draft')!;
    assert.match(report, /\| 17 \| 24 \| edited \(spelling only\) \| 1\.00 \|/);
    assert.match(report, /\| 12 \| 9 \| edited \(punctuation only\) \| 1\.00 \|/);
  });

  it('lets the user silence or raise each code', () => {
    const { service: quiet } = sampleService({ severity: { 'paragraph-renumbered': 'off', 'paragraph-deleted': 'error' } });
    const codes = quiet.diagnostics(RESPONSE).filter(isHistory);
    assert.ok(!codes.some((d) => d.code === 'paragraph-renumbered'));
    assert.deepEqual([...new Set(codes.filter((d) => d.code === 'paragraph-deleted').map((d) => d.severity))], ['error']);
    assert.deepEqual(actionsAt(quiet, RESPONSE, response, 21, 31).filter((a) => a.kind === 'quickfix'), [], 'no fix for a silenced diagnostic');
  });

  it('writes the Compare Drafts report from the cached alignment', () => {
    const report = service.compareDrafts('zero-draft', 'First Draft')!;
    assert.match(report, /^# Zero Draft → First Draft: where each paragraph went/);
    assert.match(report, /\| 57 \| 51 \| renumbered \| 1\.00 \|/);
    assert.equal(report, service.compareDrafts('Zero Draft', 'first-draft'));
    assert.equal(service.compareDrafts('pre-draft', 'first-draft'), undefined, 'the Pre-draft is not indexed');
  });

  it('aligns once: typing in a submission reuses the alignment of the two drafts', () => {
    const { service: typing } = sampleService();
    const before = typing.alignment('zero-draft', 'first-draft')!.alignment;
    for (let k = 1; k <= 3; k++) {
      typing.setDocument(RESPONSE, `${response}${' '.repeat(k)}`, k);
      assert.equal(typing.diagnostics(RESPONSE).filter(isHistory).length, 20);
    }
    assert.equal(typing.alignment('zero-draft', 'first-draft')!.alignment, before);
  });

  it('keeps the alignment when a draft is opened, saved unchanged or closed, and redoes it when the draft changes', () => {
    const { service: editing, files: disk } = sampleService();
    const zero = `${ROOT}/drafts/zero-draft.txt`;
    const first = `${ROOT}/drafts/first-draft.md`;
    const before = editing.alignment('zero-draft', 'first-draft')!.alignment;
    editing.setDocument(first, textOf(disk, first), 1);
    editing.fileChanged(first);
    editing.closeDocument(first);
    assert.equal(editing.alignment('zero-draft', 'first-draft')!.alignment, before, 'same texts, same alignment');
    editing.setDocument(zero, `${textOf(disk, zero)}\n60. States agreed to meet again.\n`, 2);
    const after = editing.alignment('zero-draft', 'first-draft')!.alignment;
    assert.notEqual(after, before);
    assert.ok(after.fates.some((fate) => fate.older === '60'));
  });
});

// ---------- property: the update-all edit on generated submissions ----------

describe('updating a generated submission to the current draft', () => {
  const sentence = fc.oneof(
    fc.tuple(fc.constantFrom('para', 'paragraph', '¶', 'Para'), fc.integer({ min: 1, max: 62 })).map(([k, n]) => `We welcome ${k} ${n} on this point.`),
    fc.tuple(fc.constantFrom('paras', 'paragraphs'), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('-', '–'))
      .map(([k, n, length, dash]) => `See ${k} ${n}${dash}${n + length} for the context.`),
    fc.tuple(fc.integer({ min: 1, max: 62 }), fc.integer({ min: 1, max: 62 }), fc.integer({ min: 1, max: 62 })).map(([a, b, c]) => `As paragraphs ${a}, ${b} and ${c} show, more is needed.`),
    fc.integer({ min: 1, max: 62 }).map((n) => `Para ${n} of the Zero Draft is balanced.`),
    fc.integer({ min: 1, max: 62 }).map((n) => `Zero Draft, para ${n} recalls the mandate.`),
    fc.integer({ min: 1, max: 62 }).map((n) => `The text is right (paragraph ${n}).`),
    fc.integer({ min: 1, max: 56 }).map((n) => `Para ${n} of the First Draft is new to us.`),
    fc.integer({ min: 1, max: 62 }).map((n) => `Its paragraph ${n}(a) covers this.`),
    fc.constant('We said so on para 7 of the Pre-draft already.'),
  );
  const submission = fc.record({
    frontMatter: fc.constantFrom(undefined, 'zero-draft', '"zero-draft"', 'first-draft', 'Zero Draft'),
    heading: fc.constantFrom(undefined, '## Comments on the Zero Draft', 'Comments on the First Draft'),
    paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
  });

  const NUMBERS_AND_SEPARATORS = /^(?:\d+|[ ,&–-]|and|to)*$/;
  const allowedOld = (old: string) => NUMBERS_AND_SEPARATORS.test(old) || ['s', '¶', 'Zero Draft', 'zero-draft'].includes(old);
  const allowedNew = (text: string) =>
    /^(?:s|¶)?(?:\d+|[ ,&–-]|and|to)*(?: of the (?:First|Zero) Draft)?$/.test(text) || ['First Draft', 'first-draft'].includes(text);

  it('changes only numbers, keywords and draft names; every citation then cites what it cited', () => {
    const { service } = sampleService();
    const alignment = service.alignment('zero-draft', 'first-draft')!.alignment;
    const file = `${ROOT}/submissions/generated.md`;
    fc.assert(
      fc.property(submission, ({ frontMatter, heading, paragraphs }) => {
        const text = [
          ...(frontMatter ? ['---', `draft: ${frontMatter}`, '---', ''] : []),
          ...(heading ? [heading, ''] : []),
          ...paragraphs.flatMap((sentences) => [sentences.join(' '), '']),
        ].join('\n');
        // What the update leaves as written: a citation that names its draft (the author's choice), and one
        // whose paragraphs cannot move one to one (deleted, split, merged, a number the Zero Draft lacks).
        const staysAsWritten = (citation: Citation) =>
          citation.qualifier?.kind === 'draft' ||
          citation.numbers.some((n) => !whereDidItGo(alignment, n) || ['deleted', 'split', 'merged'].includes(whereDidItGo(alignment, n)!.kind));
        const extent = (source: string, citation: Citation) => {
          const q = citation.qualifier?.span;
          return source.slice(Math.min(citation.span.start, q?.start ?? Infinity), Math.max(citation.span.end, q?.end ?? -Infinity));
        };
        const writtenInOrder = (citation: Citation) => {
          const written = citation.parts.flatMap((part) => (part.kind === 'single' ? [Number(part.number)] : [Number(part.from), Number(part.to)]));
          return written.length > 1 && written.every((n, k) => k === 0 || written[k - 1] < n);
        };
        service.setDocument(file, text);
        const before = service.citations(file);
        const update = service.codeActions(file, { start: 0, end: 0 }, []).find((a) => a.kind === 'source');
        if (!update) {
          // Nothing to update: every citation of the Zero Draft stays as written.
          for (const { citation, target } of before) {
            if (target.kind === 'draft' && target.draft.id === 'zero-draft') assert.ok(staysAsWritten(citation), text);
          }
          return;
        }
        assert.equal(update.needsConfirmation, true);
        for (const edit of update.edits) {
          assert.equal(edit.file, file);
          assert.ok(allowedOld(text.slice(edit.span.start, edit.span.end)), `replaced "${text.slice(edit.span.start, edit.span.end)}"`);
          assert.ok(allowedNew(edit.newText), `wrote "${edit.newText}"`);
        }
        const updated = applyEdits(text, update.edits);
        service.setDocument(file, updated);
        const after = service.citations(file);
        assert.equal(after.length, before.length, updated);
        before.forEach(({ citation, target }, k) => {
          const now = after[k];
          const wasZero = target.kind === 'draft' && target.draft.id === 'zero-draft';
          const nowDraft = now.target.kind === 'draft' ? now.target.draft.id : now.target.kind;
          if (!wasZero) {
            assert.equal(nowDraft, target.kind === 'draft' ? target.draft.id : target.kind);
            assert.deepEqual(now.citation.numbers, citation.numbers);
            return;
          }
          if (citation.qualifier?.kind === 'draft') {
            assert.equal(extent(updated, now.citation), extent(text, citation), 'a citation naming its draft is kept exactly as written');
            return;
          }
          if (nowDraft === 'zero-draft') {
            // Left as it is, naming the Zero Draft when the front matter moved on.
            assert.deepEqual(now.citation.numbers, citation.numbers);
            assert.ok(staysAsWritten(citation), updated);
            return;
          }
          assert.equal(nowDraft, 'first-draft', updated);
          assert.ok(!staysAsWritten(citation), updated);
          const expected = [...new Set(citation.numbers.flatMap((n) => whereDidItGo(alignment, n)!.newer))];
          if (writtenInOrder(citation)) expected.sort((a, b) => Number(a) - Number(b));
          assert.deepEqual(now.citation.numbers, expected, updated);
          assert.equal(now.citation.keyword, citation.keyword, 'one paragraph to one: the noun stays as written');
        });
        assert.equal(service.codeActions(file, { start: 0, end: 0 }, []).filter((a) => a.kind === 'source').length, 0, 'a second update has nothing to do');
      }),
      { numRuns: 150 },
    );
  });
});

// ---------- the real Zero Draft, edited into a Final Draft ----------

describe('draft history on the real Zero Draft, edited into a known Final Draft', () => {
  let zeroDraftText: string;
  let zeroDraft: ReturnType<typeof parseDraft>;
  let outline: ReturnType<typeof outlineOf>;
  let answer: ReturnType<typeof knownAnswer>;
  let service: LanguageService;
  before(function () {
    needsCorpus(this);
    zeroDraftText = readCorpus('zero-draft-2021.txt');
    zeroDraft = parseDraft(zeroDraftText);
    outline = outlineOf(zeroDraft);
    outline = dropSubsections(outline, 'Discussions');
    outline = swapSections(outline, 'C', 'D');
    outline = mergeParagraphs(outline, '19', '20');
    outline = splitParagraph(outline, '88');
    outline = rewordParagraph(outline, '74', { at: 0.2, remove: 2, insert: ['reaffirm'] });
    outline = deleteParagraph(outline, '113');
    outline = addParagraph(outline, '110', 'States agreed to take stock of how this report is put into practice at their next session.');
    answer = knownAnswer(zeroDraft, outline);
  });
  const went = (number: string) => answer.fates.get(number)!;

  const root = '/real';
  const submissionFile = `${root}/submissions/response.md`;
  const submission = [
    '---',
    'draft: zero-draft',
    '---',
    '',
    '# Our response',
    '',
    'We regret that the exchange of views in para 16 is gone.',
    '',
    'The recommendation in paragraph 111 should stay as it is.',
    '',
    'We support para 74 and the conclusions in paras 54-56.',
    '',
    'Paragraphs 19 and 20 say the same thing twice, and ¶ 88 says two things at once.',
    '',
  ].join('\n');
  const notesFile = `${root}/submissions/notes.md`;
  const notes = 'Working notes.\n\nSome delegations still cite para 111, and some para 100.\n';
  before(function () {
    const files = new MemoryFileSystem({
      [`${root}/oewg-cite.json`]: JSON.stringify({
        drafts: [
          { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
          { id: 'final-draft', label: 'Final Draft', path: 'drafts/final-draft.txt' },
        ],
        current: 'final-draft',
        submissions: ['submissions/*.md'],
      }),
      [`${root}/drafts/zero-draft.txt`]: zeroDraftText,
      [`${root}/drafts/final-draft.txt`]: renderOutline(outline).text,
      [submissionFile]: submission,
      [notesFile]: notes,
    });
    service = createLanguageService(files, root);
  });

  it('the edit script did what the test relies on', () => {
    assert.equal(zeroDraft.paragraphs.find((p) => p.number === '16')!.subheading, 'Discussions');
    assert.match(zeroDraft.paragraphs.find((p) => p.number === '111')!.subheading!, /recommends/);
    assert.deepEqual(
      ['16', '111', '74', '54', '55', '56', '19', '20', '88', '100'].map((n) => went(n).kind),
      ['deleted', 'renumbered', 'edited', 'moved', 'moved', 'moved', 'merged', 'merged', 'split', 'deleted'],
    );
  });

  it('reports each cited paragraph where the edits put it', () => {
    const messages = service.diagnostics(submissionFile).filter(isHistory).map((d) => `${d.code}: ${d.message}`);
    const [n111, n74, n54, n56, n17, n88] = [went('111').newer[0], went('74').newer[0], went('54').newer[0], went('56').newer[0], went('19').newer[0], went('88').newer];
    assert.deepEqual(messages, [
      'paragraph-deleted: para 16 of the Zero Draft was deleted in the Final Draft',
      `paragraph-renumbered: para 111 of the Zero Draft is now para ${n111} of the Final Draft`,
      `paragraph-edited: para 74 of the Zero Draft is now para ${n74} of the Final Draft (edited)`,
      `paragraph-moved: paras 54–56 of the Zero Draft are now paras ${n54}–${n56} of the Final Draft (moved with their section)`,
      `paragraph-merged: para 19 of the Zero Draft was merged into para ${n17} of the Final Draft (with para 20)`,
      `paragraph-merged: para 20 of the Zero Draft was merged into para ${n17} of the Final Draft (with para 19)`,
      `paragraph-split: para 88 of the Zero Draft was split into paras ${n88[0]} and ${n88[1]} of the Final Draft`,
    ]);
  });

  it('retargets the renumbered recommendation; the merged pair and the split paragraph, subjects of their sentences, keep their wording', () => {
    const line = (n: number) => submission.split('\n')[n - 1];
    const recommendation = actionsAt(service, submissionFile, submission, 9, 27);
    assert.equal(recommendation[0].title, `Retarget to para ${went('111').newer[0]} of the Final Draft`);
    assert.equal(recommendation[0].isPreferred, true);
    assert.equal(
      applyEdits(submission, recommendation[0].edits),
      withLine(submission, 9, line(9).replace('paragraph 111', `paragraph ${went('111').newer[0]} of the Final Draft`)),
    );
    const quickfixes = (line: number, col: number) => actionsAt(service, submissionFile, submission, line, col).filter((a) => a.kind === 'quickfix');
    assert.deepEqual(quickfixes(13, 1).map((a) => a.title), [], 'not "Paragraph N say the same thing twice"');
    const split = quickfixes(13, line(13).indexOf('¶ 88') + 1);
    assert.deepEqual(
      split.map((a) => a.title),
      went('88').newer.map((n) => `Retarget to para ${n} of the Final Draft`),
      'each half, the pilcrow kept single: not "¶¶ N and M says"',
    );
    assert.equal(applyEdits(submission, split[0].edits), withLine(submission, 13, line(13).replace('¶ 88 says', `¶ ${went('88').newer[0]} of the Final Draft says`)));
    assert.deepEqual(actionsAt(service, submissionFile, submission, 7, 38).filter((a) => a.kind === 'quickfix'), [], 'a deleted Discussions paragraph is not retargeted');
  });

  it('hovers with the word difference of the reworded paragraph', () => {
    const markdown = service.hover(submissionFile, submission.indexOf('para 74') + 1)!.markdown;
    assert.match(markdown, new RegExp(`- Zero Draft para 74 → Final Draft para ${went('74').newer[0]} \\(edited: '.+' → '.*reaffirm.*'\\)`));
  });

  it('updates the whole submission: front matter to the Final Draft, the deleted, merged and split paragraphs kept in the Zero Draft', () => {
    const update = service.codeActions(submissionFile, { start: 0, end: 0 }, []).find((a) => a.kind === 'source')!;
    const updated = applyEdits(submission, update.edits);
    const expected = submission
      .replace('draft: zero-draft', 'draft: final-draft')
      .replace('para 16 is', 'para 16 of the Zero Draft is')
      .replace('paragraph 111', `paragraph ${went('111').newer[0]}`)
      .replace('para 74', `para ${went('74').newer[0]}`)
      .replace('paras 54-56', `paras ${went('54').newer[0]}-${went('56').newer[0]}`)
      .replace('Paragraphs 19 and 20 say', 'Paragraphs 19 and 20 of the Zero Draft say')
      .replace('¶ 88', '¶ 88 of the Zero Draft');
    assert.equal(updated, expected);
  });

  it('tells where numbers the Final Draft lacks used to point in the Zero Draft', () => {
    const messages = service.diagnostics(notesFile).map((d) => `${d.code}: ${d.message}`);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0], new RegExp(`^missing-paragraph: para 111: the Final Draft has paragraphs 1–\\d+; para 111 of the Zero Draft \\(“[^”]+ …”\\) is para ${went('111').newer[0]} of the Final Draft$`));
    assert.match(messages[1], /^missing-paragraph: para 100: the Final Draft has paragraphs 1–\d+; para 100 of the Zero Draft \(“[^”]+ …”\) was deleted in the Final Draft$/);
  });
});
