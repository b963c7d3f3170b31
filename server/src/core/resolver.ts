// Which draft a citation points at. DESIGN.md "Resolving a citation":
// an explicit qualifier wins, then the submission's front matter, then the
// nearest heading above that names a draft, then the current draft.
import { parse as parseYaml } from 'yaml';
import { findDraft } from './config';
import { Citation, DraftInfo, Span } from './model';

export type ResolutionReason = 'qualifier' | 'front-matter' | 'heading' | 'current' | 'self';

export type CitationTarget =
  /** A configured draft (indexed or not: `draft.path` tells). */
  | { kind: 'draft'; draft: DraftInfo; reason: ResolutionReason }
  /** The qualifier names a draft nobody configured. */
  | { kind: 'unknown-draft'; name: string; span: Span }
  /** A paragraph of another document: "A/70/174, para 12", "of the Tunis Commitment". */
  | { kind: 'document'; name: string }
  /** The author's own text ("para 3 of our submission"): nothing to check it against. */
  | { kind: 'own' }
  /** No draft at all is configured or current. */
  | { kind: 'none' };

export interface FrontMatter {
  /** The whole block, from the opening to the closing "---". */
  span: Span;
  /** The value of `draft:` and where it stands. */
  draft?: { name: string; span: Span };
  /** A YAML error, if the block does not parse. */
  error?: string;
}

export interface DraftHeading {
  span: Span;
  draft: DraftInfo;
}

/** What the resolver needs to know about one document, computed once per version. */
export interface DocumentContext {
  frontMatter?: FrontMatter;
  /** Headings that name a draft, in source order. */
  draftHeadings: DraftHeading[];
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function readFrontMatter(text: string): FrontMatter | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const span = { start: 0, end: match[0].length };
  const body = match[1];
  const bodyStart = match[0].indexOf(body);
  let data: unknown;
  try {
    data = parseYaml(body);
  } catch (error) {
    return { span, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  if (!data || typeof data !== 'object' || !('draft' in data)) return { span };
  const value = (data as Record<string, unknown>).draft;
  if (typeof value !== 'string' && typeof value !== 'number') return { span, error: '"draft" must name a draft, e.g. draft: zero-draft' };
  const name = String(value);
  const line = /^draft[ \t]*:[ \t]*/m.exec(body);
  const valueStart = line ? bodyStart + line.index + line[0].length : 0;
  return { span, draft: { name, span: { start: valueStart, end: valueStart + name.length + (/^["']/.test(body.slice(valueStart - bodyStart)) ? 2 : 0) } } };
}

/**
 * Lines that read as headings: Markdown "#" headings, setext headings, and in
 * plain text a short line standing alone between blank lines without final
 * punctuation (the way "Comments on the Zero Draft" looks in a .txt file).
 */
export function findHeadings(text: string): Span[] {
  const headings: Span[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const start = offset;
    offset += lines[i].length + 1;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || line.trim() === '') continue;
    const previousBlank = i === 0 || lines[i - 1].trim() === '' || /^---\s*$/.test(lines[i - 1]);
    const next = (lines[i + 1] ?? '').replace(/\r$/, '');
    if (/^#{1,6}\s/.test(line) || /^(=+|-+)\s*$/.test(next) && next.trim().length >= 2 && !/^\s*[-*>]/.test(line)) {
      headings.push({ start, end: start + line.length });
    } else if (previousBlank && next.trim() === '' && line.length <= 100 && !/[.:;,!?]["”’)]?\s*$/.test(line) && !/^\s*([-*+>]|\d+[.)])\s/.test(line)) {
      headings.push({ start, end: start + line.length });
    }
  }
  return headings;
}

/** The first configured draft a piece of text names ("Comments on the Zero Draft" -> Zero Draft). */
export function draftNamedIn(text: string, drafts: readonly DraftInfo[]): DraftInfo | undefined {
  const flat = text.toLowerCase().replace(/[“”"‘’'*_#]/g, ' ').replace(/[-\s]+/g, ' ');
  let best: { draft: DraftInfo; index: number; length: number } | undefined;
  for (const draft of drafts) {
    for (const name of [draft.label, ...draft.aliases]) {
      const wanted = name.toLowerCase().replace(/[-\s]+/g, ' ').trim();
      if (!wanted) continue;
      // Letters of any script are part of a word: "Avant-projet" is not found inside "Avant-projeté".
      const match = new RegExp(`(^|[^\\p{L}\\p{Nd}])${escapeRegExp(wanted)}($|[^\\p{L}\\p{Nd}])`, 'u').exec(flat);
      // The earliest mention wins; at the same place the longer name ("revised pre draft" over "pre draft").
      if (match && (!best || match.index < best.index || (match.index === best.index && wanted.length > best.length))) {
        best = { draft, index: match.index, length: wanted.length };
      }
    }
  }
  return best?.draft;
}

export function documentContext(text: string, drafts: readonly DraftInfo[]): DocumentContext {
  const draftHeadings: DraftHeading[] = [];
  for (const span of findHeadings(text)) {
    const draft = draftNamedIn(text.slice(span.start, span.end), drafts);
    if (draft) draftHeadings.push({ span, draft });
  }
  return { frontMatter: readFrontMatter(text), draftHeadings };
}

export interface ResolveOptions {
  drafts: readonly DraftInfo[];
  current?: DraftInfo;
  /** The draft this document is, when a draft cites itself ("paragraph 85 of this report"). */
  selfDraft?: DraftInfo;
}

/** The draft a citation resolves to, and why. */
export function resolveCitation(citation: Citation, context: DocumentContext, options: ResolveOptions): CitationTarget {
  const qualifier = citation.qualifier;
  if (qualifier) {
    switch (qualifier.kind) {
      case 'draft': {
        const draft = findDraft(options.drafts, qualifier.name);
        return draft ? { kind: 'draft', draft, reason: 'qualifier' } : { kind: 'unknown-draft', name: qualifier.name, span: qualifier.span };
      }
      case 'self':
        if (options.selfDraft) return { kind: 'draft', draft: options.selfDraft, reason: 'self' };
        break;
      case 'document':
        return { kind: 'document', name: qualifier.symbol };
      case 'other':
        return { kind: 'document', name: qualifier.name };
      case 'own':
        return { kind: 'own' };
    }
  }
  // Inside a draft, an unqualified "paragraph 85" is the draft's own paragraph.
  if (options.selfDraft) return { kind: 'draft', draft: options.selfDraft, reason: 'self' };
  const fromFrontMatter = context.frontMatter?.draft && findDraft(options.drafts, context.frontMatter.draft.name);
  if (fromFrontMatter) return { kind: 'draft', draft: fromFrontMatter, reason: 'front-matter' };
  const heading = nearestHeadingAbove(context.draftHeadings, citation.span.start);
  if (heading) return { kind: 'draft', draft: heading.draft, reason: 'heading' };
  if (options.current) return { kind: 'draft', draft: options.current, reason: 'current' };
  return { kind: 'none' };
}

function nearestHeadingAbove(headings: DraftHeading[], offset: number): DraftHeading | undefined {
  let low = 0;
  let high = headings.length - 1;
  let found: DraftHeading | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (headings[mid].span.start <= offset) {
      found = headings[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words a drafter reads in a hover: "resolved by the front matter". */
export function describeReason(reason: ResolutionReason): string {
  switch (reason) {
    case 'qualifier':
      return 'named in the citation';
    case 'front-matter':
      return 'the draft named in the front matter';
    case 'heading':
      return 'the draft named by the heading above';
    case 'self':
      return 'this draft';
    case 'current':
      return 'the current draft';
  }
}
