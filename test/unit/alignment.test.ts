import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import {
  alignDrafts,
  countByKind,
  whereDidItComeFrom,
  whereDidItGo,
  type Alignment,
  type FateKind,
} from '../../server/src/core/alignment';
import { renderAlignmentReport, renderDiffMarkdown } from '../../server/src/core/alignmentReport';
import { parseDraft } from '../../server/src/core/draftParser';
import type { ParsedDraft } from '../../server/src/core/model';
import { normaliseText } from '../../server/src/core/textNormalise';
import { comparableWords, compactWordDiff, sameWording, summariseWordDiff, wordDiff } from '../../server/src/core/wordDiff';
import {
  addParagraph,
  deleteParagraph,
  dropSubsections,
  knownAnswer,
  mergeParagraphs,
  moveParagraph,
  numberedParagraphs,
  outlineOf,
  renderOutline,
  rewordParagraph,
  splitParagraph,
  swapSections,
  syntheticOutline,
  type DraftOutline,
  type KnownAnswer,
} from '../support/draftEdits';
import { needsCorpus, readCorpus, samplesDir } from '../support/paths';

// ---------- word differences ----------

describe('wordDiff', () => {
  it('gives runs that rebuild both versions of the paragraph', () => {
    const older = 'States agreed to continue to inform the Secretary-General of their views.';
    const newer = 'States decided to continue informing the Secretary-General of their national views.';
    const chunks = wordDiff(older, newer);
    assert.equal(chunks.filter((c) => c.kind !== 'added').map((c) => c.text).join(''), older);
    assert.equal(chunks.filter((c) => c.kind !== 'removed').map((c) => c.text).join(''), newer);
    assert.ok(chunks.some((c) => c.kind === 'removed' && c.text.trim() === 'agreed'));
    assert.ok(chunks.some((c) => c.kind === 'added' && c.text.trim() === 'national'));
    assert.ok(chunks.some((c) => c.kind === 'same' && c.text.includes('the Secretary-General of their')));
  });

  it('treats hyphenation, quotes, dashes, case and footnote markers as the same wording', () => {
    assert.ok(sameWording('States publicly re-affirm the “two-way street”¹', 'states publicly reaffirm the "two-way street"'));
    assert.ok(sameWording('South–South cooperation', 'South-South cooperation'));
    assert.ok(!sameWording('States publicly reaffirm', 'States reaffirm'));
  });

  it('summarises a real change with a little context on each side', () => {
    const older = 'As a first step, States publicly re-affirm their commitment to act on the guidance of the earlier reports of the Group.';
    const newer = 'As a first step, States reaffirm their commitment to act on the guidance of the earlier reports of the Group.';
    assert.equal(
      summariseWordDiff(wordDiff(older, newer)),
      "'… first step, States publicly re-affirm their commitment to …' → '… first step, States reaffirm their commitment to …'",
    );
  });

  it('shows a hyphenation change when it is the only change, and hides it behind a real one', () => {
    const onlyHyphen = summariseWordDiff(wordDiff('States re-affirm their support.', 'States reaffirm their support.'));
    assert.equal(onlyHyphen, "'States re-affirm their support.' → 'States reaffirm their support.'");

    const both = compactWordDiff(
      wordDiff('States re-affirm their support for the regional bodies.', 'States reaffirm their strong support for the regional bodies.'),
    );
    assert.deepEqual(
      both.filter((c) => c.kind !== 'same').map((c) => [c.kind, c.text.trim()]),
      [['added', 'strong']],
    );
  });

  it('cuts long unchanged runs between two changes with an ellipsis', () => {
    const middle = 'the exchange of national views on the application of existing commitments in the regional and global settings';
    const summary = summariseWordDiff(wordDiff(`Some States welcomed ${middle} of the past year.`, `Many States welcomed ${middle} of the coming year.`));
    assert.equal(summary, "'Some States welcomed the … settings of the past year.' → 'Many States welcomed the … settings of the coming year.'");
    assert.ok(!summary.includes('application'), summary);
  });

  it('shows the first changes and counts the others, keeping words and full stops apart as written', () => {
    const older = 'States agreed to detect and respond to incidents affecting small enterprises in every region of the world, and to report them.';
    const newer = 'States agreed to detect, prevent and respond to incidents affecting small and medium-sized enterprises in every region of the world, and to record them.';
    const chunks = wordDiff(older, newer);
    assert.equal(
      summariseWordDiff(chunks),
      "'… agreed to detect and respond to incidents affecting small enterprises in every …' → " +
        "'… agreed to detect, prevent and respond to incidents affecting small and medium-sized enterprises in every …' (and 1 more change)",
    );
    assert.ok(summariseWordDiff(chunks, { maxChanges: 5 }).endsWith("and to record them.'"));
    assert.equal(
      summariseWordDiff(wordDiff('The Group met openly. Others preferred closed meetings.', 'The Group met openly and online. Other States preferred closed meetings.')),
      "'… Group met openly. Others preferred closed meetings.' → '… Group met openly and online. Other States preferred closed meetings.'",
    );
  });

  it('reads the words of a paragraph as the shared normalisation does (en-dash compounds aside)', function () {
    needsCorpus(this);
    for (const p of parseDraft(readCorpus('zero-draft-2021.txt')).paragraphs) {
      const text = p.text.replace(/(\p{L})\u2013(?=\p{L})/gu, '$1-');
      assert.equal(comparableWords(text).join(' '), normaliseText(text), `para ${p.number}`);
    }
    assert.deepEqual(comparableWords('South–South and re-\naffirm, the State’s “role”¹'), ['southsouth', 'and', 'reaffirm', 'the', "state's", 'role']);
  });

  it('says so when nothing changed', () => {
    assert.equal(summariseWordDiff(wordDiff('Same text.', 'Same text.')), 'no change in wording');
  });
});

// ---------- small drafts built in the test ----------

const TEXTS = [
  'The Group met five times and heard the views of all delegations on the questions before it.',
  'Delegations recalled the earlier consensus reports. They valued the framework those reports set out for responsible conduct.',
  'Some delegations proposed a standing forum. Others preferred to keep the present open format under review.',
  'Several delegations described national exercises that tested the readiness of incident response teams.',
  'The Group stressed that capacity-building should answer needs identified by the receiving State itself.',
  'Delegations agreed that points of contact should be kept up to date and reachable at short notice.',
  'It was suggested that a shared calendar of regional workshops would reduce duplication of effort.',
  'The Group welcomed the contributions of civil society, industry and academia to its work this year.',
];

function smallOutline(): DraftOutline {
  const paragraph = (i: number) => ({ text: TEXTS[i], from: [String(i + 1)], reworded: false });
  return {
    title: 'Test Draft',
    sections: [
      { letter: 'A', title: 'Opening', blocks: [{ paragraphs: [paragraph(0), paragraph(1)] }] },
      { letter: 'B', title: 'Middle', blocks: [{ subheading: 'Discussions', paragraphs: [paragraph(2), paragraph(3), paragraph(4)] }] },
      { letter: 'C', title: 'Close', blocks: [{ paragraphs: [paragraph(5), paragraph(6), paragraph(7)] }] },
    ],
  };
}

describe('alignDrafts on small drafts', () => {
  const older = renderOutline(smallOutline()).draft;

  it('pairs a draft with itself as unchanged', () => {
    const alignment = alignDrafts(older, older);
    assert.deepEqual(countByKind(alignment), { unchanged: 8, renumbered: 0, moved: 0, edited: 0, merged: 0, split: 0, deleted: 0, new: 0 });
    assert.ok(alignment.fates.every((f) => f.similarity === 1 && !f.textChanged && f.diff === undefined));
  });

  it('tells every kind of change apart and answers both lookups', () => {
    let outline = smallOutline();
    outline = deleteParagraph(outline, '3');
    outline = mergeParagraphs(outline, '4', '5');
    outline = rewordParagraph(outline, '7', { at: 0.5, remove: 1, insert: ['joint', 'planning'] });
    outline = addParagraph(outline, '1', 'Delegations asked the Chair to circulate a short summary of the informal meetings.');
    const newer = renderOutline(outline).draft;
    const alignment = alignDrafts(older, newer);

    const fate = (n: string) => whereDidItGo(alignment, n)!;
    assert.deepEqual([fate('1').kind, fate('1').newer], ['unchanged', ['1']]);
    assert.deepEqual([fate('2').kind, fate('2').newer], ['renumbered', ['3']]);
    assert.deepEqual([fate('3').kind, fate('3').newer, fate('3').similarity], ['deleted', [], 0]);
    assert.deepEqual([fate('4').kind, fate('4').newer, fate('4').mergedWith], ['merged', ['4'], ['5']]);
    assert.deepEqual([fate('5').kind, fate('5').newer, fate('5').mergedWith], ['merged', ['4'], ['4']]);
    assert.deepEqual([fate('6').kind, fate('6').newer], ['renumbered', ['5']]);
    assert.deepEqual([fate('7').kind, fate('7').newer], ['edited', ['6']]);
    assert.ok(fate('7').similarity > 0.7 && fate('7').similarity < 1);
    assert.ok(fate('7').diff!.some((c) => c.kind === 'added' && c.text.includes('joint planning')));
    assert.equal(whereDidItGo(alignment, '99'), undefined);

    assert.deepEqual([whereDidItComeFrom(alignment, '2')!.kind, whereDidItComeFrom(alignment, '2')!.older], ['new', []]);
    assert.deepEqual([whereDidItComeFrom(alignment, '4')!.kind, whereDidItComeFrom(alignment, '4')!.older], ['merged', ['4', '5']]);
    assert.deepEqual(whereDidItComeFrom(alignment, '6')!.older, ['7']);
    assert.equal(whereDidItComeFrom(alignment, '8'), undefined);
  });

  it('finds the pieces of a split paragraph and calls typography-only changes unchanged', () => {
    let outline = smallOutline();
    outline = splitParagraph(outline, '3');
    const rendered = renderOutline(outline).draft;
    // Emphasis, a footnote marker, a line break, a non-breaking space and a dash
    // of another kind are typesetting, not a change of text.
    rendered.paragraphs[0].text = rendered.paragraphs[0].text.replace('questions', '*questions*¹').replace('met five', 'met\nfive').replace('all delegations', 'all\u00a0delegations');
    rendered.paragraphs[5].text = rendered.paragraphs[5].text.replace('capacity-building', 'capacity\u2011building');
    const alignment = alignDrafts(older, rendered);
    assert.deepEqual([whereDidItGo(alignment, '1')!.kind, whereDidItGo(alignment, '1')!.textChanged], ['unchanged', false]);
    assert.deepEqual([whereDidItGo(alignment, '5')!.kind, whereDidItGo(alignment, '5')!.textChanged], ['renumbered', false]);
    assert.deepEqual([whereDidItGo(alignment, '3')!.kind, whereDidItGo(alignment, '3')!.newer], ['split', ['3', '4']]);
    assert.equal(whereDidItGo(alignment, '3')!.similarity, 1);
    assert.deepEqual(whereDidItComeFrom(alignment, '4')!.older, ['3']);
    assert.deepEqual([whereDidItGo(alignment, '4')!.kind, whereDidItGo(alignment, '4')!.newer], ['renumbered', ['5']]);
  });

  it('calls a change of spelling, hyphenation, capitals or punctuation alone an edit, and says which', () => {
    const rendered = renderOutline(smallOutline()).draft;
    rendered.paragraphs[0].text = rendered.paragraphs[0].text.replace('questions', 'ques-tions');
    rendered.paragraphs[1].text = rendered.paragraphs[1].text.replace('earlier consensus', 'Earlier Consensus');
    rendered.paragraphs[4].text = rendered.paragraphs[4].text.replace('capacity-building', 'capacitybuilding');
    rendered.paragraphs[5].text = rendered.paragraphs[5].text.replace('up to date and', 'up to date, and');
    rendered.paragraphs[6].text = rendered.paragraphs[6].text.replace('effort.', 'effort;');
    const alignment = alignDrafts(older, rendered);
    const summary = (n: string) => {
      const fate = whereDidItGo(alignment, n)!;
      return [fate.kind, fate.textChanged, fate.change, fate.similarity];
    };
    assert.deepEqual(summary('1'), ['edited', true, 'spelling', 1]);
    assert.deepEqual(summary('2'), ['edited', true, 'spelling', 1]);
    assert.deepEqual(summary('5'), ['edited', true, 'spelling', 1]);
    assert.deepEqual(summary('6'), ['edited', true, 'punctuation', 1]);
    assert.deepEqual(summary('7'), ['edited', true, 'punctuation', 1]);
    assert.deepEqual(summary('8'), ['unchanged', false, undefined, 1]);
    assert.ok(whereDidItGo(alignment, '1')!.diff!.some((c) => c.kind === 'added' && c.text.includes('ques-tions')));
    assert.equal(whereDidItComeFrom(alignment, '1')!.kind, 'edited');
  });

  it('reads a hyphen at a line end either way, as the typesetter may have put it there', () => {
    const rendered = renderOutline(smallOutline()).draft;
    rendered.paragraphs[4].text = rendered.paragraphs[4].text.replace('capacity-building', 'capacity-\nbuilding');
    rendered.paragraphs[3].text = rendered.paragraphs[3].text.replace('readiness', 'readi-\nness');
    const alignment = alignDrafts(older, rendered);
    assert.deepEqual([whereDidItGo(alignment, '4')!.kind, whereDidItGo(alignment, '5')!.kind], ['unchanged', 'unchanged']);
  });

  it('keeps a wording change a wording change', () => {
    const rendered = renderOutline(smallOutline()).draft;
    rendered.paragraphs[2].text = rendered.paragraphs[2].text.replace('standing forum', 'permanent forum');
    assert.equal(whereDidItGo(alignDrafts(older, rendered), '3')!.change, 'wording');
  });

  it('says the smaller of two swapped sections moved, and keeps the rest in order', () => {
    // A (2 paragraphs) and B (3) change places: B A C keeps B and C in order.
    const alignment = alignDrafts(older, renderOutline(swapSections(smallOutline(), 'A', 'B')).draft);
    for (const n of ['1', '2']) assert.equal(whereDidItGo(alignment, n)!.kind, 'moved');
    assert.deepEqual(whereDidItGo(alignment, '1')!.newer, ['4']);
    assert.deepEqual(whereDidItGo(alignment, '3')!.newer, ['1']);
    assert.deepEqual(whereDidItComeFrom(alignment, '5')!.older, ['2']);
    for (const n of ['3', '4', '5', '6', '7', '8']) assert.notEqual(whereDidItGo(alignment, n)!.kind, 'moved');
  });
});

// ---------- the real Zero Draft, edited the way the Final report was ----------

const KINDS: Array<FateKind | 'new'> = ['unchanged', 'renumbered', 'moved', 'edited', 'merged', 'split', 'deleted', 'new'];

interface Score {
  kind: FateKind | 'new';
  expected: number;
  found: number;
  correct: number;
}

/** Per kind: how many the answer has, how many the alignment says, how many agree (kind and numbers). */
function score(alignment: Alignment, answer: KnownAnswer): { scores: Score[]; misses: string[] } {
  const scores = new Map(KINDS.map((kind) => [kind, { kind, expected: 0, found: 0, correct: 0 }]));
  const misses: string[] = [];
  for (const fate of alignment.fates) {
    const expected = answer.fates.get(fate.older)!;
    scores.get(expected.kind)!.expected++;
    scores.get(fate.kind)!.found++;
    if (expected.kind === fate.kind && expected.newer.join(',') === fate.newer.join(',')) scores.get(fate.kind)!.correct++;
    else misses.push(`para ${fate.older}: expected ${expected.kind} ${expected.newer.join(',')}, got ${fate.kind} ${fate.newer.join(',')}`);
  }
  const foundNew = alignment.origins.filter((o) => o.kind === 'new').map((o) => o.newer);
  const newScore = scores.get('new')!;
  newScore.expected = answer.added.length;
  newScore.found = foundNew.length;
  newScore.correct = foundNew.filter((n) => answer.added.includes(n)).length;
  for (const n of answer.added) if (!foundNew.includes(n)) misses.push(`new para ${n} not reported as new`);
  for (const n of foundNew) if (!answer.added.includes(n)) misses.push(`para ${n} reported as new`);
  return { scores: [...scores.values()], misses };
}

function scoreTable(scores: Score[]): string {
  const share = (part: number, whole: number) => (whole === 0 ? '   —' : `${((100 * part) / whole).toFixed(0).padStart(3)}%`);
  const lines = ['      kind   expected  found  precision  recall'];
  for (const s of scores) {
    lines.push(
      `${s.kind.padStart(11)} ${String(s.expected).padStart(9)} ${String(s.found).padStart(6)}       ${share(s.correct, s.found)}    ${share(s.correct, s.expected)}`,
    );
  }
  return lines.join('\n');
}

describe('alignDrafts on the real Zero Draft, edited into a known next draft', () => {
  let zeroDraft: ParsedDraft;
  let edited: ReturnType<typeof renderOutline>;
  let answer: KnownAnswer;
  before(function () {
    needsCorpus(this);
    zeroDraft = parseDraft(readCorpus('zero-draft-2021.txt'));

    // What the Chair's team did between the Zero Draft and the Final report, in
    // kind: the Discussions sub-sections gone, the norms section (D) before the
    // international-law section (C), paragraphs merged, split, reworded, one
    // dropped, one added, everything renumbered.
    let outline = outlineOf(zeroDraft);
    outline = dropSubsections(outline, 'Discussions');
    outline = swapSections(outline, 'C', 'D');
    outline = mergeParagraphs(outline, '19', '20');
    outline = splitParagraph(outline, '88');
    outline = rewordParagraph(outline, '23', { at: 0.6, remove: 3, insert: ['could', 'well', 'be'] });
    outline = rewordParagraph(outline, '57', { at: 0.2, remove: 2, insert: ['further', 'confirmed'] });
    outline = rewordParagraph(outline, '74', { at: 0.2, remove: 2, insert: ['reaffirm'] });
    outline = rewordParagraph(outline, '105', { at: 0.5, remove: 1, insert: ['notably', 'reinforces'] });
    outline = rewordParagraph(outline, '110', { at: 0.4, remove: 2, insert: ['jointly'] });
    outline = deleteParagraph(outline, '113');
    outline = addParagraph(
      outline,
      '110',
      'States agreed to review at their next session how the implementation of this report is reported, and invited the Chair to prepare a short note setting out the options.',
    );
    edited = renderOutline(outline);
    answer = knownAnswer(zeroDraft, outline);
  });

  it('the parser reads the edited draft back as the edit script made it', () => {
    const reparsed = parseDraft(edited.text);
    assert.deepEqual(
      reparsed.paragraphs.map((p) => [p.number, p.section?.letter, p.subheading]),
      edited.draft.paragraphs.map((p) => [p.number, p.section?.letter, p.subheading]),
    );
    assert.equal(zeroDraft.paragraphs.length, 117);
    const kinds = [...answer.fates.values()].map((f) => f.kind);
    const count = (kind: FateKind) => kinds.filter((k) => k === kind).length;
    assert.deepEqual(
      { merged: count('merged'), split: count('split'), edited: count('edited'), moved: count('moved'), new: answer.added.length },
      { merged: 2, split: 1, edited: 4, moved: 8, new: 1 },
    );
    assert.ok(count('deleted') > 30, 'every Discussions paragraph is gone');
  });

  it('finds every paragraph where the edits put it (precision and recall per kind)', () => {
    const alignment = alignDrafts(zeroDraft, parseDraft(edited.text));
    const { scores, misses } = score(alignment, answer);
    console.log(`\n${scoreTable(scores)}\n${misses.map((m) => `      miss: ${m}`).join('\n')}`);
    for (const s of scores.filter((x) => ['unchanged', 'renumbered', 'moved'].includes(x.kind))) {
      assert.equal(s.correct, s.expected, `recall of ${s.kind}`);
      assert.equal(s.correct, s.found, `precision of ${s.kind}`);
    }
    assert.ok(misses.length <= 3, misses.join('\n'));
  });

  it('reports the reworded paragraph with its word differences', () => {
    const alignment = alignDrafts(zeroDraft, parseDraft(edited.text));
    const fate = whereDidItGo(alignment, '74')!;
    assert.equal(fate.kind, 'edited');
    assert.deepEqual(fate.newer, [answer.fates.get('74')!.newer[0]]);
    const removed = fate.diff!.filter((c) => c.kind === 'removed').map((c) => c.text.trim());
    const added = fate.diff!.filter((c) => c.kind === 'added').map((c) => c.text.trim());
    assert.equal(removed.join(' ').split(' ').length, 2);
    assert.deepEqual(added, ['reaffirm']);
  });
});

describe('alignDrafts on the real Zero Draft, edited harder', () => {
  let zeroDraft: ParsedDraft;
  let outline: DraftOutline;
  let answer: KnownAnswer;
  const REPLACEMENTS = ['notably', 'jointly', 'henceforth', 'collectively', 'promptly', 'duly', 'broadly', 'progressively', 'thereby'];

  /** Replaces `share` of a paragraph's words, in three places. */
  function rewordShare(outline: DraftOutline, number: string, share: number): DraftOutline {
    const words = zeroDraft.paragraphs.find((p) => p.number === number)!.text.split(' ').length;
    const each = Math.max(1, Math.round((words * share) / 3));
    let result = outline;
    for (const at of [0.1, 0.45, 0.8]) {
      result = rewordParagraph(result, number, { at, remove: each, insert: REPLACEMENTS.slice(0, each) });
    }
    return result;
  }

  // Three paragraphs merged into one, one cut in three, a paragraph moved on
  // its own to another section, a merge that was also reworded, a third of the
  // words replaced in ten paragraphs, two sections swapped, a short paragraph
  // dropped and two new ones.
  before(function () {
    needsCorpus(this);
    zeroDraft = parseDraft(readCorpus('zero-draft-2021.txt'));
    outline = outlineOf(zeroDraft);
    outline = swapSections(outline, 'E', 'F');
    outline = mergeParagraphs(outline, '67', '68');
    outline = mergeParagraphs(outline, '67', '69');
    outline = splitParagraph(outline, '7');
    outline = splitParagraph(outline, '7');
    outline = moveParagraph(outline, '110', '117');
    outline = mergeParagraphs(outline, '30', '31');
    outline = rewordParagraph(outline, '30', { at: 0.3, remove: 4, insert: ['in', 'their', 'view'] });
    for (const number of ['2', '12', '18', '25', '38', '47', '62', '79', '96', '115']) outline = rewordShare(outline, number, 0.3);
    outline = deleteParagraph(outline, '52');
    outline = addParagraph(outline, '14', 'The Chair thanked the delegations for the constructive spirit in which the informal consultations were held.');
    outline = addParagraph(outline, '94', 'States welcomed offers to host regional workshops on the implementation of the recommendations above.');
    answer = knownAnswer(zeroDraft, outline);
  });

  it('the edit script gives the answer it should', () => {
    const kinds = [...answer.fates.values()].map((f) => f.kind);
    const count = (kind: FateKind) => kinds.filter((k) => k === kind).length;
    assert.deepEqual(
      { merged: count('merged'), split: count('split'), moved: count('moved'), edited: count('edited'), deleted: count('deleted'), new: answer.added.length },
      { merged: 5, split: 1, moved: 17, edited: 9, deleted: 1, new: 2 },
    );
    assert.equal(answer.fates.get('7')!.newer.length, 3);
  });

  it('finds every paragraph where the edits put it (precision and recall per kind)', () => {
    const alignment = alignDrafts(zeroDraft, parseDraft(renderOutline(outline).text));
    const { scores, misses } = score(alignment, answer);
    console.log(`\n${scoreTable(scores)}\n${misses.map((m) => `      miss: ${m}`).join('\n')}`);
    for (const s of scores.filter((x) => ['unchanged', 'renumbered', 'moved'].includes(x.kind))) {
      assert.equal(s.correct, s.expected, `recall of ${s.kind}`);
      assert.equal(s.correct, s.found, `precision of ${s.kind}`);
    }
    assert.ok(misses.length <= 3, misses.join('\n'));
  });
});

// ---------- random edit scripts on synthetic drafts ----------

type EditStep =
  | { kind: 'delete'; pick: number }
  | { kind: 'reword'; pick: number; words: number; at: number }
  | { kind: 'merge'; pick: number }
  | { kind: 'swap'; first: number; second: number };

const editStep: fc.Arbitrary<EditStep> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reword' as const), pick: fc.nat(), words: fc.integer({ min: 1, max: 3 }), at: fc.double({ min: 0, max: 0.95, noNaN: true }) }),
  fc.record({ kind: fc.constant('merge' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), first: fc.nat(), second: fc.nat() }),
);

const FRESH_WORDS = ['notwithstanding', 'henceforth', 'meanwhile', 'thereafter', 'accordingly', 'furthermore'];

/** Applies the steps, each to a paragraph no earlier step touched; returns the outline and the touched numbers. */
function applySteps(start: DraftOutline, steps: EditStep[]): { outline: DraftOutline; touched: Set<string>; reworded: Set<string> } {
  let outline = start;
  const touched = new Set<string>();
  const reworded = new Set<string>();
  const untouched = () =>
    numberedParagraphs(outline)
      .map((e) => e.paragraph)
      .filter((p) => p.from.length === 1 && !touched.has(p.from[0]));
  for (const step of steps) {
    if (step.kind === 'swap') {
      const letters = outline.sections.map((s) => s.letter!);
      const a = letters[step.first % letters.length];
      const b = letters[step.second % letters.length];
      if (a !== b) outline = swapSections(outline, a, b);
      continue;
    }
    const candidates = untouched();
    if (candidates.length < 2) break;
    const target = candidates[step.pick % candidates.length].from[0];
    if (step.kind === 'delete') {
      outline = deleteParagraph(outline, target);
      touched.add(target);
    } else if (step.kind === 'reword') {
      outline = rewordParagraph(outline, target, { at: step.at, remove: step.words, insert: FRESH_WORDS.slice(0, step.words) });
      touched.add(target);
      reworded.add(target);
    } else {
      const next = String(Number(target) + 1);
      if (!candidates.some((p) => p.from[0] === next)) continue;
      outline = mergeParagraphs(outline, target, next);
      touched.add(target).add(next);
    }
  }
  return { outline, touched, reworded };
}

describe('alignDrafts on random edit scripts (property)', () => {
  it('finds every untouched paragraph at its new number, and every lightly reworded one too', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 2, maxLength: 6 }),
        fc.array(editStep, { maxLength: 12 }),
        (seed, sizes, steps) => {
          const start = syntheticOutline(seed, sizes);
          const older = renderOutline(start).draft;
          const { outline, touched, reworded } = applySteps(start, steps);
          const alignment = alignDrafts(older, renderOutline(outline).draft);
          for (const { number, paragraph } of numberedParagraphs(outline)) {
            if (paragraph.from.length !== 1) continue;
            const source = paragraph.from[0];
            if (touched.has(source) && !reworded.has(source)) continue;
            const fate = whereDidItGo(alignment, source)!;
            assert.deepEqual(fate.newer, [number], `para ${source} went to ${number}, alignment says ${fate.kind} ${fate.newer}`);
            const kinds = reworded.has(source) ? ['edited', 'moved'] : ['unchanged', 'renumbered', 'moved'];
            assert.ok(kinds.includes(fate.kind), `para ${source}: ${fate.kind}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('pairs each copy of a repeated wording with the copy in its own place', () => {
    const outline = syntheticOutline(11, [4, 4]);
    // Paragraph 6 repeats paragraph 2 word for word; paragraph 2 is deleted.
    outline.sections[1].blocks[1].paragraphs[0].text = outline.sections[0].blocks[1].paragraphs[0].text;
    const older = renderOutline(outline).draft;
    const alignment = alignDrafts(older, renderOutline(deleteParagraph(outline, '2')).draft);
    assert.equal(whereDidItGo(alignment, '2')!.kind, 'deleted');
    assert.deepEqual([whereDidItGo(alignment, '6')!.kind, whereDidItGo(alignment, '6')!.newer], ['renumbered', ['5']]);
  });

  it('keeps a draft made of repeated sections in order when one copy loses a paragraph', () => {
    const outline = syntheticOutline(12, [5, 5, 5]);
    // Sections B and C repeat section A word for word: no wording is unique.
    for (const copy of [1, 2]) {
      outline.sections[copy].blocks.forEach((block, b) =>
        block.paragraphs.forEach((p, k) => (p.text = outline.sections[0].blocks[b].paragraphs[k].text)),
      );
    }
    const older = renderOutline(outline).draft;
    const alignment = alignDrafts(older, renderOutline(deleteParagraph(outline, '7')).draft);
    for (const fate of alignment.fates) {
      const n = Number(fate.older);
      if (n === 7) assert.equal(fate.kind, 'deleted');
      else assert.deepEqual([fate.kind, fate.newer], [n < 7 ? 'unchanged' : 'renumbered', [String(n < 7 ? n : n - 1)]], `para ${n}`);
    }
  });
});

// ---------- the report ----------

describe('renderAlignmentReport', () => {
  let outline = smallOutline();
  outline = deleteParagraph(outline, '3');
  outline = mergeParagraphs(outline, '4', '5');
  outline = splitParagraph(outline, '2');
  outline = rewordParagraph(outline, '7', { at: 0.5, remove: 1, insert: ['joint', 'planning'] });
  outline = addParagraph(outline, '8', 'Delegations asked for the *final* text in all official languages.');
  const older = renderOutline(smallOutline()).draft;
  const alignment = alignDrafts(older, renderOutline(outline).draft);
  const report = renderAlignmentReport(alignment, 'Zero Draft', 'First Draft');
  const lines = report.split('\n');

  it('counts each kind', () => {
    for (const row of ['| unchanged | 1 |', '| renumbered | 2 |', '| edited | 1 |', '| merged | 2 |', '| split | 1 |', '| deleted | 1 |', '| new in First Draft | 1 |']) {
      assert.ok(lines.includes(row), `missing ${row}\n${report}`);
    }
  });

  it('has a renumbering row per older paragraph', () => {
    for (const row of [
      '| 1 | 1 | unchanged | 1.00 |',
      '| 2 | 2, 3 | split | 1.00 |',
      '| 3 | — | deleted | — |',
      '| 4 | 4 | merged (with 5) | 1.00 |',
      '| 5 | 4 | merged (with 4) | 1.00 |',
      '| 6 | 5 | renumbered | 1.00 |',
      '| 8 | 7 | renumbered | 1.00 |',
    ]) {
      assert.ok(lines.includes(row), `missing ${row}\n${report}`);
    }
    assert.ok(lines.some((l) => /^\| 7 \| 6 \| edited \| 0\.\d\d \|$/.test(l)), report);
  });

  it('lists deleted, new, merged, split and reworded paragraphs', () => {
    assert.ok(lines.includes('- **3** — Some delegations proposed a standing forum. Others preferred to keep the present …'), report);
    assert.ok(lines.includes('- **8** — Delegations asked for the \\*final\\* text in all official languages.'), report);
    assert.ok(lines.some((l) => l.startsWith('- paras 4, 5 → para 4 (merged')), report);
    assert.ok(lines.some((l) => l.startsWith('- para 2 → paras 2, 3 (split')), report);
    const reworded = lines.find((l) => l.startsWith('- **7 → 6** (edited'));
    assert.ok(reworded, report);
    assert.match(reworded!, /… a shared calendar ~~of~~ \*\*joint planning\*\* regional workshops would …$/);
  });

  it('renders word differences as Markdown strike-through and bold', () => {
    assert.equal(
      renderDiffMarkdown(wordDiff('States agreed on the text.', 'States firmly agreed on the final text.')),
      'States **firmly** agreed on the **final** text.',
    );
    assert.equal(
      renderDiffMarkdown(wordDiff('The Group met openly. Others preferred closed meetings.', 'The Group met openly and online. Other States preferred closed meetings.')),
      '… Group met openly **and online**. ~~Others~~ **Other States** preferred closed meetings.',
    );
    assert.equal(renderDiffMarkdown(wordDiff('States act *inter alia* here.', 'States act *inter alia* there.')), '… act \\*inter alia\\* ~~here~~ **there**.');
  });
});

// ---------- the sample drafts and their known answer ----------

describe('alignDrafts on the sample drafts (samples/drafts/CHANGES.md)', () => {
  const read = (name: string) => fs.readFileSync(path.join(samplesDir, 'drafts', name), 'utf8');
  const rows = read('CHANGES.md')
    .split('\n')
    .filter((line) => /^\| (\d+|—) \| (\d+(, \d+)*|—) \|/.test(line))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

  it('agrees with every row of the known answer', () => {
    const older: ParsedDraft = parseDraft(read('zero-draft.txt'));
    const newer: ParsedDraft = parseDraft(read('first-draft.md'));
    const alignment = alignDrafts(older, newer);
    assert.equal(rows.length, older.paragraphs.length + 1);
    for (const [olderNumber, newerCell, kind] of rows) {
      const newerNumbers = newerCell === '—' ? [] : newerCell.split(', ');
      if (olderNumber === '—') {
        for (const n of newerNumbers) assert.equal(whereDidItComeFrom(alignment, n)!.kind, 'new', `para ${n}`);
        continue;
      }
      const fate = whereDidItGo(alignment, olderNumber)!;
      // CHANGES.md has no "moved": a swapped section's paragraphs are
      // "renumbered" there, or "edited" when reworded as well.
      const said = fate.kind === 'moved' ? (fate.textChanged ? 'edited' : 'renumbered') : fate.kind;
      assert.deepEqual([said, fate.newer], [kind, newerNumbers], `Zero Draft para ${olderNumber}`);
    }
  });
});
