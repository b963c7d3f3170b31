// A PDF draft as text the draft parser reads: one paragraph per line, blank
// lines between paragraphs, running heads and page numbers dropped, footnote
// markers as superscript digits ("¹") and each footnote text on its own line
// after the page's body ("¹ A/RES/70/237 …") — the shape of a PDF converted
// to text, which the parser already reads (a paragraph broken by a page break
// and footnotes is continued on a later line).
//
// Two steps: `readPdfPages` asks pdf.js (through unpdf, bundled) for the
// positioned text items of each page; `layoutPdfText` (pure) rebuilds lines,
// paragraphs and footnotes from the positions and font sizes.

/** One positioned run of text, in PDF user space (y grows upwards). */
export interface PdfTextItem {
  text: string;
  /** Left end of the baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (height of the text). */
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfTextItem[];
}

/** Thrown for a file that is not a readable PDF; the message says why, for the user. */
export class PdfReadError extends Error {}

/** The positioned text of every page. Throws PdfReadError for a damaged, encrypted or non-PDF file. */
export async function readPdfPages(data: Uint8Array): Promise<PdfPage[]> {
  if (!startsWithPdfHeader(data)) throw new PdfReadError('not a PDF file (it does not start with "%PDF-")');
  // Loaded on first use: most workspaces have no PDF draft, and pdf.js is large.
  const { getDocumentProxy } = await import('unpdf');
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes over (detaches) the buffer it is given.
    document = await getDocumentProxy(new Uint8Array(data), { verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  } catch (error) {
    throw new PdfReadError(describePdfError(error));
  }
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items as Array<{ str?: string; transform?: number[]; width?: number }>) {
        if (typeof item.str !== 'string' || !item.transform || item.str.trim() === '') continue;
        const [a, b, c, d, e, f] = item.transform;
        // Rotated text (watermarks, margin notes) is no part of the running text.
        if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0 || d <= 0) continue;
        items.push({ text: item.str, x: e - x0, y: f - y0, width: item.width ?? 0, size: Math.abs(d) });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, items });
      page.cleanup();
    }
    return pages;
  } catch (error) {
    throw new PdfReadError(describePdfError(error));
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

function startsWithPdfHeader(data: Uint8Array): boolean {
  // The header may follow a little junk (the specification allows it within the first 1024 bytes).
  const head = new TextDecoder('latin1').decode(data.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** A PDF whose end is missing: pdf.js may still recover some pages from it. */
export function pdfLooksTruncated(data: Uint8Array): boolean {
  return !new TextDecoder('latin1').decode(data.subarray(Math.max(0, data.length - 1024))).includes('%%EOF');
}

function describePdfError(error: unknown): string {
  const name = (error as { name?: string })?.name;
  const message = (error as { message?: string })?.message ?? String(error);
  if (name === 'PasswordException') return 'the PDF is password-protected: save an unprotected copy';
  if (name === 'InvalidPDFException') return `the PDF is damaged or truncated (${message.replace(/\.$/, '')})`;
  return `the PDF cannot be read (${message.replace(/\.$/, '')})`;
}

/** pdf.js text of a PDF, shaped for the draft parser. */
export async function pdfToText(data: Uint8Array): Promise<string> {
  const pages = await readPdfPages(data);
  const text = layoutPdfText(pages);
  if (text.trim() === '') {
    throw new PdfReadError(`the PDF has no text layer (${pages.length} page${pages.length === 1 ? '' : 's'} of images, a scan?): run text recognition (OCR) on it or use the Word or text version`);
  }
  return text;
}

// ---------------------------------------------------------------- layout

interface Line {
  text: string;
  /** Baseline of the line's main text. */
  y: number;
  x: number;
  /** Font size of the line's main text. */
  size: number;
  /** The line starts with a footnote number (superscript or in footnote type). */
  startsWithNumber: boolean;
  /** Its parts set far apart (a running head's symbol and title, at the two ends of the line). */
  segments: string[];
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** Share of the page height, at the top and at the bottom, where running heads and page numbers stand. */
const MARGIN_ZONE = 0.12;

/** Rebuilds the running text of positioned items: see the top of this file. */
export function layoutPdfText(pages: PdfPage[]): string {
  const linesByPage = pages.map((page) => buildLines(page.items));
  const bodySize = dominantSize(linesByPage.flat());
  const furniture = repeatedFurniture(pages, linesByPage);
  const leading = typicalLeading(linesByPage, bodySize);
  const blocks: string[] = [];
  linesByPage.forEach((lines, pageIndex) => {
    const page = pages[pageIndex];
    const kept = lines.filter((line) => !isFurniture(page, line, furniture));
    const footnoteStart = footnoteBlockStart(kept, bodySize);
    // Footnotes may also stand between paragraphs, in small type right under the paragraph that cites them.
    for (const run of bodyAndNoteRuns(kept.slice(0, footnoteStart), bodySize)) blocks.push(...(run.notes ? footnotes(run.lines) : paragraphs(run.lines, leading, bodySize)));
    blocks.push(...footnotes(kept.slice(footnoteStart)));
  });
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}

/** Items grouped into lines (top to bottom), each line's items left to right, superscripts marked. */
function buildLines(items: PdfTextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  const bands: Array<{ low: number; high: number }> = [];
  for (const item of sorted) {
    const low = item.y;
    const high = item.y + item.size;
    // Compared with the last lines only: they are built top to bottom.
    let joined = false;
    for (let g = groups.length - 1; g >= Math.max(0, groups.length - 2); g--) {
      const band = bands[g];
      const overlap = Math.min(high, band.high) - Math.max(low, band.low);
      if (overlap >= 0.5 * Math.min(high - low, band.high - band.low)) {
        groups[g].push(item);
        band.low = Math.min(band.low, low);
        band.high = Math.max(band.high, high);
        joined = true;
        break;
      }
    }
    if (!joined) {
      groups.push([item]);
      bands.push({ low, high });
    }
  }
  return groups.map(lineOf).filter((line) => line.text !== '');
}

function lineOf(items: PdfTextItem[]): Line {
  items.sort((a, b) => a.x - b.x);
  // The main text: the largest type on the line, weighted by length.
  const main = [...items].sort((a, b) => b.size * b.text.length - a.size * a.text.length)[0];
  const size = Math.max(...items.map((item) => item.size));
  const mainSize = main.size >= 0.8 * size ? main.size : size;
  const baseline = items.filter((item) => item.size >= 0.8 * mainSize).reduce((lowest, item) => Math.min(lowest, item.y), Infinity);
  const segments: string[] = [];
  let text = '';
  let end = -Infinity;
  let startsWithNumber = false;
  items.forEach((item, index) => {
    const raised = item.size < 0.85 * mainSize && item.y > baseline + 0.15 * mainSize;
    // "1,2" raised: two footnote markers.
    const piece = raised && /^[\d\s,]+$/.test(item.text) ? item.text.split(/[\s,]+/).filter(Boolean).map(toSuperscript).join(' ') : item.text;
    if (index === 0) startsWithNumber = raised && /^\d+$/.test(item.text.trim());
    const gap = item.x - end;
    if (text !== '' && gap > WIDE_GAP * mainSize) {
      segments.push(text);
      text = '';
    }
    // A gap wider than a thin space is a word break (pdf.js leaves some spaces out); a superscript sticks to its word.
    // A note's number set in its own run and the note's first word right after it ("10" "Informal") are two words.
    const afterLabel = index === 1 && /^\d{1,3}$/.test(text) && /^\p{L}/u.test(piece) && gap > -0.1 * mainSize;
    if (text !== '' && !/\s$/.test(text) && !/^\s/.test(piece) && (gap > 0.15 * mainSize || afterLabel) && !(raised && piece !== item.text)) text += ' ';
    text += piece;
    end = Math.max(end, item.x + item.width);
  });
  segments.push(text);
  const clean = segments.map((segment) => segment.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const leftmost = items[0];
  return { text: clean.join(' '), segments: clean, y: baseline === Infinity ? leftmost.y : baseline, x: leftmost.x, size: mainSize, startsWithNumber };
}

/** A horizontal gap this many times the type size parts a line into segments. */
const WIDE_GAP = 3;

function toSuperscript(digits: string): string {
  return digits.replace(/\d/g, (digit) => SUPERSCRIPT[Number(digit)]);
}

/** The body type size: the size most of the text is set in. */
function dominantSize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, total] of weight) if (total > bestWeight) [best, bestWeight] = [size, total];
  return best || 10;
}

/** Distance between the baselines of two lines of one paragraph: the most common one in body type. */
function typicalLeading(linesByPage: Line[][], bodySize: number): number {
  const counts = new Map<number, number>();
  for (const lines of linesByPage) {
    for (let i = 1; i < lines.length; i++) {
      if (Math.abs(lines[i].size - bodySize) > 0.5 || Math.abs(lines[i - 1].size - bodySize) > 0.5) continue;
      const delta = Math.round((lines[i - 1].y - lines[i].y) * 2) / 2;
      if (delta > 0 && delta < 3 * bodySize) counts.set(delta, (counts.get(delta) ?? 0) + 1);
    }
  }
  // The smallest of the frequent distances: paragraph gaps are frequent too, but wider.
  const frequent = [...counts].filter(([, count]) => count >= 2).map(([delta]) => delta);
  return frequent.length ? Math.min(...frequent) : 1.2 * bodySize;
}

function inMarginZone(page: PdfPage, line: Line): boolean {
  return line.y > page.height * (1 - MARGIN_ZONE) || line.y < page.height * MARGIN_ZONE;
}

function furnitureKeys(page: PdfPage, line: Line): string[] {
  if (!inMarginZone(page, line)) return [];
  // Running heads stand at the same height on every page; the first line of the body may read the same on two pages, but rarely at the same height.
  return line.segments.map((segment) => `${Math.round(line.y / 2)}\n${segment.replace(/\d+/g, '#')}`);
}

/**
 * Segments of lines that stand in the top or bottom margin of two pages or
 * more, and of at least a third of them: running heads and feet (odd and
 * even pages often have their own).
 */
function repeatedFurniture(pages: PdfPage[], linesByPage: Line[][]): Set<string> {
  const found = new Set<string>();
  const pagesWith = new Map<string, number>();
  linesByPage.forEach((lines, index) => {
    for (const key of new Set(lines.flatMap((line) => furnitureKeys(pages[index], line)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  });
  for (const [key, count] of pagesWith) if (count >= 2 && count >= pages.length / 3) found.add(key);
  return found;
}

const PAGE_NUMBER = /^(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?$|^page\s+\d+(?:\s+of\s+\d+)?$/i;

/** A line of the top or bottom margin made only of repeated segments and page numbers. */
function isFurniture(page: PdfPage, line: Line, repeated: Set<string>): boolean {
  const keys = furnitureKeys(page, line);
  return keys.length > 0 && keys.every((key, index) => repeated.has(key) || PAGE_NUMBER.test(line.segments[index]));
}

/**
 * Index of the first line of the page's footnotes: the lines under the body
 * set in smaller type, the first of them starting with a number.
 */
function footnoteBlockStart(lines: Line[], bodySize: number): number {
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].size >= 0.92 * bodySize) break;
    if (startsFootnote(lines[i])) start = i;
  }
  return start;
}

function startsFootnote(line: Line): boolean {
  return line.startsWithNumber || /^\d{1,3}\s+\S/.test(line.text) || new RegExp(`^[${SUPERSCRIPT}]+\\s*\\S`).test(line.text);
}

/**
 * The body's lines cut into runs of body text and runs of footnotes: a run
 * of footnotes is set smaller than the body and starts with a note number.
 */
function bodyAndNoteRuns(lines: Line[], bodySize: number): Array<{ notes: boolean; lines: Line[] }> {
  const runs: Array<{ notes: boolean; lines: Line[] }> = [];
  for (const line of lines) {
    const small = line.size < 0.92 * bodySize;
    const last = runs[runs.length - 1];
    const notes = small && (last?.notes || startsFootnote(line));
    if (last && last.notes === notes) last.lines.push(line);
    else runs.push({ notes, lines: [line] });
  }
  return runs;
}

/** The number a footnote line starts with. */
function noteNumber(line: Line): number | undefined {
  const plain = /^(\d{1,3})\s/.exec(line.text);
  if (plain) return Number(plain[1]);
  const raised = new RegExp(`^([${SUPERSCRIPT}]+)`).exec(line.text);
  return raised ? Number([...raised[1]].map((char) => SUPERSCRIPT.indexOf(char)).join('')) : undefined;
}

/**
 * One block per footnote, its wrapped lines joined. Where the notes' numbers
 * are raised, only a raised number starts a note: a line that wraps to start
 * with a figure ("3 December 2019", "12 States …") goes on the note before.
 * Where they are not, a figure starts a note only when it is the next number.
 */
function footnotes(lines: Line[]): string[] {
  const notes: string[] = [];
  const raised = lines.some((line) => line.startsWithNumber);
  let previous: number | undefined;
  for (const line of lines) {
    const number = noteNumber(line);
    const starts = raised ? line.startsWithNumber : startsFootnote(line) && (previous === undefined || number === previous + 1);
    if (starts) previous = number;
    if (starts || notes.length === 0) {
      const match = /^(\d{1,3})\s+(.*)$/.exec(line.text);
      notes.push(match ? `${toSuperscript(match[1])} ${match[2]}` : line.text.replace(new RegExp(`^([${SUPERSCRIPT}]+)\\s*`), '$1 '));
    } else {
      notes[notes.length - 1] = joinLines(notes[notes.length - 1], line.text);
    }
  }
  return notes;
}

/** A numbered paragraph, a lettered heading, a bullet or a lettered item starts a paragraph of its own. */
const STARTS_BLOCK = /^(?:\d{1,4}(?:\s?(?:bis|ter|quater)|[a-z])?\.\s|[A-Z]\.\s|[IVX]{2,4}\.\s|[•▪◦‣-](?:\s|$)|\((?:[a-z]{1,2}|[ivxl]{1,6})\)\s)/;

const MAX_DISPLAY_LENGTH = 200;

/**
 * Body lines joined into paragraphs: a new one after a wider gap, a change of
 * type size, or a line that starts one. A short paragraph set larger than the
 * body (a title) is marked **bold**, as the parser reads titles.
 */
function paragraphs(lines: Line[], leading: number, bodySize: number): string[] {
  const blocks: Array<{ text: string; size: number }> = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const gap = previous ? previous.y - line.y : Infinity;
    const sizeChanged = previous !== undefined && Math.abs(previous.size - line.size) > 0.1 * bodySize;
    if (!previous || gap > 1.35 * leading || gap < 0 || sizeChanged || STARTS_BLOCK.test(line.text)) blocks.push({ text: line.text, size: line.size });
    else blocks[blocks.length - 1].text = joinLines(blocks[blocks.length - 1].text, line.text);
    previous = line;
  }
  return blocks.map(({ text, size }) => (size > 1.1 * bodySize && text.length <= MAX_DISPLAY_LENGTH && !text.includes('*') ? `**${text}**` : text));
}

/** Two wrapped lines as one: a soft hyphen at the end goes, a hard one ("well-" "known") stays without a space. */
function joinLines(before: string, after: string): string {
  if (before.endsWith('\u00AD')) return before.slice(0, -1) + after;
  if (/\p{L}-$/u.test(before)) return before + after;
  return `${before} ${after}`;
}
