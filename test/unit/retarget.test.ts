import { strict as assert } from 'assert';
import fc from 'fast-check';
import { scanCitations } from '../../server/src/core/citations';
import { type DraftNaming, nounChangeReadsWell, type NumberMap, retargetCitation, type TextEdit } from '../../server/src/core/retarget';
import { describeNumbers, writeNumbers } from '../../server/src/core/wording';

const DRAFT_NAMES = ['Zero Draft', 'First Draft'];

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

/** A map from a table; numbers not in it cannot be followed. */
function mapOf(table: Record<string, string[]>): NumberMap {
  return (number) => table[number];
}

/** The text with its only citation retargeted, or undefined when it cannot be. */
function retarget(text: string, table: Record<string, string[]>, naming: DraftNaming = { kind: 'keep' }): string | undefined {
  const citations = scanCitations(text, { draftNames: DRAFT_NAMES });
  assert.equal(citations.length, 1, `one citation in ${text}`);
  const result = retargetCitation(text, citations[0], mapOf(table), naming);
  return result && applyEdits(text, result.edits);
}

const rename: DraftNaming = { kind: 'rename', label: 'First Draft' };
const append: DraftNaming = { kind: 'append', label: 'First Draft' };

describe('retargetCitation', () => {
  it('changes only the digits of a renumbered paragraph, and renames the draft in the qualifier', () => {
    const text = 'We welcome para 74 of the Zero Draft, which is balanced.';
    const citation = scanCitations(text, { draftNames: DRAFT_NAMES })[0];
    const result = retargetCitation(text, citation, mapOf({ '74': ['51'] }), rename)!;
    assert.deepEqual(
      result.edits.map((edit) => [text.slice(edit.span.start, edit.span.end), edit.newText]),
      [
        ['74', '51'],
        ['Zero Draft', 'First Draft'],
      ],
    );
    assert.deepEqual(result.numbers, ['51']);
    assert.equal(applyEdits(text, result.edits), 'We welcome para 51 of the First Draft, which is balanced.');
  });

  it('renames a draft named before the keyword, in quotes or with a possessive', () => {
    assert.equal(retarget('As Zero Draft, para 74 says.', { '74': ['51'] }, rename), 'As First Draft, para 51 says.');
    assert.equal(retarget('See para 74 of the “Zero Draft”.', { '74': ['51'] }, rename), 'See para 51 of the “First Draft”.');
    assert.equal(retarget('the Zero Draft’s paragraph 17 recalls', { '17': ['24'] }, rename), 'the First Draft’s paragraph 24 recalls');
  });

  it('names the draft after the numbers when the citation named none', () => {
    assert.equal(retarget('(paragraph 17) applies', { '17': ['24'] }, append), '(paragraph 24 of the First Draft) applies');
  });

  it('keeps a range a range, with the author’s dash or "to"', () => {
    const table = { '57': ['41'], '58': ['42'], '59': ['42'], '60': ['43'] };
    assert.equal(retarget('paras 57-60 say', table), 'paras 41-43 say');
    assert.equal(retarget('paras 57–60 say', table), 'paras 41–43 say');
    assert.equal(retarget('paragraphs 57 to 60 say', table), 'paragraphs 41 to 43 say');
  });

  it('writes a range whose paragraphs are no longer contiguous as a list', () => {
    assert.equal(retarget('paras 57–59 say', { '57': ['41'], '58': ['43'], '59': ['44'] }), 'paras 41, 43 and 44 say');
    assert.equal(retarget('paras 57-61 say', { '57': ['41'], '58': ['43'], '59': ['44'], '60': ['45'], '61': ['46'] }), 'paras 41 and 43-46 say');
  });

  it('keeps a list a list, digits only, while it stays in order', () => {
    const text = 'paragraphs 24, 26 and 30 overlap';
    const citation = scanCitations(text)[0];
    const result = retargetCitation(text, citation, mapOf({ '24': ['30'], '26': ['32'], '30': ['36'] }), { kind: 'keep' })!;
    assert.equal(applyEdits(text, result.edits), 'paragraphs 30, 32 and 36 overlap');
    assert.ok(result.edits.every((edit) => /^\d+$/.test(text.slice(edit.span.start, edit.span.end))));
  });

  it('keeps a list written in order in order, and collapses a run into a range', () => {
    const moved = { '24': ['30'], '26': ['32'], '30': ['16'] };
    assert.equal(retarget('paragraphs 24, 26 and 30 overlap', moved), 'paragraphs 16, 30 and 32 overlap');
    assert.equal(retarget('paras 12, 30 and 31 say', { '12': ['9'], '30': ['8'], '31': ['10'] }), 'paras 8–10 say');
    assert.equal(retarget('paras 17 and 30-32 say', { '17': ['24'], '30': ['16'], '31': ['17'], '32': ['18'] }), 'paras 16-18 and 24 say');
  });

  it('keeps the author’s order of a list written in another order, or read "respectively"', () => {
    assert.equal(retarget('paras 36 and 12, in that order, say', { '36': ['22'], '12': ['9'] }), 'paras 22 and 9, in that order, say');
    assert.equal(
      retarget('The Charter and the guidance are in paras 17 and 36 respectively.', { '17': ['24'], '36': ['22'] }),
      'The Charter and the guidance are in paras 24 and 22 respectively.',
    );
  });

  it('says when the noun changes number, and whether the sentence still reads then', () => {
    const check = (text: string, table: Record<string, string[]>) => {
      const citation = scanCitations(text, { draftNames: DRAFT_NAMES })[0];
      return [retargetCitation(text, citation, mapOf(table), { kind: 'keep' })!.changesNoun, nounChangeReadsWell(text, citation)];
    };
    assert.deepEqual(check('Paragraph 13 says that', { '13': ['10', '11'] }), [true, false]);
    assert.deepEqual(check('Paragraphs 23 and 24 say that', { '23': ['30'], '24': ['30'] }), [true, false]);
    assert.deepEqual(check('The point (para 13) is', { '13': ['10', '11'] }), [true, true]);
    assert.deepEqual(check('As set out in para 13, States', { '13': ['10', '11'] }), [true, true]);
    assert.deepEqual(check('We note (Zero Draft, para 13) that', { '13': ['10', '11'] }), [true, true]);
    assert.deepEqual(check('Para 12 says that', { '12': ['9'] }), [false, false]);
  });

  it('merged paragraphs collapse into one number and the keyword agrees', () => {
    assert.equal(retarget('paras 23 and 24 say', { '23': ['30'], '24': ['30'] }), 'para 30 say');
    assert.equal(retarget('paragraphs 23-24 say', { '23': ['30'], '24': ['30'] }), 'paragraph 30 say');
    assert.equal(retarget('¶¶ 23-24 say', { '23': ['30'], '24': ['30'] }), '¶ 30 say');
    assert.equal(retarget('paras. 23-24 say', { '23': ['30'], '24': ['30'] }), 'para. 30 say');
  });

  it('a split paragraph becomes a list and the keyword becomes plural, in the author’s case', () => {
    assert.equal(retarget('Paragraph 13 says', { '13': ['10', '11'] }), 'Paragraphs 10 and 11 says');
    assert.equal(retarget('PARA 13 says', { '13': ['10', '11'] }), 'PARAS 10 and 11 says');
    assert.equal(retarget('para. 13 says', { '13': ['10', '11'] }), 'paras. 10 and 11 says');
    assert.equal(retarget('¶ 13 says', { '13': ['10', '11'] }), '¶¶ 10 and 11 says');
    assert.equal(retarget('paras 12, 14, and 20', { '12': ['10'], '14': ['12', '13'], '20': ['18'] }), 'paras 10, 12, 13, and 18');
  });

  it('joins edits that touch, so that no two edits meet at one point', () => {
    const text = 'see ¶13 and more';
    const citation = scanCitations(text)[0];
    const result = retargetCitation(text, citation, mapOf({ '13': ['10', '11'] }), append)!;
    assert.equal(result.edits.length, 1);
    assert.equal(applyEdits(text, result.edits), 'see ¶¶10 and 11 of the First Draft and more');
  });

  it('keeps a sub-paragraph when only the number changes, and refuses to guess where it goes in a split', () => {
    assert.equal(retarget('Paragraph 14(a) says', { '14': ['12'] }), 'Paragraph 12(a) says');
    assert.equal(retarget('paras 13(a) and 15 say', { '13': ['10', '11'], '15': ['13'] }), undefined);
  });

  it('leaves a citation alone when a paragraph cannot be followed or the range cannot be read', () => {
    assert.equal(retarget('para 16 says', {}), undefined);
    assert.equal(retarget('paras 9-12 say', { '9': ['9'], '10': ['10'], '12': ['11'] }), undefined);
    assert.equal(retarget('paras 60-57 say', { '57': ['41'], '60': ['43'] }), undefined);
  });

  it('has nothing to edit when nothing changes', () => {
    const text = 'para 3 of the Zero Draft';
    const result = retargetCitation(text, scanCitations(text, { draftNames: DRAFT_NAMES })[0], mapOf({ '3': ['3'] }), { kind: 'keep' })!;
    assert.deepEqual(result.edits, []);
  });

  it('property: the rewritten citation reads back as the numbers it was given, and nothing else changes', () => {
    const keyword = fc.constantFrom('para', 'paras', 'paragraph', 'paragraphs', 'Para', '¶', '¶¶', 'para.');
    const part = fc.oneof(
      fc.integer({ min: 1, max: 80 }).map((n) => ({ text: String(n), numbers: [n] })),
      fc.tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('-', '–', ' to ')).map(([from, length, dash]) => ({
        text: `${from}${dash}${from + length}`,
        numbers: Array.from({ length: length + 1 }, (_, k) => from + k),
      })),
    );
    const separator = fc.constantFrom(', ', ' and ', ', and ', ' & ');
    fc.assert(
      fc.property(
        keyword,
        fc.array(part, { minLength: 1, maxLength: 4 }),
        separator,
        fc.func(fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 3 })),
        fc.constantFrom<DraftNaming>({ kind: 'keep' }, append),
        (word, parts, sep, shuffle, naming) => {
          const written = parts.map((p) => p.text);
          const body = written.length === 1 ? written[0] : `${written.slice(0, -1).join(', ')}${sep}${written[written.length - 1]}`;
          const before = 'We recall that ';
          const after = ' remains relevant.';
          const text = `${before}${word} ${body}${after}`;
          const citations = scanCitations(text);
          if (citations.length !== 1 || citations[0].span.end !== before.length + word.length + 1 + body.length) return;
          const map: NumberMap = (number) => [...new Set(shuffle(Number(number)).map(String))];
          const result = retargetCitation(text, citations[0], map, naming);
          if (!result) return;
          const rewritten = applyEdits(text, result.edits);
          assert.ok(rewritten.startsWith(before) && rewritten.endsWith(after));
          const expected = [...new Set(citations[0].numbers.flatMap((number) => map(number)!))];
          // A list written in order stays in order.
          const writtenNumbers = parts.flatMap((p) => p.numbers);
          if (writtenNumbers.length > 1 && writtenNumbers.every((n, k) => k === 0 || writtenNumbers[k - 1] < n)) expected.sort((a, b) => Number(a) - Number(b));
          assert.deepEqual(result.numbers, expected);
          const again = scanCitations(rewritten, { draftNames: DRAFT_NAMES });
          assert.equal(again.length, 1, rewritten);
          assert.deepEqual(again[0].numbers, expected, rewritten);
          if (naming.kind === 'append') assert.equal(again[0].qualifier?.kind === 'draft' && again[0].qualifier.name, 'First Draft');
          const sorted = [...result.edits].sort((a, b) => a.span.start - b.span.start);
          sorted.forEach((edit, k) => k > 0 && assert.ok(sorted[k - 1].span.end < edit.span.start, 'edits neither overlap nor touch'));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('writeNumbers and describeNumbers', () => {
  it('write numbers as a drafter does', () => {
    assert.equal(writeNumbers(['51']), '51');
    assert.equal(writeNumbers(['10', '11']), '10 and 11');
    assert.equal(writeNumbers(['41', '43', '44']), '41, 43 and 44');
    assert.equal(writeNumbers(['41', '42', '43']), '41–43');
    assert.equal(writeNumbers(['30', '32', '16']), '30, 32 and 16');
    assert.equal(describeNumbers(['51']), 'para 51');
    assert.equal(describeNumbers(['16', '17', '18']), 'paras 16–18');
  });
});
