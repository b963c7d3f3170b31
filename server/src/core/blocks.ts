// A submission is analysed block by block: the text between blank lines. No
// citation, qualifier, sentence or heading crosses a blank line, so what is
// found in a block depends only on its text and on what the blocks above
// decide for it (the draft a heading names). Two places look across a blank
// line, and the cut avoids them: a fenced code block (its lines are code until
// the fence closes) and a Markdown block quote, which pairs with the line
// introducing it or attributing it one blank line away.
import { Citation, CitedPart, Span } from './model';

const BLANK = /^[ \t]*\r?$/;
const FENCE = /^\s*(```|~~~)/;
const BLOCK_QUOTE = /^[ \t]{0,3}>/;

/**
 * Where the text is cut into blocks: each block ends where the first blank
 * line of a run of blank lines starts (the blank lines open the next block).
 * Linear in the length of the text; the blocks cover it without gaps.
 */
export function splitBlocks(text: string): Span[] {
  const blocks: Span[] = [];
  let blockStart = 0;
  let inFence = false;
  let previousIsQuote = false;
  /** Start of the run of blank lines being read, when the block may end there. */
  let cutAt: number | undefined;
  let inBlankRun = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (BLANK.test(line) && lineStart > 0) {
      if (!inBlankRun) {
        inBlankRun = true;
        cutAt = inFence || previousIsQuote ? undefined : lineStart;
      }
    } else if (line.length > 0 || newline >= 0) {
      const isQuote = BLOCK_QUOTE.test(line);
      if (inBlankRun && cutAt !== undefined && cutAt > blockStart && !isQuote) {
        blocks.push({ start: blockStart, end: cutAt });
        blockStart = cutAt;
      }
      inBlankRun = false;
      cutAt = undefined;
      if (FENCE.test(line)) inFence = !inFence;
      previousIsQuote = isQuote;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  blocks.push({ start: blockStart, end: text.length });
  return blocks;
}

/** The block holding `offset` (the last one for the end of the text), by binary search. */
export function blockAt(blocks: readonly Span[], offset: number): number {
  let low = 0;
  let high = blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (blocks[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftPart(part: CitedPart, delta: number): CitedPart {
  return part.kind === 'single'
    ? { ...part, span: shiftSpan(part.span, delta) }
    : { ...part, span: shiftSpan(part.span, delta), fromSpan: shiftSpan(part.fromSpan, delta), toSpan: shiftSpan(part.toSpan, delta) };
}

export function shiftCitation(citation: Citation, delta: number): Citation {
  if (delta === 0) return citation;
  const shifted: Citation = { ...citation, span: shiftSpan(citation.span, delta), parts: citation.parts.map((part) => shiftPart(part, delta)) };
  if (citation.qualifier) shifted.qualifier = { ...citation.qualifier, span: shiftSpan(citation.qualifier.span, delta) };
  return shifted;
}

/**
 * A copy of a finding found in a block, moved to where the block stands: every
 * span in it (`{ start, end }`), its fixes' edits included.
 */
export function shiftSpans<T>(value: T, delta: number): T {
  if (delta === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shiftSpans(item, delta)) as T;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = shiftSpans(record[key], delta);
  if (typeof record.start === 'number' && typeof record.end === 'number') {
    copy.start = record.start + delta;
    copy.end = record.end + delta;
  }
  return copy as T;
}
