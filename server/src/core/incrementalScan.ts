// Scanning a long submission on every keystroke: the text is cut into blocks
// at blank lines (no citation, qualifier or sentence crosses one), and each
// block's citations are remembered by its text, so a keystroke re-scans only
// the block it changed. The result equals a scan of the whole text (tested).
import { scanCitations, ScanCitationsOptions } from './citations';
import { Citation, CitedPart, Span } from './model';

const BLANK_LINE = /\n[ \t]*\r?\n/g;
/** Enough for every block of a 100-page submission and its recent edits. */
const MAX_CACHED_BLOCKS = 20000;

export class CitationScanCache {
  private blocks = new Map<string, Citation[]>();

  constructor(private readonly options: ScanCitationsOptions = {}) {}

  scan(text: string): Citation[] {
    const citations: Citation[] = [];
    const used = new Map<string, Citation[]>();
    let start = 0;
    BLANK_LINE.lastIndex = 0;
    for (;;) {
      const blank = BLANK_LINE.exec(text);
      const end = blank ? blank.index + 1 : text.length;
      const block = text.slice(start, end);
      let found = used.get(block) ?? this.blocks.get(block);
      if (!found) found = scanCitations(block, this.options);
      used.set(block, found);
      for (const citation of found) citations.push(shiftCitation(citation, start));
      if (!blank) break;
      start = end;
    }
    // Keep what this version used, plus older blocks while there is room (undo brings them back).
    if (this.blocks.size + used.size > MAX_CACHED_BLOCKS) this.blocks = used;
    else for (const [block, found] of used) this.blocks.set(block, found);
    return citations;
  }
}

function shift(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftPart(part: CitedPart, delta: number): CitedPart {
  return part.kind === 'single'
    ? { ...part, span: shift(part.span, delta) }
    : { ...part, span: shift(part.span, delta), fromSpan: shift(part.fromSpan, delta), toSpan: shift(part.toSpan, delta) };
}

export function shiftCitation(citation: Citation, delta: number): Citation {
  if (delta === 0) return citation;
  const shifted: Citation = { ...citation, span: shift(citation.span, delta), parts: citation.parts.map((part) => shiftPart(part, delta)) };
  if (citation.qualifier) shifted.qualifier = { ...citation.qualifier, span: shift(citation.qualifier.span, delta) };
  return shifted;
}
