// Paragraph citations themselves: a paragraph that does not exist, a draft
// nobody configured or nobody indexed, a range written backwards, the
// paragraph in a hover, go to definition and completion, on fixtures written
// with the shared harness ("$0" marks the cursor).
import { strict as assert } from 'assert';
import { fixture } from '../support/fixture';

const WORKSPACE = `
//- /oewg-cite.json
{
  "drafts": [
    { "id": "pre-draft", "label": "Pre-draft" },
    { "id": "zero-draft", "label": "Zero Draft", "aliases": ["ZD"], "path": "drafts/zero.txt" }
  ],
  "current": "zero-draft",
  "submissions": ["submissions/**/*.md"]
}
//- /drafts/zero.txt
A. Introduction

1. The Group held four substantive sessions and informal consultations with stakeholders.

B. Existing and Potential Threats

2. States expressed concern about malicious ICT activities against critical infrastructure.

3. States recalled that capacity-building is essential for the implementation of norms.
`;

function withSubmission(submission: string) {
  return fixture(`${WORKSPACE}//- /submissions/notes.md\n${submission}`);
}

function findings(submission: string) {
  const f = withSubmission(submission);
  const file = f.path('submissions/notes.md');
  return f.service.diagnostics(file).map((d) => [d.code, f.text('submissions/notes.md').slice(d.span.start, d.span.end), d.message]);
}

describe('paragraphFeature: what is wrong with a citation', () => {
  it('names the paragraphs the draft has when a cited one does not exist, marking the wrong part of a list', () => {
    assert.deepEqual(findings('We welcome para 4.\n\nSee also paragraphs 2, 7 and 3.\n'), [
      ['missing-paragraph', 'para 4', 'para 4: the Zero Draft has paragraphs 1–3'],
      ['missing-paragraph', '7', 'para 7: the Zero Draft has paragraphs 1–3'],
    ]);
  });

  it('names the missing end of a range as other messages name numbers: two as a pair, three or more as a range', () => {
    assert.deepEqual(findings('We welcome paras 2-5.\n\nSee paras 1-6.\n'), [
      ['missing-paragraph', '2-5', 'paras 4 and 5: the Zero Draft has paragraphs 1–3'],
      ['missing-paragraph', '1-6', 'paras 4–6: the Zero Draft has paragraphs 1–3'],
    ]);
  });

  it('says a range runs backwards, and a draft that is known but not indexed, with how to index it', () => {
    assert.deepEqual(findings('As paras 3-1 show.\n\nOn para 2 of the Pre-draft.\n'), [
      ['reversed-range', '3-1', 'range 3–1 runs backwards: did you mean 1–3?'],
      ['draft-not-indexed', 'para 2', 'para 2 cites the Pre-draft, which is not indexed: give it a "path" in oewg-cite.json to check this citation'],
    ]);
  });

  it('says the front matter names no configured draft, and resolves what follows to the current draft', () => {
    assert.deepEqual(findings('---\ndraft: first-draft\n---\n\nWe welcome para 4.\n'), [
      ['unknown-draft', 'first-draft', 'unknown draft "first-draft" in the front matter: the drafts are pre-draft, zero-draft'],
      ['missing-paragraph', 'para 4', 'para 4: the Zero Draft has paragraphs 1–3'],
    ]);
  });

  it('says once that no draft is indexed, on the first citation', () => {
    const f = fixture('//- /submissions/notes.md\nWe welcome para 4.\n\nAnd para 5.\n');
    const found = f.service.diagnostics(f.path('submissions/notes.md'), { evenIfNotSubmission: true });
    assert.deepEqual(found.map((d) => [d.code, d.span]), [['no-draft', f.spanOf('submissions/notes.md', 'para 4')]]);
  });
});

describe('paragraphFeature: the cited paragraph at hand', () => {
  it('shows the paragraph with its section and the draft, and why that draft', () => {
    const f = withSubmission('Comments.\n\nWe welcome para $02 of the ZD.\n');
    const hover = f.service.hover(f.cursor.file, f.cursor.offset)!;
    assert.deepEqual(hover.span, f.spanOf('submissions/notes.md', 'para 2'));
    assert.equal(
      hover.markdown,
      '**Zero Draft, para 2** · B. Existing and Potential Threats\n\n> States expressed concern about malicious ICT activities against critical infrastructure.\n\n---\n\n*Zero Draft: named in the citation.*',
    );
  });

  it('escapes what Markdown would read in the section title and sub-heading as it does in the text: brackets of negotiated text, a footnote mark', () => {
    const f = fixture(`
//- /oewg-cite.json
{ "drafts": [{ "id": "rev-1", "label": "Rev.1", "path": "drafts/rev1.txt" }], "current": "rev-1", "submissions": ["*.md"] }
//- /drafts/rev1.txt
A. Introduction

1. The Group held four substantive sessions and informal consultations with stakeholders.

B. Regular Institutional Dialogue [and Capacity-building]

Conclusions and recommendations*

2. States [should] continue to discuss the establishment of a programme of action.
//- /notes.md
We welcome para $02.
`);
    assert.equal(
      f.service.hover(f.cursor.file, f.cursor.offset)!.markdown.split('\n\n---\n\n')[0],
      '**Rev.1, para 2** · B. Regular Institutional Dialogue \\[and Capacity-building\\] · *Conclusions and recommendations\\**\n\n> States \\[should\\] continue to discuss the establishment of a programme of action.',
    );
  });

  it('goes to the paragraph in the draft', () => {
    const f = withSubmission('Under the heading.\n\nWe welcome paras 2-$03.\n');
    const targets = f.service.definition(f.cursor.file, f.cursor.offset);
    const draft = f.text('drafts/zero.txt');
    assert.deepEqual(
      targets.map((target) => [target.file, draft.slice(target.selectionSpan.start, target.selectionSpan.end)]),
      [
        [f.path('drafts/zero.txt'), '2.'],
        [f.path('drafts/zero.txt'), '3.'],
      ],
    );
  });

  it('completes the numbers of the draft the position resolves to, with their first words', () => {
    const f = withSubmission('First block.\n\nWe welcome para $0\n');
    const entries = f.service.completions(f.cursor.file, f.cursor.offset);
    assert.deepEqual(
      entries.map((entry) => [entry.label, entry.detail]),
      [
        ['1', 'Zero Draft · The Group held four substantive sessions and informal …'],
        ['2', 'Zero Draft · States expressed concern about malicious ICT activities against …'],
        ['3', 'Zero Draft · States recalled that capacity-building is essential for the …'],
      ],
    );
    assert.deepEqual(entries[0].replaceSpan, { start: f.cursor.offset, end: f.cursor.offset });
  });
});
