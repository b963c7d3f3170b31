// Footnotes: citations of a draft's footnotes in a submission ("footnote 2 of
// the Zero Draft", "fn. 3", "footnotes 2 and 3", "note 2 of the Pre-draft"),
// with hover, definition, a diagnostic and completion; and footnote markers in
// a draft ("[^2]", "²", "<sup>2</sup>"), hovered and followed. Fixtures
// written for this project, in the style of the drafts.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scanCitations } from '../../server/src/core/citations';
import { fixture } from '../support/fixture';
import { corpusDir, needsCorpus } from '../support/paths';

const CONFIG = `
//- /oewg-cite.json
{
  "drafts": [
    { "id": "pre-draft", "label": "Pre-draft", "path": "drafts/pre.md" },
    { "id": "zero-draft", "label": "Zero Draft", "path": "drafts/zero.txt" },
    { "id": "first-draft", "label": "First Draft" }
  ],
  "current": "zero-draft",
  "submissions": ["submissions/**/*.md"]
}`;

// A plain-text draft as PDF and Word drafts are read: raised digits as markers, each note on its own line.
const ZERO = `
//- /drafts/zero.txt
A. Introduction

1. The Group recalled the reports of the groups of governmental experts.¹ It also took note of the views of Member States.²

2. States underlined that the Charter applies in its entirety.³

¹ A/65/201, A/68/98 and A/70/174.
² Submitted in writing between the sessions.
³ See General Assembly resolution 70/237.

B. Capacity-building

3. Capacity-building should be demand-driven and gender-sensitive.⁴ ⁵

⁴ See A/75/816, annex.
⁵ Including the principles listed in paragraph 86.

4. States took note of the proposals made in this regard.⁶

⁶ As summarized by the Chair.`;

// A Markdown draft: "[^n]" and "<sup>n</sup>" markers.
const PRE = `
//- /drafts/pre.md
## A. Introduction

1. The Group held its first session in September.[^1]

2. Delegations welcomed the participation of stakeholders.<sup>2</sup>

[^1]: A/AC.290/2019/1.

<sup>2</sup> Including regional organizations.`;

function workspace(submission: string) {
  return fixture(`${CONFIG}${ZERO}${PRE}\n//- /submissions/notes.md\n${submission}`);
}

function findings(submission: string) {
  const f = workspace(submission);
  return f.service.diagnostics(f.path('submissions/notes.md')).map((d) => [d.code, f.text('submissions/notes.md').slice(d.span.start, d.span.end), d.message]);
}

describe('footnote citations: the scanner', () => {
  // Hand-counted: nine footnote citations, and eight places that must not be one.
  const TEXT = [
    'We welcome footnote 2 of the Zero Draft and fn. 3, as well as footnotes 4 and 5.',
    'The Group takes note of the proposals; note 2 of the Pre-draft is helpful.',
    'As note 1 explains, our view has not changed (see note 3 below, and notes 4-5).',
    'Zero Draft, footnote 6; Fn 1; fns. 2-4 of the First Draft; n. 2 of the Zero Draft.',
    'In Note 2: the paragraph. The n. 3 is a typo. A footnote on page 12 says more; footnote 7.',
  ].join('\n');
  const found = scanCitations(TEXT, { unit: 'footnote', draftNames: ['Zero Draft', 'Pre-draft', 'First Draft'] });

  it('reads every form with its numbers and its draft, and nothing else', () => {
    assert.deepEqual(
      found.map((citation) => [TEXT.slice(citation.span.start, citation.span.end), citation.numbers.join(','), citation.qualifier?.kind === 'draft' ? citation.qualifier.name : '']),
      [
        ['footnote 2', '2', 'Zero Draft'],
        ['fn. 3', '3', ''],
        ['footnotes 4 and 5', '4,5', ''],
        ['note 2', '2', 'Pre-draft'],
        ['footnote 6', '6', 'Zero Draft'],
        ['Fn 1', '1', ''],
        ['fns. 2-4', '2,3,4', 'First Draft'],
        ['n. 2', '2', 'Zero Draft'],
        ['footnote 7', '7', ''],
      ],
    );
    assert.ok(found.every((citation) => citation.unit === 'footnote'));
  });

  it('never reads "note" alone, "takes note of", "n." without a draft, or "footnote on page 12" as a citation', () => {
    const texts = found.map((citation) => TEXT.slice(citation.span.start, citation.span.end));
    for (const wrong of ['note 1', 'note 3', 'notes 4-5', 'Note 2', 'n. 3', 'footnote on']) assert.ok(!texts.includes(wrong), wrong);
  });

  it('leaves footnote citations out of the paragraph citations, and paragraph citations out of the footnotes', () => {
    const text = 'See para 2 and footnote 3 of the Zero Draft.';
    assert.deepEqual(scanCitations(text, { draftNames: ['Zero Draft'] }).map((citation) => citation.numbers), [['2']]);
    assert.deepEqual(scanCitations(text, { unit: 'footnote', draftNames: ['Zero Draft'] }).map((citation) => citation.numbers), [['3']]);
  });
});

describe('footnote citations: checked against the draft', () => {
  it('says when the draft has no such footnote, naming the footnotes it has', () => {
    assert.deepEqual(findings('We welcome footnote 9 of the Zero Draft.\n\nSee also footnotes 2, 8 and 3.\n\nAnd note 3 of the Pre-draft.\n'), [
      ['missing-footnote', 'footnote 9', 'footnote 9: the Zero Draft has footnotes 1–6'],
      ['missing-footnote', '8', 'footnote 8: the Zero Draft has footnotes 1–6'],
      ['missing-footnote', 'note 3', 'footnote 3: the Pre-draft has footnotes 1 and 2'],
    ]);
  });

  it('finds nothing wrong with footnotes that exist, and says nothing of a paragraph with the same number', () => {
    assert.deepEqual(findings('Footnote 6 of the Zero Draft and fn. 1 of the Pre-draft are right.\n'), []);
  });

  it('says a cited draft is not indexed, and an unknown draft is unknown', () => {
    assert.deepEqual(findings('See footnote 2 of the First Draft.\n\nSee footnote 2 of the Second Draft.\n'), [
      ['draft-not-indexed', 'footnote 2', 'footnote 2 cites the First Draft, which is not indexed'],
      ['unknown-draft', 'of the Second Draft', 'unknown draft "Second Draft": the drafts are Pre-draft, Zero Draft, First Draft'],
    ]);
  });

  it('shows the footnote on hover, with the paragraph that refers to it and the draft it resolves to', () => {
    const f = workspace('We welcome footnote $05 of the Zero Draft.\n');
    const hover = f.service.hover(f.cursor.file, f.cursor.offset);
    assert.ok(hover);
    assert.equal(f.text('submissions/notes.md').slice(hover.span.start, hover.span.end), 'footnote 5');
    assert.match(hover.markdown, /\*\*Zero Draft, footnote 5\*\* \(in para 3\)/);
    assert.match(hover.markdown, /> Including the principles listed in paragraph 86\./);
    assert.match(hover.markdown, /\*Zero Draft: named in the citation\.\*/);
  });

  it('shows each footnote of a list, and says which one the draft lacks', () => {
    const f = workspace('---\ndraft: pre-draft\n---\nWe welcome footnotes $01 and 4.\n');
    const hover = f.service.hover(f.cursor.file, f.cursor.offset)!;
    assert.match(hover.markdown, /\*\*Pre-draft, footnote 1\*\* \(in para 1\)\n\n> A\/AC\.290\/2019\/1\./);
    assert.match(hover.markdown, /\*\*footnote 4\*\* — not in the Pre-draft \(it has footnotes 1 and 2\)\./);
    assert.match(hover.markdown, /the draft named in the front matter/);
  });

  it('goes to the footnote in the draft', () => {
    const f = workspace('See fns. 2 and $03.\n');
    const targets = f.service.definition(f.cursor.file, f.cursor.offset);
    assert.deepEqual(
      targets.map((target) => [target.file, f.text('drafts/zero.txt').slice(target.span.start, target.span.end)]),
      [
        [f.path('drafts/zero.txt'), '² Submitted in writing between the sessions.'],
        [f.path('drafts/zero.txt'), '³ See General Assembly resolution 70/237.'],
      ],
    );
  });

  it('offers the draft\'s footnotes after "footnote ", not after "note "', () => {
    const f = workspace('As footnote $0\n');
    const entries = f.service.completions(f.cursor.file, f.cursor.offset);
    assert.deepEqual(entries.map((entry) => entry.label), ['1', '2', '3', '4', '5', '6']);
    assert.equal(entries[1].detail, 'Zero Draft · Submitted in writing between the sessions.');
    const g = workspace('The Group takes note $0\n');
    assert.deepEqual(g.service.completions(g.cursor.file, g.cursor.offset), []);
  });
});

describe('footnote markers in a draft', () => {
  it('shows the footnote of a raised digit in a text draft, and goes to it', () => {
    const f = fixture(`${CONFIG}${ZERO.replace('resolution 70/237.', 'resolution 70/237.').replace('entirety.³', 'entirety.³$0')}${PRE}`);
    const hover = f.service.hover(f.cursor.file, f.cursor.offset)!;
    assert.ok(hover, 'a hover on the marker');
    assert.equal(f.text('drafts/zero.txt').slice(hover.span.start, hover.span.end), '³');
    assert.equal(hover.markdown, '**Zero Draft, footnote 3** (in para 2)\n\n> See General Assembly resolution 70/237.');
    const [target] = f.service.definition(f.cursor.file, f.cursor.offset);
    assert.equal(f.text('drafts/zero.txt').slice(target.span.start, target.span.end), '³ See General Assembly resolution 70/237.');
  });

  it('reads "[^1]" and "<sup>2</sup>" markers of a Markdown draft, but not the footnote\'s own number', () => {
    for (const [marker, expected] of [['September.[^1]', '[^1]'], ['stakeholders.<sup>2</sup>', '<sup>2</sup>']] as const) {
      const at = marker.length - 2;
      const f = fixture(`${CONFIG}${ZERO}${PRE.replace(marker, marker.slice(0, at) + '$0' + marker.slice(at))}`);
      const hover = f.service.hover(f.cursor.file, f.cursor.offset)!;
      assert.ok(hover, marker);
      assert.equal(f.text('drafts/pre.md').slice(hover.span.start, hover.span.end), expected);
      assert.match(hover.markdown, /^\*\*Pre-draft, footnote [12]\*\* \(in para [12]\)/);
      const [target] = f.service.definition(f.cursor.file, f.cursor.offset);
      assert.match(f.text('drafts/pre.md').slice(target.span.start, target.span.end), expected === '[^1]' ? /^\[\^1\]: A\/AC\.290/ : /^<sup>2<\/sup> Including/);
    }
    const own = fixture(`${CONFIG}${ZERO.replace('⁶ As', '⁶$0 As')}${PRE}`);
    assert.equal(own.service.definition(own.cursor.file, own.cursor.offset).length, 0);
  });
});

describe('footnote markers in the real Zero Draft', () => {
  it('hover every marker of its paragraphs to the footnote of that number, and go to it', function () {
    needsCorpus(this);
    const text = fs.readFileSync(path.join(corpusDir, 'zero-draft-2021.txt'), 'utf8');
    const f = fixture(`${CONFIG.replace('drafts/zero.txt', 'drafts/zero-2021.txt')}\n//- /drafts/zero-2021.txt\n${text}`);
    const draft = f.service.draft('zero-draft')!.parsed!;
    const file = f.path('drafts/zero-2021.txt');
    const source = f.text('drafts/zero-2021.txt');
    let markers = 0;
    for (const paragraph of draft.paragraphs) {
      for (const piece of paragraph.pieces) {
        for (const match of source.slice(piece.start, piece.end).matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g)) {
          const offset = piece.start + match.index;
          const number = [...match[0]].map((digit) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(digit)).join('');
          const footnote = draft.footnotes.find((note) => note.number === number);
          if (!footnote) continue;
          markers++;
          const hover = f.service.hover(file, offset);
          assert.ok(hover?.markdown.includes(`footnote ${number}**`), `marker ${number} in para ${paragraph.number}`);
          const [target] = f.service.definition(file, offset);
          assert.deepEqual(target.span, footnote.span, `definition of marker ${number}`);
        }
      }
    }
    // Every footnote the draft refers to from a paragraph was reached from its marker.
    const referred = new Set(draft.paragraphs.flatMap((paragraph) => paragraph.footnoteRefs));
    assert.ok(markers >= referred.size && referred.size >= 5, `${markers} markers, ${referred.size} footnotes referred to`);
  });
});
