// A submission is analysed block by block: the text between blank lines. No
// citation, qualifier, sentence or heading crosses a blank line, so what is
// found in a block depends only on its text and on what the blocks above
// decide for it (the draft a heading names). Two places look across a blank
// line, and the cut avoids them: a fenced code block (its lines are code until
// the fence closes) and a Markdown block quote, which pairs with the line
// introducing it or attributing it one blank line away.
import { Citation, CitedPart, CoreDiagnostic, Span } from './model';

/**
 * Where the text is cut into blocks: each block ends where the first blank
 * line of a run of blank lines starts (the blank lines open the next block).
 * Linear in the length of the text, reading characters in place; the blocks
 * cover the text without gaps. `from` (a place where a block starts) cuts
 * only the rest; `stopAt` ends the cutting at the first cut it accepts, the
 * rest of the text then given as one last span.
 */
export function splitBlocks(text: string, from = 0, stopAt?: (cut: number) => boolean): Span[] {
  const blocks: Span[] = [];
  let blockStart = from;
  let inFence = false;
  let previousIsQuote = false;
  /** Start of the run of blank lines being read, when the block may end there. */
  let cutAt: number | undefined;
  let inBlankRun = false;
  let lineStart = from;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (lineStart > 0 && isBlank(text, lineStart, lineEnd)) {
      if (!inBlankRun) {
        inBlankRun = true;
        cutAt = inFence || previousIsQuote ? undefined : lineStart;
      }
    } else if (lineEnd > lineStart || newline >= 0) {
      const isQuote = startsBlockQuote(text, lineStart, lineEnd);
      if (inBlankRun && cutAt !== undefined && cutAt > blockStart && !isQuote) {
        blocks.push({ start: blockStart, end: cutAt });
        blockStart = cutAt;
        // The caller knows the blocks from here on: the rest of the text, as one span, says where.
        if (stopAt?.(cutAt)) {
          blocks.push({ start: cutAt, end: text.length });
          return blocks;
        }
      }
      inBlankRun = false;
      cutAt = undefined;
      if (startsFence(text, lineStart, lineEnd)) inFence = !inFence;
      previousIsQuote = isQuote;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  blocks.push({ start: blockStart, end: text.length });
  return blocks;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;

/** Only spaces and tabs, and a final "\r". */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== SPACE && code !== TAB && !(code === CR && i === end - 1)) return false;
  }
  return true;
}

/** A Markdown block quote line: at most three spaces or tabs, then ">". */
function startsBlockQuote(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  return i < end && text.charCodeAt(i) === 62;
}

/** A fence line: white space, then ``` or ~~~. */
function startsFence(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && /\s/.test(text[i])) i++;
  return text.startsWith('```', i) && i + 3 <= end || text.startsWith('~~~', i) && i + 3 <= end;
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
function shiftSpans<T>(value: T, delta: number): T {
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

/** Whether a finding's data holds spans (a fix's edits), found once per data object. */
const dataWithSpans = new WeakMap<object, boolean>();

function holdsSpans(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const known = dataWithSpans.get(value);
  if (known !== undefined) return known;
  const record = value as Record<string, unknown>;
  const found = (typeof record.start === 'number' && typeof record.end === 'number') || Object.values(record).some(holdsSpans);
  dataWithSpans.set(value, found);
  return found;
}

/** A finding of a block moved to where the block stands; its data is copied only when it holds spans. */
export function shiftFinding(finding: CoreDiagnostic, delta: number): CoreDiagnostic {
  if (delta === 0) return finding;
  const moved = { ...finding, span: shiftSpan(finding.span, delta) };
  if (holdsSpans(finding.data)) moved.data = shiftSpans(finding.data, delta);
  return moved;
}
