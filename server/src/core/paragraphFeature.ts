// Paragraph citations themselves: whether the cited paragraph exists in the
// draft the citation resolves to (missing paragraph, unknown draft, a draft
// that is not indexed, a range written backwards), the paragraph shown in a
// hover, go to definition, completion of paragraph numbers, and the problems
// of a file as a whole (its front matter, a draft's own numbering).
import { CONFIG_FILE_NAME, findDraft } from './config';
import type { CompletionEntry, DefinitionTarget, DocumentAnalysis, Feature, WorkspaceView } from './features';
import { Citation, CoreDiagnostic, Paragraph, Span } from './model';
import { CitationTarget, describeReason, resolveCitation } from './resolver';
import { completionTrigger, DEFAULT_VOCABULARY } from './vocabulary';
import { describeNumbers, describeParagraphs, firstWords, paragraphMarkdown } from './wording';

const EXCERPT_WORDS_IN_LIST = 45;
const MAX_PARAGRAPHS_IN_HOVER = 8;

export const PARAGRAPH_CODES = {
  'missing-paragraph': 'error',
  'draft-not-indexed': 'information',
  'unknown-draft': 'warning',
  'reversed-range': 'warning',
  'no-draft': 'information',
  'draft-problem': 'warning',
} as const;

/** The citation under `offset` (its numbers or the qualifier written after them), or -1. */
export function citationAt(analysis: DocumentAnalysis, offset: number): number {
  return analysis.citations.findIndex(
    (citation) => offset >= citation.span.start && offset <= (citation.qualifier && citation.qualifier.span.start >= citation.span.end ? citation.qualifier.span.end : citation.span.end),
  );
}

export const paragraphFeature: Feature = {
  diagnosticCodes: PARAGRAPH_CODES,

  diagnostics(view, _file, analysis) {
    return analysis.citations.flatMap((citation, index) => citationDiagnostics(view, citation, analysis.targets[index]));
  },

  fileDiagnostics(view, _file, file) {
    const found: CoreDiagnostic[] = [];
    for (const problem of file.ownDraft?.parsed?.problems ?? []) found.push(...view.diagnostic('draft-problem', problem.span, problem.message));
    const frontMatter = file.frontMatter;
    if (frontMatter?.draft && !findDraft(view.config.drafts, frontMatter.draft.name)) {
      found.push(...view.diagnostic('unknown-draft', frontMatter.draft.span, `unknown draft "${frontMatter.draft.name}" in the front matter: the drafts are ${view.config.drafts.map((d) => d.id).join(', ')}`));
    }
    if (frontMatter?.error) found.push(...view.diagnostic('unknown-draft', frontMatter.span, `front matter: ${frontMatter.error}`));
    // Said once, on the first citation: every other one would say the same.
    // (Only a workspace without a current draft resolves a citation to none.)
    for (const block of view.currentDraft() ? [] : file.blocks) {
      const index = block.analysis.targets.findIndex((target) => target.kind === 'none');
      if (index < 0) continue;
      const span = block.analysis.citations[index].span;
      found.push(...view.diagnostic('no-draft', { start: block.start + span.start, end: block.start + span.end }, `no draft is indexed: add ${CONFIG_FILE_NAME} or put the drafts under drafts/`));
      break;
    }
    return found;
  },

  citationHover(view, _file, analysis, index) {
    return hoverMarkdown(view, analysis.citations[index], analysis.targets[index]);
  },

  definition(view, _file, analysis, offset) {
    const index = citationAt(analysis, offset);
    const target = analysis.targets[index];
    if (target?.kind !== 'draft') return [];
    const citation = analysis.citations[index];
    const entry = view.draftEntry(target.draft.id);
    const draftPath = entry?.info.path;
    if (!entry?.parsed || !draftPath) return [];
    return citation.numbers
      .map((number) => entry.byNumber.get(number))
      .filter((paragraph): paragraph is Paragraph => paragraph !== undefined)
      .map((paragraph): DefinitionTarget => ({ originSpan: citation.span, file: draftPath, span: paragraph.span, selectionSpan: paragraph.numberSpan }));
  },

  completions(view, _file, analysis, offset) {
    return paragraphCompletions(view, analysis, offset);
  },
};

function citationText(citation: Citation): string {
  return describeNumbers(citation.numbers);
}

function citationDiagnostics(view: WorkspaceView, citation: Citation, target: CitationTarget): CoreDiagnostic[] {
  switch (target.kind) {
    case 'unknown-draft': {
      const known = view.config.drafts.map((draft) => draft.label).join(', ');
      return view.diagnostic('unknown-draft', target.span, `unknown draft "${target.name}": the drafts are ${known || 'not configured'}`);
    }
    case 'document':
    case 'own':
    case 'none':
      return [];
    case 'draft': {
      const entry = view.draftEntry(target.draft.id);
      if (!entry?.parsed) {
        const origin = view.config.origin;
        const how =
          origin === 'file'
            ? `give it a "path" in ${CONFIG_FILE_NAME}`
            : origin === 'discovered'
              ? `put its file under drafts/ (named like "${target.draft.id}.txt") or list it in ${CONFIG_FILE_NAME} with a "path"`
              : 'name its file with --draft';
        const why = entry?.error ? ` (${entry.error})` : `: ${how} to check this citation`;
        return view.diagnostic('draft-not-indexed', citation.span, `${citationText(citation)} cites the ${target.draft.label}, which is not indexed${why}`);
      }
      const parsed = entry.parsed;
      return citedPartProblems(view, citation, entry.byNumber, (span, missing) =>
        view.diagnostic('missing-paragraph', span, `${describeNumbers(missing)}: the ${target.draft.label} ${describeParagraphs(parsed)}`, { draft: target.draft.id, missing }),
      );
    }
  }
}

/**
 * What is wrong with the parts of a citation into a text whose paragraphs are
 * known (a draft, an indexed UN document): a range written backwards, and the
 * numbers the text lacks, said by `missingParagraphs` — on the whole citation
 * when it names one number ("para 130"), else on the part that is wrong.
 */
export function citedPartProblems(
  view: WorkspaceView,
  citation: Citation,
  byNumber: ReadonlyMap<string, unknown>,
  missingParagraphs: (span: Span, missing: string[]) => CoreDiagnostic[],
): CoreDiagnostic[] {
  const found: CoreDiagnostic[] = [];
  for (const part of citation.parts) {
    if (part.kind === 'range' && Number(part.from) > Number(part.to)) {
      found.push(...view.diagnostic('reversed-range', part.span, `range ${part.from}–${part.to} runs backwards: did you mean ${part.to}–${part.from}?`));
      continue;
    }
    const numbers = part.kind === 'single' ? [part.number] : citation.numbers.filter((number) => inRange(number, part.from, part.to));
    const missing = numbers.filter((number) => !byNumber.has(number));
    if (missing.length) found.push(...missingParagraphs(citation.parts.length === 1 && part.kind === 'single' ? citation.span : part.span, missing));
  }
  return found;
}

/** The hover of a citation; a paragraph of another document (a report, a resolution) is the documents feature's to show. */
function hoverMarkdown(view: WorkspaceView, citation: Citation, target: CitationTarget): string | undefined {
  switch (target.kind) {
    case 'unknown-draft':
      return `**${citationText(citation)}** — unknown draft "${target.name}". Known drafts: ${view.config.drafts.map((d) => d.label).join(', ')}.`;
    case 'document':
      return undefined;
    case 'own':
      return `**${citationText(citation)}** — of the author's own text, not of a draft: not checked.`;
    case 'none':
      return `**${citationText(citation)}** — no draft is indexed. Add \`${CONFIG_FILE_NAME}\` or put the drafts under \`drafts/\`.`;
    case 'draft': {
      const entry = view.draftEntry(target.draft.id);
      const why = `*${target.draft.label}: ${describeReason(target.reason)}.*`;
      if (!entry?.parsed) return `**${citationText(citation)} of the ${target.draft.label}** — the ${target.draft.label} is not indexed.\n\n${why}`;
      const parsed = entry.parsed;
      const shown = citation.numbers.slice(0, MAX_PARAGRAPHS_IN_HOVER);
      const blocks = shown.map((number) => {
        const paragraph = entry.byNumber.get(number);
        if (!paragraph) return `**para ${number}** — not in the ${target.draft.label} (${describeParagraphs(parsed)}).`;
        return citation.numbers.length === 1 ? paragraphMarkdown(target.draft.label, paragraph) : paragraphMarkdown(target.draft.label, paragraph, EXCERPT_WORDS_IN_LIST);
      });
      const more = citation.numbers.length - shown.length;
      if (more > 0) blocks.push(`… and ${more} more paragraph${more === 1 ? '' : 's'}.`);
      return [...blocks, why].join('\n\n---\n\n');
    }
  }
}

/** After "para ", "paras 57-", "¶ ": the paragraph numbers of the draft the position resolves to. */
function paragraphCompletions(view: WorkspaceView, analysis: DocumentAnalysis, offset: number): CompletionEntry[] {
  const text = analysis.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // After "para ", "paras 57-", "¶ ", in the words the scanner reads.
  const match = completionTrigger(DEFAULT_VOCABULARY).exec(before);
  if (!match) return [];
  const typed = match[1];
  const replaceSpan = { start: offset - typed.length, end: offset };
  const probe: Citation = { span: replaceSpan, keyword: 'para', parts: [], numbers: [] };
  const options = { drafts: view.config.drafts, current: view.currentDraft(), selfDraft: analysis.ownDraft?.info };
  const target = resolveCitation(probe, analysis.context, options);
  if (target.kind !== 'draft') return [];
  const entry = view.draftEntry(target.draft.id);
  if (!entry?.parsed) return [];
  return entry.parsed.paragraphs.map((paragraph) => ({
    label: paragraph.number,
    detail: `${target.draft.label} · ${firstWords(paragraph.text, 8)}`,
    documentation: paragraphMarkdown(target.draft.label, paragraph),
    sortText: String(paragraph.ordinal).padStart(6, '0') + paragraph.number,
    replaceSpan,
  }));
}

function inRange(number: string, from: string, to: string): boolean {
  const value = parseInt(number, 10);
  return value >= parseInt(from, 10) && value <= parseInt(to, 10);
}
