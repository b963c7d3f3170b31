import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseDraft } from '../../server/src/core/draftParser';
import type { Paragraph, ParsedDraft, Span } from '../../server/src/core/model';
import { fixturesDir, needsCorpus, readCorpus } from '../support/paths';

function readFixture(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, 'drafts', name), 'utf8');
}

function paragraph(draft: ParsedDraft, number: string): Paragraph {
  const found = draft.paragraphs.find((p) => p.number === number);
  assert.ok(found, `paragraph ${number} not found`);
  return found;
}

function within(span: Span, outer: Span): boolean {
  return outer.start <= span.start && span.start <= span.end && span.end <= outer.end;
}

/** What every parse must satisfy, whatever the input. */
function assertWellFormed(source: string, draft: ParsedDraft): void {
  const whole = { start: 0, end: source.length };
  for (const p of draft.paragraphs) {
    assert.match(p.number, /^\d+[a-z]*$/, `paragraph number ${JSON.stringify(p.number)}`);
    assert.equal(p.ordinal, parseInt(p.number, 10));
    assert.ok(within(p.span, whole), `span of ${p.number} outside the text`);
    assert.ok(within(p.numberSpan, p.span), `number of ${p.number} outside its span`);
    assert.ok(p.pieces.length >= 1);
    assert.equal(p.pieces[0].start, p.numberSpan.start);
    assert.equal(p.pieces[p.pieces.length - 1].end, p.span.end);
    p.pieces.forEach((piece, i) => {
      assert.ok(within(piece, p.span), `piece ${i} of ${p.number} outside its span`);
      if (i > 0) assert.ok(p.pieces[i - 1].end < piece.start, `pieces of ${p.number} out of order`);
    });
  }
  for (const item of [...draft.sections, ...draft.footnotes, ...draft.problems]) {
    assert.ok(within(item.span, whole), `span outside the text: ${JSON.stringify(item)}`);
  }
  for (const problem of draft.problems) assert.doesNotMatch(problem.message, /internal error/);
}

describe('parseDraft', () => {
  describe('the real Zero Draft (2021)', () => {
    let source: string;
    let draft: ReturnType<typeof parseDraft>;
    before(function () {
      needsCorpus(this);
      source = readCorpus('zero-draft-2021.txt');
      draft = parseDraft(source);
    });
    const continued = ['9', '21', '28', '49', '57', '63', '82', '90'];

    it('reads exactly 117 paragraphs, numbered 1 to 117 in order, without problems', () => {
      assert.deepEqual(
        draft.paragraphs.map((p) => p.number),
        Array.from({ length: 117 }, (_, i) => String(i + 1)),
      );
      assert.deepEqual(draft.problems, []);
      assertWellFormed(source, draft);
    });

    it('reads the bold title and its subtitle, and never makes them paragraphs or sections', () => {
      assert.ok(draft.title?.startsWith('Open-ended working group on developments in the field'), draft.title);
      assert.ok(draft.title?.endsWith('[Zero Draft]'), draft.title);
      assert.doesNotMatch(draft.title ?? '', /\*/);
      assert.equal(draft.sections[0].title, 'Introduction');
    });

    it('reads the eight lettered sections with their exact titles', () => {
      assert.deepEqual(
        draft.sections.map((s) => `${s.letter}. ${s.title}`),
        [
          'A. Introduction',
          'B. Existing and Potential Threats',
          'C. International Law',
          'D. Rules, Norms and Principles for Responsible State Behaviour',
          'E. Confidence-building Measures',
          'F. Capacity-building',
          'G. Regular Institutional Dialogue',
          'H. Final Observations',
        ],
      );
      for (const section of draft.sections) assert.equal(source.slice(section.span.start, section.span.end), `${section.letter}. ${section.title}`);
      assert.equal(paragraph(draft, '1').section?.letter, 'A');
      assert.equal(paragraph(draft, '26').section?.letter, 'C');
      assert.equal(paragraph(draft, '117').section?.letter, 'H');
    });

    it('gives each paragraph the sub-heading above it, reset at each section', () => {
      const expected: Record<string, string | undefined> = {
        '1': undefined,
        '15': undefined,
        '16': 'Discussions',
        '18': 'Conclusions',
        '26': undefined,
        '27': 'Discussions',
        '37': 'Conclusions and Recommendations',
        '41': 'The OEWG recommends that',
        '74': 'The OEWG recommends that',
        '86': 'Conclusions and Recommendations',
        '87': 'Conclusions and Recommendations',
        '94': 'The OEWG recommends that',
        '95': undefined,
        '104': 'Conclusions and recommendations',
        '115': undefined,
      };
      for (const [number, subheading] of Object.entries(expected)) {
        assert.equal(paragraph(draft, number).subheading, subheading, `sub-heading of paragraph ${number}`);
      }
    });

    it('records each sub-heading line where it stands, once per occurrence, right above the paragraphs that carry it', () => {
      const subheadings = draft.subheadings ?? [];
      assert.equal(subheadings.length, 17);
      for (const subheading of subheadings) assert.equal(source.slice(subheading.span.start, subheading.span.end), subheading.title);
      assert.deepEqual(subheadings.slice(0, 5).map((s) => s.title), ['Discussions', 'Conclusions', 'Discussions', 'Conclusions and Recommendations', 'The OEWG recommends that']);
      // Every paragraph with a sub-heading has that very line as the nearest sub-heading above it.
      for (const p of draft.paragraphs.filter((candidate) => candidate.subheading)) {
        const above = subheadings.filter((s) => s.span.end <= p.span.start).pop();
        assert.equal(above?.title, p.subheading, `sub-heading line above paragraph ${p.number}`);
      }
    });

    it('joins the paragraphs that a page break interrupts, with a single space', () => {
      for (const number of continued) {
        const p = paragraph(draft, number);
        assert.ok(p.pieces.length > 1, `paragraph ${number} should have several pieces`);
        // The last words before the break and the first words after it meet in the text.
        const beforeBreak = source.slice(p.pieces[0].start, p.pieces[0].end).replace(/\*/g, '').split(' ').slice(-2).join(' ');
        const afterBreak = source.slice(p.pieces[1].start, p.pieces[1].end).split(' ').slice(0, 3).join(' ');
        assert.ok(p.text.includes(`${beforeBreak} ${afterBreak}`), `paragraph ${number}: "${beforeBreak} ${afterBreak}" not in its text`);
      }
      assert.match(paragraph(draft, '28').text, /of the United Nations; respect/);
      assert.match(paragraph(draft, '57').text, /States also agreed/);
    });

    it('keeps footnote texts out of every paragraph', () => {
      const leaks = ['A/RES/58/32', 'Annexed to this resolution', 'Examples of relevant SDG', 'https://', 'See background paper', 'See, for example'];
      for (const p of draft.paragraphs) {
        for (const leak of leaks) assert.ok(!p.text.includes(leak), `paragraph ${p.number} contains "${leak}"`);
        for (const footnote of draft.footnotes) {
          assert.ok(!p.text.includes(footnote.text.slice(0, 40)), `paragraph ${p.number} contains footnote ${footnote.number}`);
          for (const piece of p.pieces) {
            assert.ok(piece.end <= footnote.span.start || piece.start >= footnote.span.end, `a piece of paragraph ${p.number} overlaps footnote ${footnote.number}`);
          }
        }
      }
    });

    it('reads paragraphs 91 to 94, which have no blank line between them, as four paragraphs', () => {
      const numbers = ['91', '92', '93', '94'];
      const found = numbers.map((n) => paragraph(draft, n));
      for (const [i, p] of found.entries()) {
        const line = source.slice(p.numberSpan.start, source.indexOf('\n', p.numberSpan.start));
        assert.equal(`${numbers[i]}. ${p.text}`, line, `paragraph ${numbers[i]} should be exactly its own line`);
        assert.equal(p.pieces.length, 1);
      }
      assert.match(found[0].text, /^States be guided by the principles contained in paragraph 86/);
      assert.match(found[3].text, /^States continue to consider capacity-building/);
    });

    it("keeps paragraph 86's list headings and bullets inside it, each on its own line", () => {
      const p86 = paragraph(draft, '86');
      const lines = p86.text.split('\n');
      assert.match(lines[0], /guided by the following principles:$/);
      for (const heading of ['Process and Purpose', 'Partnerships', 'People']) assert.ok(lines.includes(heading), `list heading ${heading}`);
      const sourceBullets = source.slice(p86.span.start, p86.span.end).split('\n').filter((l) => /^\s*- \S/.test(l));
      assert.equal(lines.filter((l) => /^\s*- \S/.test(l)).length, sourceBullets.length);
      assert.ok(!lines.some((l) => l.trim() === '-'), 'the empty bullet is skipped');
      assert.ok(lines.some((l) => l.startsWith('  - Capacity-building activities')), 'the indented bullet stays nested');

      const p87 = paragraph(draft, '87');
      assert.match(p87.text, /^States agreed that capacity-building is a shared/);
      assert.ok(!p87.text.includes('Partnerships') && !p87.text.includes('\n'));
    });

    it('reads footnotes 1 to 11 with their texts, without markers', () => {
      const starts = [
        'See, for example',
        'A/RES/58/32',
        'A/65/201',
        'See “Chair’s Summary',
        'A/RES/73/27',
        'Annexed to this resolution',
        '<https://www.un.org/disarmament',
        'A/69/723',
        'A/70/174',
        'Examples of relevant SDG',
        'See background paper',
      ];
      assert.deepEqual(
        draft.footnotes.map((f) => f.number),
        starts.map((_, i) => String(i + 1)),
      );
      draft.footnotes.forEach((f, i) => assert.ok(f.text.startsWith(starts[i]), `footnote ${f.number}: ${f.text.slice(0, 40)}`));
      assert.match(draft.footnotes[2].text, /A\/68\/98\* and/, 'the star of a reissued symbol is not emphasis');
    });

    it('removes footnote markers from paragraph text and records them', () => {
      for (const p of draft.paragraphs) assert.doesNotMatch(p.text, /[⁰¹²³⁴⁵⁶⁷⁸⁹]/, `paragraph ${p.number}`);
      assert.deepEqual(paragraph(draft, '5').footnoteRefs, ['1']);
      assert.match(paragraph(draft, '5').text, /has recognized that/);
      assert.deepEqual(paragraph(draft, '7').footnoteRefs, ['2', '3']);
      assert.deepEqual(paragraph(draft, '9').footnoteRefs, ['4'], 'the marker in the continued piece counts');
      assert.deepEqual(paragraph(draft, '80').footnoteRefs, ['10']);
      assert.deepEqual(
        draft.paragraphs.flatMap((p) => p.footnoteRefs),
        draft.footnotes.map((f) => f.number),
      );
    });

    it('strips Markdown emphasis from text but keeps it inside the spans', () => {
      for (const p of draft.paragraphs) assert.ok(!p.text.includes('*'), `paragraph ${p.number}`);
      const p1 = paragraph(draft, '1');
      assert.match(p1.text, /^Despite the radical/);
      assert.equal(source.slice(p1.numberSpan.end, p1.numberSpan.end + 2), ' *');
      assert.match(paragraph(draft, '108').text, /should, inter alia, raise/);
    });

    it('marks the paragraph number and the whole paragraph in the source', () => {
      for (const p of draft.paragraphs) assert.equal(source.slice(p.numberSpan.start, p.numberSpan.end), `${p.number}.`);
      const p74 = paragraph(draft, '74');
      assert.equal(source.slice(p74.numberSpan.start, p74.numberSpan.end), '74.');
      const p57 = paragraph(draft, '57');
      assert.ok(source.slice(p57.span.start, p57.span.end).includes('A/69/723'), 'the span of 57 runs over the footnotes that interrupt it');
      assert.match(source.slice(p57.pieces[1].start, p57.pieces[1].end), /^also agreed/);
    });

    it('never puts a section heading or sub-heading line into a paragraph', () => {
      const headings = new Set<string>([
        ...draft.sections.map((s) => `${s.letter}. ${s.title}`),
        ...draft.paragraphs.flatMap((p) => (p.subheading ? [p.subheading] : [])),
      ]);
      assert.ok(headings.size >= 8 + 5);
      for (const p of draft.paragraphs) {
        for (const line of p.text.split('\n')) assert.ok(!headings.has(line), `paragraph ${p.number} holds the heading "${line}"`);
        for (const heading of headings) assert.ok(!p.text.includes(` ${heading} `) || heading.length < 12, `paragraph ${p.number} runs into "${heading}"`);
      }
    });

    it('reads internal cross-references as plain text', () => {
      assert.match(paragraph(draft, '91').text, /paragraph 86 in their/);
      assert.equal(draft.paragraphs.filter((p) => p.number === '86').length, 1);
    });
  });

  describe("the Chair's working paper (unnumbered Markdown)", () => {
    let source: string;
    let draft: ReturnType<typeof parseDraft>;
    before(function () {
      needsCorpus(this);
      source = readCorpus('chair-working-paper-2020-02.md');
      draft = parseDraft(source);
    });

    it('has no paragraphs at all', () => {
      assert.deepEqual(draft.paragraphs, []);
      assert.deepEqual(draft.problems, []);
      assertWellFormed(source, draft);
    });

    it('reads its lettered sections A to F, bold stripped, after its two unlettered top-level parts', () => {
      assert.deepEqual(
        draft.sections.map((s) => [s.letter, s.title]),
        [
          [undefined, 'Preliminary remarks'],
          [undefined, 'General exchange of views'],
          ['A', 'Existing and potential threats'],
          ['B', 'International law'],
          ['C', 'Norms, rules and principles for responsible State behaviour'],
          ['D', 'Confidence-building measures'],
          ['E', 'Capacity-building'],
          ['F', 'Regular institutional dialogue (RID)'],
        ],
      );
      assert.ok(!('letter' in draft.sections[0]), 'an unlettered section has no letter at all');
    });

    it('reads footnote 1 (a <sup> definition) and the title', () => {
      assert.deepEqual(
        draft.footnotes.map((f) => f.number),
        ['1'],
      );
      assert.match(draft.footnotes[0].text, /^In light of the extensive general exchange/);
      assert.match(draft.footnotes[0].text, /suggests not to have/, 'bold is stripped from footnote text');
      assert.ok(draft.title?.startsWith('Open-ended Working Group on developments'), draft.title);
    });
  });

  describe('a Markdown draft with CRLF line ends', () => {
    const source = readFixture('markdown-draft.md');
    const draft = parseDraft(source);

    it('is really written with CRLF', () => {
      assert.ok(source.includes('\r\n'));
      assertWellFormed(source, draft);
      assert.deepEqual(draft.problems, []);
    });

    it('reads "#" headings as sections, with or without a letter, and skips the YAML front matter', () => {
      assert.equal(draft.title, 'Open-ended working group on responsible behaviour in digital spaces — Draft Report [First Draft]');
      assert.deepEqual(
        draft.sections.map((s) => [s.letter, s.title]),
        [
          ['A', 'Introduction'],
          ['B', 'Threats'],
          [undefined, 'Working methods'],
        ],
      );
      assert.equal(paragraph(draft, '6').section?.title, 'Working methods');
    });

    it('reads bis and ter paragraphs', () => {
      assert.deepEqual(
        draft.paragraphs.map((p) => p.number),
        ['1', '2', '3', '4', '4bis', '4ter', '5', '6'],
      );
      const ter = paragraph(draft, '4ter');
      assert.equal(ter.ordinal, 4);
      assert.equal(source.slice(ter.numberSpan.start, ter.numberSpan.end), '4 ter.');
      assert.equal(paragraph(draft, '4bis').subheading, 'Discussions');
    });

    it('reads "###" sub-headings, Markdown footnotes, sub-paragraph letters and emphasis', () => {
      assert.equal(paragraph(draft, '3').subheading, undefined);
      assert.equal(paragraph(draft, '5').subheading, 'Conclusions and recommendations');
      assert.equal(paragraph(draft, '2').text, 'This report reflects the areas where delegations found common ground.');
      assert.deepEqual(paragraph(draft, '2').footnoteRefs, ['1']);
      assert.deepEqual(paragraph(draft, '4').footnoteRefs, ['2']);
      assert.match(paragraph(draft, '4').text, /of this kind rarely/);
      assert.deepEqual(
        draft.footnotes.map((f) => [f.number, f.text.split(' ')[0]]),
        [
          ['1', 'This'],
          ['2', 'See'],
        ],
      );
      assert.deepEqual(paragraph(draft, '5').text.split('\n').map((l) => l.slice(0, 3)), ['Del', '(a)', '(b)']);
      assert.match(paragraph(draft, '6').text, /share written comments before/);
      for (const p of draft.paragraphs) assert.ok(!p.text.includes('\r'));
    });
  });

  describe('a plain draft with a page break, footnotes and a list', () => {
    const source = readFixture('plain-draft.txt');
    const draft = parseDraft(source);

    it('reads its paragraphs, sections and title', () => {
      assertWellFormed(source, draft);
      assert.deepEqual(draft.problems, []);
      assert.deepEqual(
        draft.paragraphs.map((p) => p.number),
        ['1', '2', '3', '4', '5', '6', '7', '8'],
      );
      assert.deepEqual(
        draft.sections.map((s) => s.letter),
        ['A', 'B', 'C'],
      );
      assert.equal(draft.title, 'Open-ended working group on responsible behaviour in digital spaces — Draft Report [Revised Draft]');
    });

    it('continues a paragraph after the footnotes of a page break', () => {
      const p3 = paragraph(draft, '3');
      assert.equal(p3.pieces.length, 2);
      assert.match(p3.text, /and that the effects on people can last for years\. Such attacks/);
      assert.ok(!p3.text.includes('A/RES/99/1') && !p3.text.includes('informal meeting'));
      assert.deepEqual(p3.footnoteRefs, ['2']);
      assert.deepEqual(paragraph(draft, '2').footnoteRefs, ['1']);
      assert.deepEqual(
        draft.footnotes.map((f) => f.number),
        ['1', '2'],
      );
    });

    it('recognises a sub-heading that is not in any list of usual ones', () => {
      for (const number of ['4', '5', '6']) assert.equal(paragraph(draft, number).subheading, 'Way forward');
      assert.equal(paragraph(draft, '3').subheading, undefined);
      assert.equal(paragraph(draft, '8').subheading, 'The Group recommends that');
      assert.equal(paragraph(draft, '7').subheading, undefined);
    });

    it('keeps list headings and bullets inside the paragraph that introduces them', () => {
      assert.deepEqual(paragraph(draft, '7').text.split('\n'), [
        'Delegations agreed that capacity-building should follow these principles:',
        'Ownership',
        '- Activities should respond to needs identified by the receiving State.',
        '  - Partners should agree on clear goals at the outset.',
        'Sustainability',
        '- Programmes should be designed to last beyond a single funding cycle.',
      ]);
      assert.match(paragraph(draft, '8').text, /paragraph 7 of this report\.$/);
    });
  });

  describe('problems', () => {
    it('reports truncation, repeated, backward and missing numbers, and footnotes without text', () => {
      const source = readFixture('irregular-draft.txt');
      const draft = parseDraft(source);
      assertWellFormed(source, draft);
      assert.deepEqual(
        draft.paragraphs.map((p) => p.number),
        ['1', '2', '3', '3', '1bis', '6'],
      );
      const messages = draft.problems.map((p) => p.message);
      for (const expected of [/paragraph 2 seems truncated/, /paragraph 3 appears more than once/, /paragraph 1bis is out of order/, /paragraphs 4–5 are missing/, /footnote 7, whose text was not found/]) {
        assert.ok(
          messages.some((m) => expected.test(m)),
          `${expected} not in ${JSON.stringify(messages)}`,
        );
      }
      assert.equal(messages.length, 5);
      assert.match(paragraph(draft, '2').text, /before the words Member States and observers$/, 'a title-like line after an unfinished paragraph continues it');
    });

    it('never throws on empty or degenerate input', () => {
      for (const source of ['', '\n\n\n', '1.', '**', '# ', '¹', '-', '\r\r\n', '---\n', '\uFEFF1. Text.']) {
        assertWellFormed(source, parseDraft(source));
      }
      assert.equal(parseDraft('1.').problems[0]?.message, 'paragraph 1 has no text');
      assert.equal(parseDraft('\uFEFF1. Text.').paragraphs[0]?.text, 'Text.');
    });
  });

  describe('lines that look like something else', () => {
    it('does not take a wrapped line that starts with a year for a paragraph', () => {
      const draft = parseDraft('12. Delegations recalled the report adopted in\n2015. They agreed to build on it.\n\n13. Next paragraph.\n');
      assert.deepEqual(
        draft.paragraphs.map((p) => p.number),
        ['12', '13'],
      );
      assert.equal(draft.paragraphs[0].text, 'Delegations recalled the report adopted in 2015. They agreed to build on it.');
    });

    it('reads a plain title wrapped over two lines, without bold', () => {
      const draft = parseDraft('Working group on responsible behaviour\nin digital spaces\n\nA. Introduction\n\n1. Text.\n');
      assert.equal(draft.title, 'Working group on responsible behaviour in digital spaces');
      assert.equal(draft.paragraphs.length, 1);
    });

    it('does not open a paragraph on a year at the start of prose', () => {
      assert.deepEqual(parseDraft('Notes on the session\n\n2021. A year of hybrid meetings.\n').paragraphs, []);
    });

    it('keeps a numbered list inside a paragraph that introduces it', () => {
      const draft = parseDraft('5. Delegations proposed two steps:\n\n1. a survey of practice;\n\n2. a shared glossary.\n\n6. Next paragraph.\n');
      assert.deepEqual(
        draft.paragraphs.map((p) => p.number),
        ['5', '6'],
      );
      assert.deepEqual(draft.paragraphs[0].text.split('\n'), ['Delegations proposed two steps:', '1. a survey of practice;', '2. a shared glossary.']);
    });

    it('keeps a list item numbered like the next paragraph in the list, when indented or when the list is left open', () => {
      const indented = parseDraft('1. First.\n\n2. States listed threats:\n   1. ransomware;\n   2. attacks;\n   3. disinformation;\n   4. supply chain risks.\n\n3. Third.\n\n4. Fourth.\n');
      assert.deepEqual(indented.paragraphs.map((p) => p.number), ['1', '2', '3', '4']);
      assert.deepEqual(indented.paragraphs[1].text.split('\n').slice(-2), ['3. disinformation;', '4. supply chain risks.']);
      assert.deepEqual(indented.problems, []);
      const flush = parseDraft('1. First.\n\n2. States listed threats:\n1. ransomware;\n2. attacks; and\n3. disinformation.\n\n3. Third.\n');
      assert.deepEqual(flush.paragraphs.map((p) => [p.number, p.text.split('\n').length]), [['1', 1], ['2', 4], ['3', 1]]);
      const closed = parseDraft('1. First.\n\n2. States listed two threats:\n1. ransomware;\n2. attacks.\n\n3. Third paragraph.\n');
      assert.deepEqual(closed.paragraphs.map((p) => p.number), ['1', '2', '3'], 'a finished item, then the next paragraph at the margin');
    });

    it('reads a usual sub-heading as a sub-heading even after an unfinished paragraph', () => {
      const draft = parseDraft('A. Threats\n\n3. Text that ends without a full stop\n\nConclusions\n\n4. Text.\n');
      assert.equal(draft.paragraphs[0].text, 'Text that ends without a full stop');
      assert.equal(draft.paragraphs[1].subheading, 'Conclusions');
      assert.match(draft.problems[0].message, /paragraph 3 seems truncated/);
    });

    it('reads <sup> markers, [^n] markers and indented Markdown footnote lines', () => {
      const draft = parseDraft('7. First claim.<sup>1</sup> Second claim.[^2]\n\n<sup>1</sup> A source.\n\n[^2]: Another source,\n    over two lines.\n');
      assert.equal(draft.paragraphs[0].text, 'First claim. Second claim.');
      assert.deepEqual(draft.paragraphs[0].footnoteRefs, ['1', '2']);
      assert.deepEqual(
        draft.footnotes.map((f) => [f.number, f.text]),
        [
          ['1', 'A source.'],
          ['2', 'Another source, over two lines.'],
        ],
      );
    });

    it('ends a paragraph at a bold line standing alone', () => {
      const draft = parseDraft('A. Norms\n\n9. Text.\n\n**Guidance on implementation**\n\n10. More text.\n');
      assert.equal(draft.paragraphs[0].text, 'Text.');
      assert.equal(draft.paragraphs[1].subheading, 'Guidance on implementation');
    });
  });

  describe('any input (property)', () => {
    const words = fc.constantFrom('States', 'agreed', 'that', 'the', 'OEWG', 'norms', '*italic*', '**bold**', 'A/RES/70/237', '¹', '²³', '[^4]', '<sup>5</sup>', ':', '.', ',', '“', '—', '🙂', 'é');
    const phrase = fc.array(words, { minLength: 0, maxLength: 8 }).map((w) => w.join(' '));
    const line = fc.oneof(
      fc.tuple(fc.nat(2100), fc.constantFrom('', 'bis', ' bis', 'ter', 'a'), fc.constantFrom('.', '\\.'), phrase).map(([n, s, dot, t]) => `${n}${s}${dot} ${t}`),
      fc.tuple(fc.constantFrom('', '# ', '## **', '### '), fc.constantFrom('A', 'B', 'H', 'IV'), phrase).map(([h, l, t]) => `${h}${l}. ${t}`),
      fc.constantFrom('Discussions', 'Conclusions and Recommendations', 'The OEWG recommends that', 'Process and Purpose', '**Bold heading**', '**Bold title over', 'two lines**'),
      fc.tuple(fc.constantFrom('¹ ', '¹⁰ ', '[^3]: ', '<sup>1</sup> ', '    '), phrase).map(([m, t]) => m + t),
      fc.tuple(fc.constantFrom('- ', ' - ', '* ', '-', '(a) '), phrase).map(([b, t]) => b + t),
      fc.constantFrom('', '', '   ', '---', '- 3 -', '\f'),
      phrase,
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const draftSoup = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol));

    it('never throws, keeps every span inside the text and pieces in source order', () => {
      fc.assert(
        fc.property(draftSoup, (source) => {
          assertWellFormed(source, parseDraft(source));
        }),
        { numRuns: 400 },
      );
    });
  });
});
