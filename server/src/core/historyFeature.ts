// Drafts change: a citation of an older draft, or of a number the current
// draft no longer has, is followed through the alignment of the two drafts to
// the paragraph(s) it became. Diagnostics say what happened in a drafter's
// words, quick fixes retarget the citation (retarget.ts), a source action
// brings a whole submission to the current draft, and the hover tells each
// cited paragraph's history. Per keystroke the work is a lookup per cited
// number: the alignment itself is computed once per pair of drafts by the
// service.
import { type Alignment, type FateKind, type ParagraphFate, whereDidItComeFrom, whereDidItGo } from './alignment';
import { findDraft } from './config';
import type { CoreCodeAction, CoreTextEdit, DocumentAnalysis, DraftEntry, Feature, WorkspaceView } from './features';
import type { Citation, CitedPart, CoreDiagnostic, DraftInfo, ParsedDraft, Span } from './model';
import { type DraftNaming, nounChangeReadsWell, type NumberMap, type Retargeted, retargetCitation } from './retarget';
import { spansTouch } from './spans';
import { summariseWordDiff } from './wordDiff';
import { describeNumbers, escapeMarkdown, firstWords, writeNumbers } from './wording';

export const HISTORY_CODES = {
  'paragraph-renumbered': 'information',
  'paragraph-edited': 'information',
  'paragraph-moved': 'information',
  'paragraph-merged': 'warning',
  'paragraph-split': 'information',
  'paragraph-deleted': 'warning',
  'paragraph-moved-from-previous': 'information',
} as const;

type HistoryCode = keyof typeof HISTORY_CODES;

const CODE_OF_KIND: Record<Exclude<FateKind, 'unchanged'>, HistoryCode> = {
  renumbered: 'paragraph-renumbered',
  edited: 'paragraph-edited',
  moved: 'paragraph-moved',
  merged: 'paragraph-merged',
  split: 'paragraph-split',
  deleted: 'paragraph-deleted',
};

const MAX_PARAGRAPHS_IN_HOVER = 8;
const FIRST_WORDS_IN_MESSAGE = 6;

/**
 * A citation whose numbers are followed from one draft to the current one:
 * - 'older': it names (by qualifier, front matter or heading) a draft older than the current one;
 * - 'missing': it cites the current draft without naming it (front matter, heading or by
 *   default) and some of its numbers are not there, so they are read in the previous indexed draft.
 */
interface Followed {
  kind: 'older' | 'missing';
  citation: Citation;
  reason: string;
  /** The draft the numbers are read in. */
  from: DraftEntry & { parsed: ParsedDraft };
  current: DraftEntry & { parsed: ParsedDraft };
  alignment: Alignment;
}

function indexed(entry: DraftEntry | undefined): (DraftEntry & { parsed: ParsedDraft }) | undefined {
  return entry?.parsed ? (entry as DraftEntry & { parsed: ParsedDraft }) : undefined;
}

function currentEntry(view: WorkspaceView): (DraftEntry & { parsed: ParsedDraft }) | undefined {
  const current = view.currentDraft();
  return current ? indexed(view.draftEntry(current.id)) : undefined;
}

/** The latest indexed draft before the current one. */
function previousEntry(view: WorkspaceView, current: DraftInfo): (DraftEntry & { parsed: ParsedDraft }) | undefined {
  let previous: (DraftEntry & { parsed: ParsedDraft }) | undefined;
  for (const entry of view.draftEntries()) {
    const candidate = indexed(entry);
    if (candidate && candidate.info.order < current.order && (!previous || candidate.info.order > previous.info.order)) previous = candidate;
  }
  return previous;
}

function follow(view: WorkspaceView, analysis: DocumentAnalysis, index: number): Followed | undefined {
  if (analysis.ownDraft) return undefined;
  const target = analysis.targets[index];
  if (target?.kind !== 'draft' || target.reason === 'self') return undefined;
  const current = currentEntry(view);
  if (!current) return undefined;
  const citation = analysis.citations[index];
  if (target.draft.id === current.info.id) {
    // A draft named in the citation itself is meant; a default (front matter, heading, current) may be an old habit.
    if (target.reason === 'qualifier' || citation.numbers.every((number) => current.byNumber.has(number))) return undefined;
    const previous = previousEntry(view, current.info);
    const alignment = previous && view.alignment(previous.info.id, current.info.id);
    return previous && alignment ? { kind: 'missing', citation, reason: target.reason, from: previous, current, alignment } : undefined;
  }
  if (target.draft.order >= current.info.order) return undefined;
  const from = indexed(view.draftEntry(target.draft.id));
  const alignment = from && view.alignment(from.info.id, current.info.id);
  return from && alignment ? { kind: 'older', citation, reason: target.reason, from, current, alignment } : undefined;
}

// ---------- what happened, in words ----------

/** Older numbers of the paragraphs that moved with their whole section, per alignment. */
const movedWithSection = new WeakMap<Alignment, Set<string>>();

/**
 * A paragraph moved "with its section" when most of its section's paragraphs
 * that went one-to-one moved too; otherwise it moved on its own.
 */
function sectionMoves(alignment: Alignment, older: ParsedDraft): Set<string> {
  let moved = movedWithSection.get(alignment);
  if (moved) return moved;
  const tally = new Map<unknown, { oneToOne: number; moved: string[] }>();
  older.paragraphs.forEach((paragraph) => {
    const fate = whereDidItGo(alignment, paragraph.number);
    if (!fate || fate.newer.length !== 1 || fate.kind === 'merged') return;
    const key = paragraph.section ?? 'no section';
    const entry = tally.get(key) ?? { oneToOne: 0, moved: [] };
    entry.oneToOne++;
    if (fate.kind === 'moved') entry.moved.push(paragraph.number);
    tally.set(key, entry);
  });
  moved = new Set([...tally.values()].filter((entry) => entry.moved.length * 2 > entry.oneToOne).flatMap((entry) => entry.moved));
  movedWithSection.set(alignment, moved);
  return moved;
}

function movedWords(withSection: boolean, plural = false): string {
  return `moved${withSection ? ` with ${plural ? 'their' : 'its'} section` : ''}`;
}

/** Cited numbers that share one diagnostic: one number, or a range whose paragraphs all went the same way. */
interface Group {
  span: Span;
  numbers: string[];
  fates: ParagraphFate[];
  code: HistoryCode;
  /** For a range whose paragraphs went different ways: its runs that went one way each. */
  runs?: Group[];
}

function isRun(numbers: string[]): boolean {
  return numbers.every((number, k) => /^\d+$/.test(number) && (k === 0 || Number(number) === Number(numbers[k - 1]) + 1));
}

/** The numbers a part names, as far as they can be listed. */
function partNumbers(citation: Citation, part: CitedPart): string[] {
  if (part.kind === 'single') return [part.number];
  const from = parseInt(part.from, 10);
  const to = parseInt(part.to, 10);
  return citation.numbers.filter((number) => {
    const value = parseInt(number, 10);
    return value >= from && value <= to;
  });
}

function codeOf(followed: Followed, fate: ParagraphFate): HistoryCode | undefined {
  if (followed.kind === 'missing') return 'paragraph-moved-from-previous';
  return fate.kind === 'unchanged' ? undefined : CODE_OF_KIND[fate.kind];
}

/** Whether a range's paragraphs went the same way, so that one sentence says it. */
function goTogether(numbers: string[], fates: ParagraphFate[]): boolean {
  if (numbers.length < 2 || !isRun(numbers)) return false;
  const kind = fates[0].kind;
  if (!fates.every((fate) => fate.kind === kind)) return false;
  if (kind === 'deleted') return true;
  if (kind === 'merged') return fates.every((fate) => fate.newer.length === 1 && fate.newer[0] === fates[0].newer[0]);
  if (kind !== 'renumbered' && kind !== 'moved' && kind !== 'edited') return false;
  return isRun(fates.map((fate) => fate.newer[0]));
}

/** The groups of cited numbers to report, each part on its own span (the whole citation when it cites one number). */
function groupsOf(followed: Followed): Group[] {
  const { citation } = followed;
  const groups: Group[] = [];
  for (const part of citation.parts) {
    const span = citation.parts.length === 1 && part.kind === 'single' ? citation.span : part.span;
    const numbers: string[] = [];
    const fates: ParagraphFate[] = [];
    for (const number of partNumbers(citation, part)) {
      if (followed.kind === 'missing' && followed.current.byNumber.has(number)) continue;
      const fate = followed.from.byNumber.has(number) ? whereDidItGo(followed.alignment, number) : undefined;
      if (!fate || !codeOf(followed, fate)) continue;
      numbers.push(number);
      fates.push(fate);
    }
    if (goTogether(numbers, fates)) groups.push({ span, numbers, fates, code: codeOf(followed, fates[0])! });
    else if (part.kind === 'range' && numbers.length > 1) groups.push(mixedGroup(followed, span, numbers, fates));
    else numbers.forEach((number, k) => groups.push({ span, numbers: [number], fates: [fates[k]], code: codeOf(followed, fates[k])! }));
  }
  return groups;
}

/** The codes in the order of what matters most to the author: a deleted paragraph above a renumbered one. */
const CODE_WEIGHT: HistoryCode[] = ['paragraph-deleted', 'paragraph-merged', 'paragraph-split', 'paragraph-moved', 'paragraph-edited', 'paragraph-renumbered', 'paragraph-moved-from-previous'];

/**
 * A range whose paragraphs went different ways ("paras 44-48": two
 * renumbered, one edited, one deleted): one diagnostic on the range, under
 * the code of what matters most, that tells each run of paragraphs' fate.
 */
function mixedGroup(followed: Followed, span: Span, numbers: string[], fates: ParagraphFate[]): Group {
  const runs: Group[] = [];
  numbers.forEach((number, k) => {
    const last = runs[runs.length - 1];
    const code = codeOf(followed, fates[k])!;
    if (last && goTogether([...last.numbers, number], [...last.fates, fates[k]])) {
      last.numbers.push(number);
      last.fates.push(fates[k]);
    } else runs.push({ span, numbers: [number], fates: [fates[k]], code });
  });
  const code = CODE_WEIGHT.find((weighty) => runs.some((run) => run.code === weighty))!;
  return { span, numbers, fates, code, runs };
}

/** "para 74 of the Zero Draft is now para 51 of the First Draft", "paras 9–11 of the Zero Draft were deleted in the First Draft". */
function groupMessage(followed: Followed, group: Group): string {
  if (group.runs) return group.runs.map((run) => groupMessage(followed, run)).join('; ');
  const older = followed.from.info.label;
  const current = followed.current.info.label;
  const cited = `${describeNumbers(group.numbers)} of the ${older}`;
  const fate = group.fates[0];
  const plural = group.numbers.length > 1;
  if (followed.kind === 'missing') {
    const quoted = plural ? '' : ` (“${firstWords(fate.olderText, FIRST_WORDS_IN_MESSAGE)}”)`;
    return `${cited}${quoted} ${fateClause(followed, group, { present: true })}`;
  }
  if (!plural && fate.kind === 'edited' && fate.newer[0] === fate.older) {
    const only = onlyChange([fate]);
    return `${cited} was edited in the ${current} (${only ? `${only}; ` : ''}still para ${fate.older})`;
  }
  return `${cited} ${fateClause(followed, group, { present: false })}`;
}

/** What became of the group's paragraphs, as the end of a sentence whose subject names them. */
function fateClause(followed: Followed, group: Group, options: { present: boolean }): string {
  const current = followed.current.info.label;
  const fate = group.fates[0];
  const plural = group.numbers.length > 1;
  const became = group.fates.flatMap((f) => f.newer);
  switch (fate.kind) {
    case 'deleted':
      return `${plural ? 'were' : 'was'} deleted in the ${current}`;
    case 'merged': {
      const outside = (fate.mergedWith ?? []).filter((number) => !group.numbers.includes(number));
      const others = outside.length ? ` (with ${describeNumbers(outside)})` : '';
      return `${plural ? 'were' : 'was'} merged into para ${fate.newer[0]} of the ${current}${others}`;
    }
    case 'split':
      return `was split into paras ${writeNumbers(fate.newer)} of the ${current}`;
    default: {
      const verb = options.present ? (plural ? 'are' : 'is') : plural ? 'are now' : 'is now';
      const notes = changeNotes(followed, group);
      return `${verb} ${describeNumbers(became)} of the ${current}${notes ? ` (${notes})` : ''}`;
    }
  }
}

/**
 * "spelling only", "punctuation only", "spelling and punctuation only" when
 * every edited paragraph kept its words and only their spelling (hyphens,
 * capitals) or punctuation changed; undefined when any wording changed.
 */
function onlyChange(fates: ParagraphFate[]): string | undefined {
  const changes = new Set(fates.filter((fate) => fate.textChanged).map((fate) => fate.change ?? 'wording'));
  if (changes.size === 0 || changes.has('wording')) return undefined;
  return `${[...changes].sort().reverse().join(' and ')} only`;
}

/** "edited", "edited: spelling only", "moved with its section", "moved with their section; para 30 edited". */
function changeNotes(followed: Followed, group: Group): string {
  const fate = group.fates[0];
  const plural = group.numbers.length > 1;
  const notes: string[] = [];
  if (fate.kind === 'moved') {
    const withSection = group.fates.every((f) => sectionMoves(followed.alignment, followed.from.parsed).has(f.older));
    notes.push(movedWords(withSection, plural));
  }
  const editedFates = group.fates.filter((f) => f.kind === 'edited' || (f.kind === 'moved' && f.textChanged));
  const edited = editedFates.map((f) => f.older);
  const only = onlyChange(editedFates);
  const how = only ? `: ${only}` : '';
  if (edited.length === group.numbers.length) notes.push(`${plural && notes.length ? 'all edited' : 'edited'}${how}`);
  else if (edited.length > 0) notes.push(`${describeNumbers(edited)} edited${how}`);
  return notes.join(plural ? '; ' : ', ');
}

const SEVERITY_RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/**
 * A citation that names its draft ("para 22 of the Zero Draft", "(Zero
 * Draft, para 5)", or a footnote that says "The Zero Draft … in para 14")
 * cites that draft on purpose: what became of the paragraph
 * since is worth knowing, never a problem to fix, so its note is at most
 * informational.
 */
function namesItsDraft(followed: Followed): boolean {
  return followed.kind === 'older' && (followed.reason === 'qualifier' || followed.reason === 'footnote');
}

function historyDiagnostics(view: WorkspaceView, followed: Followed): CoreDiagnostic[] {
  return groupsOf(followed).flatMap((group) =>
    view
      .diagnostic(group.code, group.span, groupMessage(followed, group), {
        draft: followed.from.info.id,
        current: followed.current.info.id,
        numbers: group.numbers,
        became: group.fates.map((fate) => fate.newer),
      })
      .map((diagnostic) =>
        namesItsDraft(followed) && SEVERITY_RANK[diagnostic.severity] < SEVERITY_RANK.information ? { ...diagnostic, severity: 'information' as const } : diagnostic,
      ),
  );
}

// ---------- rewriting citations ----------

/** Whether a paragraph's sub-paragraphs keep their letters where it went: not when it was merged or split. */
function keepsSubParagraphs(followed: Followed): (number: string) => boolean {
  return (number) => {
    const kind = whereDidItGo(followed.alignment, number)?.kind;
    return kind !== 'merged' && kind !== 'split';
  };
}

/** Whether a paragraph the citation names was split or merged: which paragraph the author means now is the author's choice. */
function reshaped(followed: Followed): boolean {
  return followed.citation.numbers.some((number) => {
    if (!followed.from.byNumber.has(number)) return false;
    const kind = whereDidItGo(followed.alignment, number)?.kind;
    return kind === 'split' || kind === 'merged';
  });
}

/** What each cited number became in the current draft. */
function numberMap(followed: Followed): NumberMap {
  return (number) => {
    if (!followed.from.byNumber.has(number)) return undefined;
    const fate = whereDidItGo(followed.alignment, number);
    return fate && fate.kind !== 'deleted' ? fate.newer : undefined;
  };
}

/** How a retargeted citation names the current draft: it must, unless it already reads there. */
function namingFor(followed: Followed, frontMatterUpdated = false): DraftNaming {
  const label = followed.current.info.label;
  if (followed.kind === 'missing') return { kind: 'keep' };
  if (followed.reason === 'qualifier') return { kind: 'rename', label };
  return frontMatterUpdated && followed.reason === 'front-matter' ? { kind: 'keep' } : { kind: 'append', label };
}

function withFile(file: string, retargeted: Retargeted): CoreTextEdit[] {
  return retargeted.edits.map((edit) => ({ file, span: edit.span, newText: edit.newText }));
}

/** The citation's extent: its numbers and a qualifier on either side. */
function extentOf(citation: Citation): Span {
  const qualifier = citation.qualifier?.span;
  return qualifier
    ? { start: Math.min(citation.span.start, qualifier.start), end: Math.max(citation.span.end, qualifier.end) }
    : citation.span;
}

function retargetActions(view: WorkspaceView, file: string, followed: Followed, reported: CoreDiagnostic[]): CoreCodeAction[] {
  const text = view.textOf(file);
  if (text === undefined) return [];
  const current = followed.current.info.label;
  const actions: CoreCodeAction[] = [];
  const map = numberMap(followed);
  // Where the noun would go from one paragraph to several (or back), the
  // rewrite is offered only where the sentence still reads: "Paragraph 13
  // says" does not become "Paragraphs 10 and 11 says".
  const reads = (retargeted: Retargeted) => !retargeted.changesNoun || nounChangeReadsWell(text, followed.citation);
  // A citation mixing numbers the current draft has with numbers it lacks may or may not be in the old numbering: no guess.
  const oldNumbering = followed.kind === 'older' || followed.citation.numbers.every((number) => !followed.current.byNumber.has(number));
  // A paragraph split in two: the author may mean one of the halves, or both. Each choice is offered, none preferred.
  const only = oldNumbering && followed.citation.numbers.length === 1 ? map(followed.citation.numbers[0]) : undefined;
  if (only && only.length > 1) {
    for (const piece of only) {
      const one = retargetCitation(text, followed.citation, () => [piece], namingFor(followed), keepsSubParagraphs(followed));
      if (one && reads(one)) actions.push({ title: `Retarget to para ${piece} of the ${current}`, kind: 'quickfix', edits: withFile(file, one), fixes: reported });
    }
  }
  const whole = oldNumbering ? retargetCitation(text, followed.citation, map, namingFor(followed), keepsSubParagraphs(followed)) : undefined;
  if (whole && whole.edits.length && reads(whole)) {
    // Preferred only where there is one right answer: the paragraphs went one to one, and the citation did not name its draft on purpose.
    const preferred = !reshaped(followed) && !namesItsDraft(followed);
    actions.push({ title: `Retarget to ${describeNumbers(whole.numbers)} of the ${current}`, kind: 'quickfix', edits: withFile(file, whole), fixes: reported, ...(preferred ? { isPreferred: true } : {}) });
  }
  // A number the current draft lacks may have been meant in the previous draft: say so.
  if (followed.kind === 'missing' && followed.citation.numbers.every((number) => followed.from.byNumber.has(number)) && !followed.citation.qualifier) {
    const named = retargetCitation(text, followed.citation, (number) => [number], { kind: 'append', label: followed.from.info.label });
    if (named) actions.push({ title: `Cite ${describeNumbers(followed.citation.numbers)} of the ${followed.from.info.label} instead`, kind: 'quickfix', edits: withFile(file, named), fixes: reported });
  }
  return actions;
}

/**
 * The diagnostics a retargeting fixes: this feature's on the citation (as the
 * client sent them, else as computed) and, for a number the current draft
 * lacks, the service's missing-paragraph too.
 */
function reportedFor(view: WorkspaceView, followed: Followed, given: CoreDiagnostic[]): CoreDiagnostic[] {
  const extent = extentOf(followed.citation);
  const onCitation = given.filter((diagnostic) => spansTouch(diagnostic.span, extent));
  const mine = onCitation.filter((diagnostic) => diagnostic.code in HISTORY_CODES);
  const missing = followed.kind === 'missing' ? onCitation.filter((diagnostic) => diagnostic.code === 'missing-paragraph') : [];
  if (mine.length) return [...mine, ...missing];
  const regenerated = historyDiagnostics(view, followed);
  if (!regenerated.length) return [];
  // The service joins the note on where the number pointed before into the
  // missing-paragraph diagnostic on the same words: that one is what is fixed.
  return missing.length ? missing : regenerated;
}

interface FileUpdate {
  edits: CoreTextEdit[];
  /** Citations renumbered. */
  moved: number;
  /** Citations left as they are because a paragraph they cite was deleted. */
  deleted: number;
  /** Citations left as they are because their draft lacks a number they cite. */
  missing: number;
  /** Citations left as they are because a paragraph they cite was split or merged: the author chooses, with the quick fix. */
  reshaped: number;
  /** Citations left as they are because they cannot be rewritten without guessing (a range written backwards). */
  other: number;
  /** Citations that name their older draft ("para 22 of the Zero Draft"): the author's choice, kept as written. */
  named: number;
}

/**
 * "Move this submission to the current draft", keeping what every citation
 * means:
 * - a front matter naming an older draft is changed to the current one;
 * - a citation that names no draft (read in the front matter's or a
 *   heading's draft) is renumbered where its paragraphs went one to one; one
 *   read in a heading's draft then names the current draft;
 * - a citation that cannot move that way (a deleted, split or merged
 *   paragraph, a number its draft lacks) is left as written and, when the
 *   front matter moves on, names its old draft so that it keeps citing what
 *   it cited;
 * - a citation that names its draft itself is the author's choice and stays
 *   exactly as written.
 * The edit is always shown in a preview before it is applied.
 */
export function updateToCurrentDraft(view: WorkspaceView, file: string, analysis: DocumentAnalysis): FileUpdate | undefined {
  const text = view.textOf(file);
  const current = currentEntry(view);
  if (text === undefined || !current || analysis.ownDraft) return undefined;
  const update: FileUpdate = { edits: [], moved: 0, deleted: 0, missing: 0, reshaped: 0, other: 0, named: 0 };
  const frontMatter = analysis.context.frontMatter?.draft;
  const named = frontMatter && findDraft(view.config.drafts, frontMatter.name);
  const frontMatterUpdated = !!named && named.order < current.info.order && !!indexed(view.draftEntry(named.id)) && !!view.alignment(named.id, current.info.id);
  if (frontMatterUpdated) {
    const quoted = /^["']/.test(text.slice(frontMatter.span.start, frontMatter.span.end));
    const span = quoted ? { start: frontMatter.span.start + 1, end: frontMatter.span.end - 1 } : frontMatter.span;
    update.edits.push({ file, span, newText: frontMatter.name === named.id ? current.info.id : current.info.label });
  }
  analysis.citations.forEach((citation, index) => {
    const followed = follow(view, analysis, index);
    if (followed?.kind !== 'older') return;
    if (namesItsDraft(followed)) {
      update.named++;
      return;
    }
    const retargeted = reshaped(followed) ? undefined : retargetCitation(text, citation, numberMap(followed), namingFor(followed, frontMatterUpdated), keepsSubParagraphs(followed));
    if (retargeted) {
      update.edits.push(...withFile(file, retargeted));
      if (retargeted.edits.length) update.moved++;
      return;
    }
    const cites = (kind: FateKind) => citation.numbers.some((number) => followed.from.byNumber.has(number) && whereDidItGo(followed.alignment, number)?.kind === kind);
    if (cites('deleted')) update.deleted++;
    else if (citation.numbers.some((number) => !followed.from.byNumber.has(number))) update.missing++;
    else if (reshaped(followed)) update.reshaped++;
    else update.other++;
    if (frontMatterUpdated && followed.reason === 'front-matter') {
      update.edits.push({ file, span: { start: citation.span.end, end: citation.span.end }, newText: ` of the ${followed.from.info.label}` });
    }
  });
  return update;
}

function updateAllTitle(update: FileUpdate, current: string): string {
  const left: string[] = [];
  const citing = (count: number, what: string) => `${count} citing ${what}`;
  if (update.deleted) left.push(citing(update.deleted, 'deleted paragraphs'));
  if (update.missing) left.push(citing(update.missing, 'paragraphs their draft does not have'));
  if (update.reshaped) left.push(citing(update.reshaped, 'split or merged paragraphs'));
  if (update.other) left.push(`${update.other} that cannot be rewritten`);
  if (update.named) left.push(`${update.named} naming ${update.named === 1 ? 'its' : 'their'} draft`);
  const title = `Update all citations in this file to the current draft (${current})`;
  return left.length ? `${title}; left as they are: ${left.join(', ')}` : title;
}

// ---------- hover ----------

/** ": 'States publicly re-affirm' → 'States … reaffirm'" when the text changed, ", spelling only: '…'" when only its spelling did. */
function wordingNote(fate: ParagraphFate): string {
  if (!fate.diff || !fate.textChanged) return '';
  const only = onlyChange([fate]);
  return `${only ? `, ${only}` : ''}: ${escapeMarkdown(summariseWordDiff(fate.diff))}`;
}

/** "Zero Draft para 74 → First Draft para 51 (edited: '…' → '…')". */
function forwardLine(followed: Followed, number: string): string {
  const older = followed.from.info.label;
  const current = followed.current.info.label;
  const fate = whereDidItGo(followed.alignment, number);
  if (!fate) return `${older} para ${number} is not in the ${older}`;
  const from = `${older} para ${number}`;
  switch (fate.kind) {
    case 'deleted':
      return `${from} → deleted in the ${current}`;
    case 'split':
      return `${from} → ${current} paras ${writeNumbers(fate.newer)} (split)`;
    case 'merged':
      return `${from} → ${current} para ${fate.newer[0]} (merged${fate.mergedWith?.length ? ` with ${describeNumbers(fate.mergedWith)}` : ''})`;
    case 'moved': {
      const how = movedWords(sectionMoves(followed.alignment, followed.from.parsed).has(number));
      return `${from} → ${current} para ${fate.newer[0]} (${how}${fate.textChanged ? `, edited${wordingNote(fate)}` : ''})`;
    }
    case 'edited':
      return `${from} → ${current} para ${fate.newer[0]} (edited${wordingNote(fate)})`;
    default:
      return `${from} → ${current} para ${fate.newer[0]} (${fate.kind})`;
  }
}

/** "First Draft para 51: was para 57 of the Zero Draft", "First Draft para 52: new in the First Draft". */
function backwardLine(alignment: Alignment, previous: DraftEntry & { parsed: ParsedDraft }, current: DraftInfo, number: string): string {
  const origin = whereDidItComeFrom(alignment, number);
  const here = `${current.label} para ${number}`;
  const before = previous.info.label;
  if (!origin) return here;
  switch (origin.kind) {
    case 'new':
      return `${here}: new in the ${current.label}`;
    case 'merged':
      return `${here}: was ${describeNumbers(origin.older)} of the ${before} (merged)`;
    case 'split': {
      const fate = whereDidItGo(alignment, origin.older[0]);
      return `${here}: was part of para ${origin.older[0]} of the ${before} (split into paras ${writeNumbers(fate?.newer ?? [number])})`;
    }
    default: {
      const fate = whereDidItGo(alignment, origin.older[0]);
      if (!fate) return `${here}: was para ${origin.older[0]} of the ${before}`;
      let how: string = fate.kind;
      if (fate.kind === 'moved') how = `${movedWords(sectionMoves(alignment, previous.parsed).has(fate.older))}${fate.textChanged ? `, edited${wordingNote(fate)}` : ''}`;
      if (fate.kind === 'edited') how = `edited${wordingNote(fate)}`;
      return `${here}: was para ${fate.older} of the ${before} (${how})`;
    }
  }
}

function historyHover(view: WorkspaceView, analysis: DocumentAnalysis, index: number): string | undefined {
  const followed = follow(view, analysis, index);
  const citation = analysis.citations[index];
  const shown = citation.numbers.slice(0, MAX_PARAGRAPHS_IN_HOVER);
  const more = citation.numbers.length - shown.length;
  const list = (lines: string[], heading: string) =>
    lines.length ? [`**${heading}**`, '', ...lines.map((line) => `- ${line}`), ...(more > 0 ? [`- … and ${more} more`] : [])].join('\n') : undefined;
  if (followed?.kind === 'older') {
    const lines = shown.filter((number) => followed.from.byNumber.has(number)).map((number) => forwardLine(followed, number));
    return list(lines, `Since the ${followed.from.info.label}`);
  }
  const target = analysis.targets[index];
  const current = currentEntry(view);
  if (analysis.ownDraft || target?.kind !== 'draft' || !current || target.draft.id !== current.info.id) return undefined;
  const previous = previousEntry(view, current.info);
  const alignment = previous && view.alignment(previous.info.id, current.info.id);
  if (!previous || !alignment) return undefined;
  const lines = shown.flatMap((number) => {
    if (current.byNumber.has(number)) return [backwardLine(alignment, previous, current.info, number)];
    if (followed?.kind === 'missing' && previous.byNumber.has(number)) return [`para ${number} is not in the ${current.info.label}; ${forwardLine(followed, number)}`];
    return [];
  });
  return list(lines, `Since the ${previous.info.label}`);
}

// ---------- the feature ----------

/**
 * "para 57: the First Draft has paragraphs 1–54" and, on the same words,
 * where para 57 of the previous draft is now: one diagnostic that says both.
 */
function joinPreviousDraftNotes(found: CoreDiagnostic[]): CoreDiagnostic[] {
  const notes = found.filter((d) => d.code === 'paragraph-moved-from-previous');
  if (!notes.length) return found;
  const joined = new Set<CoreDiagnostic>();
  const result = found.map((missing) => {
    if (missing.code !== 'missing-paragraph') return missing;
    const mine = notes.filter((n) => !joined.has(n) && n.span.start === missing.span.start && n.span.end === missing.span.end);
    if (!mine.length) return missing;
    for (const note of mine) joined.add(note);
    return { ...missing, message: [missing.message, ...mine.map((note) => note.message)].join('; ') };
  });
  return result.filter((d) => !joined.has(d));
}

export const historyFeature: Feature = {
  diagnosticCodes: HISTORY_CODES,

  refineDiagnostics: joinPreviousDraftNotes,

  diagnostics(view, _file, analysis) {
    return analysis.citations.flatMap((_, index) => {
      const followed = follow(view, analysis, index);
      return followed ? historyDiagnostics(view, followed) : [];
    });
  },

  citationHover(view, _file, analysis, index) {
    return historyHover(view, analysis, index);
  },

  codeActions(view, file, analysis, span, diagnostics) {
    const actions: CoreCodeAction[] = [];
    analysis.citations.forEach((citation, index) => {
      if (!spansTouch(extentOf(citation), span)) return;
      const followed = follow(view, analysis, index);
      if (!followed) return;
      const reported = reportedFor(view, followed, diagnostics);
      if (reported.length) actions.push(...retargetActions(view, file, followed, reported));
    });
    const update = updateToCurrentDraft(view, file, analysis);
    const current = view.currentDraft();
    if (update && current && update.edits.length) {
      actions.push({ title: updateAllTitle(update, current.label), kind: 'source', edits: update.edits, needsConfirmation: true });
    }
    return actions;
  },
};
