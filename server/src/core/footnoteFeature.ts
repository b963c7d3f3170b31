// Footnotes of a draft. In a submission, "footnote 2 of the Zero Draft",
// "fn. 3", "footnotes 2 and 3", "note 2 of the Pre-draft" cite footnotes: the
// hover shows them, go to definition opens them, a diagnostic says when the
// draft has no such footnote, and completion offers them after "footnote ".
// In a draft, a footnote marker ("[^2]", a raised "²", "<sup>2</sup>") shows
// its footnote on hover and leads to it.
//
// Footnote citations are scanned with the paragraph citations (analysis.ts)
// but kept apart from them (`footnoteCitations`), so that what the other
// features say about paragraphs never reads a footnote's number.
import { footnoteMarkerAt } from './draftParser';
import type { CompletionEntry, DefinitionTarget, DocumentAnalysis, DraftEntry, Feature, WorkspaceView } from './features';
import { Citation, CoreDiagnostic, DraftInfo, Footnote, ParsedDraft } from './model';
import { citedPartProblems } from './paragraphFeature';
import { CitationTarget, describeReason, resolveCitation } from './resolver';
import { completionTrigger, DEFAULT_VOCABULARY } from './vocabulary';
import { escapeMarkdown, firstWords, writeNumbers } from './wording';

const MAX_FOOTNOTES_IN_HOVER = 8;

export const FOOTNOTE_CODES = {
  'missing-footnote': 'error',
} as const;

/** "footnote 2", "footnotes 2 and 3", "footnotes 1–4". */
export function describeFootnotes(numbers: readonly string[]): string {
  return `${numbers.length === 1 ? 'footnote' : 'footnotes'} ${writeNumbers(numbers)}`;
}

/** "has footnotes 1–6", "has footnotes 1, 2 and 4", "has no footnotes". */
export function describeDraftFootnotes(draft: ParsedDraft): string {
  const numbers = draft.footnotes.map((footnote) => footnote.number);
  if (numbers.length === 0) return 'has no footnotes';
  if (numbers.length === 1) return `has one footnote, ${numbers[0]}`;
  return `has ${describeFootnotes(numbers)}`;
}

/** The footnotes of a parsed draft by number (the first of a number written twice). */
function footnotesByNumber(draft: ParsedDraft): Map<string, Footnote> {
  let byNumber = byDraft.get(draft);
  if (!byNumber) {
    byNumber = new Map();
    for (const footnote of draft.footnotes) if (!byNumber.has(footnote.number)) byNumber.set(footnote.number, footnote);
    byDraft.set(draft, byNumber);
  }
  return byNumber;
}
const byDraft = new WeakMap<ParsedDraft, Map<string, Footnote>>();

/** The paragraphs of a draft that refer to a footnote: "para 12", "paras 12 and 14". */
function referredFrom(draft: ParsedDraft, number: string): string[] {
  return draft.paragraphs.filter((paragraph) => paragraph.footnoteRefs.includes(number)).map((paragraph) => paragraph.number);
}

/** A footnote in a hover: its number, where the draft refers to it, its text. */
export function footnoteMarkdown(label: string, draft: ParsedDraft, footnote: Footnote): string {
  const from = referredFrom(draft, footnote.number);
  const where = from.length ? ` (in ${from.length === 1 ? 'para' : 'paras'} ${writeNumbers(from)})` : '';
  return `**${escapeMarkdown(label)}, footnote ${escapeMarkdown(footnote.number)}**${where}\n\n> ${escapeMarkdown(footnote.text)}`;
}

/** The footnote citation under `offset` (its numbers or the qualifier after them), or -1. */
function footnoteCitationAt(analysis: DocumentAnalysis, offset: number): number {
  return (analysis.footnoteCitations ?? []).findIndex(
    (citation) => offset >= citation.span.start && offset <= (citation.qualifier && citation.qualifier.span.start >= citation.span.end ? citation.qualifier.span.end : citation.span.end),
  );
}

/** The draft a footnote citation cites, when it is indexed. */
function citedDraft(view: WorkspaceView, target: CitationTarget | undefined): { draft: DraftInfo; entry: DraftEntry & { parsed: ParsedDraft } } | undefined {
  if (target?.kind !== 'draft') return undefined;
  const entry = view.draftEntry(target.draft.id);
  return entry?.parsed ? { draft: target.draft, entry: entry as DraftEntry & { parsed: ParsedDraft } } : undefined;
}

/** The footnote under `offset` in a draft's own text: the draft's footnote that marker refers to. */
function markerAt(analysis: DocumentAnalysis, offset: number): { footnote: Footnote; draft: DraftEntry & { parsed: ParsedDraft }; span: { start: number; end: number } } | undefined {
  const draft = analysis.ownDraft;
  if (!draft?.parsed) return undefined;
  const marker = footnoteMarkerAt(analysis.text, offset);
  const footnote = marker && footnotesByNumber(draft.parsed).get(marker.number);
  return marker && footnote ? { footnote, draft: draft as DraftEntry & { parsed: ParsedDraft }, span: marker.span } : undefined;
}

export const footnoteFeature: Feature = {
  diagnosticCodes: FOOTNOTE_CODES,

  diagnostics(view, _file, analysis) {
    const citations = analysis.footnoteCitations ?? [];
    return citations.flatMap((citation, index) => citationDiagnostics(view, citation, analysis.footnoteTargets?.[index]));
  },

  hover(view, _file, analysis, offset) {
    const index = footnoteCitationAt(analysis, offset);
    if (index >= 0) {
      const citation = analysis.footnoteCitations![index];
      return { span: citation.span, markdown: hoverMarkdown(view, citation, analysis.footnoteTargets![index]) };
    }
    const marker = markerAt(analysis, offset);
    return marker && { span: marker.span, markdown: footnoteMarkdown(marker.draft.info.label, marker.draft.parsed, marker.footnote) };
  },

  definition(view, _file, analysis, offset) {
    const index = footnoteCitationAt(analysis, offset);
    if (index >= 0) {
      const citation = analysis.footnoteCitations![index];
      const cited = citedDraft(view, analysis.footnoteTargets![index]);
      const draftPath = cited?.entry.info.path;
      if (!cited || !draftPath) return [];
      const byNumber = footnotesByNumber(cited.entry.parsed);
      return citation.numbers
        .map((number) => byNumber.get(number))
        .filter((footnote): footnote is Footnote => footnote !== undefined)
        .map((footnote): DefinitionTarget => ({ originSpan: citation.span, file: draftPath, span: footnote.span, selectionSpan: footnote.span }));
    }
    const marker = markerAt(analysis, offset);
    const draftPath = marker?.draft.info.path;
    return marker && draftPath ? [{ originSpan: marker.span, file: draftPath, span: marker.footnote.span, selectionSpan: marker.footnote.span }] : [];
  },

  completions(view, _file, analysis, offset) {
    return footnoteCompletions(view, analysis, offset);
  },
};

function citationDiagnostics(view: WorkspaceView, citation: Citation, target: CitationTarget | undefined): CoreDiagnostic[] {
  switch (target?.kind) {
    case 'unknown-draft': {
      const known = view.config.drafts.map((draft) => draft.label).join(', ');
      return view.diagnostic('unknown-draft', target.span, `unknown draft "${target.name}": the drafts are ${known || 'not configured'}`);
    }
    case 'draft': {
      const cited = citedDraft(view, target);
      if (!cited) return view.diagnostic('draft-not-indexed', citation.span, `${describeFootnotes(citation.numbers)} cites the ${target.draft.label}, which is not indexed`);
      const parsed = cited.entry.parsed;
      return citedPartProblems(view, citation, footnotesByNumber(parsed), (span, missing) =>
        view.diagnostic('missing-footnote', span, `${describeFootnotes(missing)}: the ${target.draft.label} ${describeDraftFootnotes(parsed)}`, { draft: target.draft.id, missing }),
      );
    }
    default:
      // Another document's footnote, the author's own, or no draft at all: nothing to check it against.
      return [];
  }
}

function hoverMarkdown(view: WorkspaceView, citation: Citation, target: CitationTarget): string {
  const cited = describeFootnotes(citation.numbers);
  switch (target.kind) {
    case 'unknown-draft':
      return `**${cited}** — unknown draft "${escapeMarkdown(target.name)}". Known drafts: ${view.config.drafts.map((d) => d.label).join(', ')}.`;
    case 'document':
      return `**${cited}** of ${escapeMarkdown(target.name)}: its footnotes are not indexed.`;
    case 'own':
      return `**${cited}** — of the author's own text, not of a draft: not checked.`;
    case 'none':
      return `**${cited}** — no draft is indexed.`;
    case 'draft': {
      const why = `*${target.draft.label}: ${describeReason(target.reason)}.*`;
      const found = citedDraft(view, target);
      if (!found) return `**${cited} of the ${target.draft.label}** — the ${target.draft.label} is not indexed.\n\n${why}`;
      const parsed = found.entry.parsed;
      const byNumber = footnotesByNumber(parsed);
      const shown = citation.numbers.slice(0, MAX_FOOTNOTES_IN_HOVER).map((number) => {
        const footnote = byNumber.get(number);
        return footnote ? footnoteMarkdown(target.draft.label, parsed, footnote) : `**footnote ${number}** — not in the ${target.draft.label} (it ${describeDraftFootnotes(parsed)}).`;
      });
      const more = citation.numbers.length - MAX_FOOTNOTES_IN_HOVER;
      if (more > 0) shown.push(`… and ${more} more footnote${more === 1 ? '' : 's'}.`);
      return [...shown, why].join('\n\n---\n\n');
    }
  }
}

/** After "footnote ", "fns 2, ": the footnotes of the draft the position resolves to. */
function footnoteCompletions(view: WorkspaceView, analysis: DocumentAnalysis, offset: number): CompletionEntry[] {
  const text = analysis.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = completionTrigger(DEFAULT_VOCABULARY, 'footnote').exec(text.slice(lineStart, offset));
  if (!match) return [];
  const typed = match[1];
  const replaceSpan = { start: offset - typed.length, end: offset };
  const probe: Citation = { span: replaceSpan, keyword: 'footnote', parts: [], numbers: [], unit: 'footnote' };
  const target = resolveCitation(probe, analysis.context, { drafts: view.config.drafts, current: view.currentDraft(), selfDraft: analysis.ownDraft?.info });
  const found = citedDraft(view, target);
  if (!found) return [];
  return found.entry.parsed.footnotes.map((footnote, index) => ({
    label: footnote.number,
    detail: `${found.draft.label} · ${firstWords(footnote.text, 8)}`,
    documentation: footnoteMarkdown(found.draft.label, found.entry.parsed, footnote),
    sortText: String(index).padStart(6, '0'),
    replaceSpan,
  }));
}
