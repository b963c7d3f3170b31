// Our own sample draft (samples/drafts/zero-draft.txt) published as the UN
// publishes drafts, made at test time with independent writer libraries:
// a PDF laid out like a UN document (pdf-lib, standard fonts: running heads,
// page numbers, hanging paragraph numbers, raised footnote markers, footnotes
// at the foot of the page, paragraphs broken across pages) and a Word file
// (docx) whose paragraph numbers, section letters and bullets are Word list
// numbering — not in the text, as in real Word drafts.
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph as WordParagraph,
  TextRun,
} from 'docx';
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb } from 'pdf-lib';

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT_RUN = new RegExp(`[${SUPERSCRIPTS}]+`, 'g');

/** A block of the sample draft, read simply (this is the test's own reading, not the parser's). */
export type SampleBlock =
  | { kind: 'title'; text: string }
  | { kind: 'section'; letter: string; title: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'numbered'; number: string; text: string; italic: boolean }
  | { kind: 'bullet'; text: string }
  | { kind: 'text'; text: string };

export interface SampleDraft {
  blocks: SampleBlock[];
  /** Footnote texts by number. */
  footnotes: Map<string, string>;
}

function fromSuperscript(digits: string): string {
  return [...digits].map((char) => String(SUPERSCRIPTS.indexOf(char))).join('');
}

export function readSampleDraft(source: string): SampleDraft {
  const blocks: SampleBlock[] = [];
  const footnotes = new Map<string, string>();
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.startsWith('**')) {
      let title = line;
      while (!title.endsWith('**') || title === '**') title += ` ${lines[++i].trim()}`;
      blocks.push({ kind: 'title', text: title.replace(/\*\*/g, '') });
      continue;
    }
    const footnote = new RegExp(`^([${SUPERSCRIPTS}]+) (.*)$`).exec(line);
    if (footnote) {
      footnotes.set(fromSuperscript(footnote[1]), footnote[2]);
      continue;
    }
    const numbered = /^(\d+)\. (.*)$/.exec(line);
    if (numbered) {
      const italic = /^\*[^*].*\*$/.test(numbered[2]);
      blocks.push({ kind: 'numbered', number: numbered[1], text: italic ? numbered[2].slice(1, -1) : numbered[2], italic });
      continue;
    }
    const section = /^([A-Z])\. (.*)$/.exec(line);
    if (section) blocks.push({ kind: 'section', letter: section[1], title: section[2] });
    else if (line === '-' || line.startsWith('- ')) blocks.push({ kind: 'bullet', text: line.slice(2) });
    else if (!/[.:;]$/.test(line) && line.split(' ').length <= 8 && blocks.length > 1) blocks.push({ kind: 'subheading', text: line });
    else blocks.push({ kind: 'text', text: line });
  }
  return { blocks, footnotes };
}

// ---------------------------------------------------------------- PDF

interface Fonts {
  regular: PDFFont;
  italic: PDFFont;
  bold: PDFFont;
  boldItalic: PDFFont;
}

/** One word as drawn: its text, and the footnote markers raised after it. */
interface Word {
  text: string;
  markers: string;
}

const PAGE = { width: 595, height: 842, left: 72, right: 523, top: 760, bottom: 72 };
const BODY = { size: 11, leading: 14, gap: 8 };
const NOTE = { size: 9, leading: 11, markerSize: 6 };
export const PDF_SYMBOL = 'A/AC.290/2021/CRP.1';
export const PDF_RUNNING_HEAD = 'Draft Substantive Report [Zero Draft]';

export interface PublishedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Numbers of the paragraphs that a page break cuts in two. */
  brokenParagraphs: string[];
}

/** The sample draft as a UN-style PDF. */
export async function samplePdf(source: string): Promise<PublishedPdf> {
  const draft = readSampleDraft(source);
  const pdf = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    boldItalic: await pdf.embedFont(StandardFonts.HelveticaBoldOblique),
  };
  const brokenParagraphs: string[] = [];
  let page!: PDFPage;
  let y = 0;
  let pageNotes: string[] = [];
  const notesHeight = (notes: string[]) => (notes.length ? 14 + notes.reduce((sum, number) => sum + wrap(words(draft.footnotes.get(number)!), fonts.regular, NOTE.size, PAGE.right - PAGE.left - 10).length * NOTE.leading, 0) : 0);

  const finishPage = () => {
    if (!page) return;
    const number = pdf.getPageCount();
    if (pageNotes.length) {
      let noteY = PAGE.bottom + notesHeight(pageNotes) - 14;
      page.drawLine({ start: { x: PAGE.left, y: noteY + 10 }, end: { x: PAGE.left + 120, y: noteY + 10 }, thickness: 0.5, color: rgb(0, 0, 0) });
      for (const note of pageNotes) {
        page.drawText(note, { x: PAGE.left, y: noteY + 3, size: NOTE.markerSize, font: fonts.regular });
        for (const line of wrap(words(draft.footnotes.get(note)!), fonts.regular, NOTE.size, PAGE.right - PAGE.left - 10)) {
          drawLine(page, line, PAGE.left + 10, noteY, fonts.regular, NOTE.size);
          noteY -= NOTE.leading;
        }
      }
    }
    // Running heads and the page number, as on UN documents.
    const symbolFont = fonts.bold;
    const symbolX = number % 2 === 1 ? PAGE.right - symbolFont.widthOfTextAtSize(PDF_SYMBOL, 9) : PAGE.left;
    page.drawText(PDF_SYMBOL, { x: symbolX, y: 800, size: 9, font: symbolFont });
    if (number > 1) page.drawText(PDF_RUNNING_HEAD, { x: number % 2 === 1 ? PAGE.left : PAGE.right - fonts.regular.widthOfTextAtSize(PDF_RUNNING_HEAD, 9), y: 800, size: 9, font: fonts.regular });
    const folio = String(number);
    page.drawText(folio, { x: (PAGE.width - fonts.regular.widthOfTextAtSize(folio, 9)) / 2, y: 40, size: 9, font: fonts.regular });
  };
  const newPage = () => {
    finishPage();
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.top;
    pageNotes = [];
  };
  newPage();

  /** Draws the block's lines from x (first line from firstX), breaking the page where needed. */
  const drawBlock = (lines: Word[][], x: number, font: PDFFont, size: number, leading: number, label?: { text: string; x: number; font: PDFFont }, number?: string) => {
    lines.forEach((line, index) => {
      const notes = line.flatMap((word) => (word.markers ? [fromSuperscript(word.markers)] : []));
      const needed = leading + notesHeight([...pageNotes, ...notes]);
      if (y - needed < PAGE.bottom) {
        if (index > 0 && number) brokenParagraphs.push(number);
        newPage();
      }
      if (index === 0 && label) page.drawText(label.text, { x: label.x, y, size, font: label.font });
      drawLine(page, line, x, y, font, size);
      pageNotes.push(...notes);
      y -= leading;
    });
    y -= BODY.gap;
  };

  for (const block of draft.blocks) {
    switch (block.kind) {
      case 'title':
        for (const line of wrap(words(block.text), fonts.bold, 13, PAGE.right - PAGE.left)) {
          drawLine(page, line, PAGE.left, y, fonts.bold, 13);
          y -= 16;
        }
        y -= BODY.gap;
        break;
      case 'section':
        y -= 4;
        drawBlock([words(block.title)], PAGE.left + 28, fonts.bold, BODY.size, BODY.leading, { text: `${block.letter}.`, x: PAGE.left, font: fonts.bold });
        break;
      case 'subheading':
        drawBlock([words(block.text)], PAGE.left + 28, fonts.boldItalic, BODY.size, BODY.leading);
        break;
      case 'numbered': {
        const font = block.italic ? fonts.italic : fonts.regular;
        drawBlock(wrap(words(block.text), font, BODY.size, PAGE.right - PAGE.left - 28), PAGE.left + 28, font, BODY.size, BODY.leading, { text: `${block.number}.`, x: PAGE.left, font }, block.number);
        break;
      }
      case 'bullet':
        drawBlock(wrap(words(block.text), fonts.regular, BODY.size, PAGE.right - PAGE.left - 50), PAGE.left + 50, fonts.regular, BODY.size, BODY.leading, { text: '•', x: PAGE.left + 38, font: fonts.regular });
        break;
      case 'text':
        drawBlock(wrap(words(block.text), fonts.regular, BODY.size, PAGE.right - PAGE.left), PAGE.left, fonts.regular, BODY.size, BODY.leading);
        break;
    }
  }
  finishPage();
  return { bytes: await pdf.save(), pages: pdf.getPageCount(), brokenParagraphs };
}

function words(text: string): Word[] {
  return text.split(' ').map((token) => {
    const markers = (token.match(SUPERSCRIPT_RUN) ?? []).join('');
    return { text: token.replace(SUPERSCRIPT_RUN, ''), markers };
  });
}

function wrap(all: Word[], font: PDFFont, size: number, width: number): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  for (const word of all.flatMap((whole) => breakLongWord(whole, font, size, width))) {
    const candidate = [...line, word];
    if (line.length && font.widthOfTextAtSize(candidate.map((w) => w.text).join(' '), size) > width) {
      lines.push(line);
      line = [word];
    } else line = candidate;
  }
  if (line.length) lines.push(line);
  return lines;
}

/** A word wider than the line (a long address) is broken after hyphens, as a typesetter does. */
function breakLongWord(word: Word, font: PDFFont, size: number, width: number): Word[] {
  if (font.widthOfTextAtSize(word.text, size) <= width) return [word];
  const pieces: Word[] = [];
  let piece = '';
  for (const part of word.text.split(/(?<=[a-z]-)/)) {
    if (piece && font.widthOfTextAtSize(piece + part, size) > width) {
      pieces.push({ text: piece, markers: '' });
      piece = '';
    }
    piece += part;
  }
  pieces.push({ text: piece, markers: word.markers });
  return pieces;
}

/** A line of words; each footnote marker is drawn smaller and raised, right after its word. */
function drawLine(page: PDFPage, line: Word[], x: number, y: number, font: PDFFont, size: number): void {
  let text = '';
  let at = x;
  const flush = () => {
    if (text === '') return;
    page.drawText(text, { x: at, y, size, font });
    at += font.widthOfTextAtSize(text, size);
    text = '';
  };
  line.forEach((word, index) => {
    text += (index > 0 ? ' ' : '') + word.text;
    if (word.markers) {
      flush();
      const marker = fromSuperscript(word.markers);
      page.drawText(marker, { x: at + 0.5, y: y + size * 0.4, size: size * 0.6, font });
      at += font.widthOfTextAtSize(marker, size * 0.6) + 0.5;
    }
  });
  flush();
}

// ---------------------------------------------------------------- Word

/** The sample draft as a Word file whose paragraph numbers, section letters and bullets are list numbering. */
export async function sampleDocx(source: string): Promise<Uint8Array> {
  const draft = readSampleDraft(source);
  const runs = (text: string, italic = false) => {
    const parts: Array<TextRun | FootnoteReferenceRun> = [];
    let from = 0;
    for (const match of text.matchAll(SUPERSCRIPT_RUN)) {
      parts.push(new TextRun({ text: text.slice(from, match.index), italics: italic }));
      parts.push(new FootnoteReferenceRun(Number(fromSuperscript(match[0]))));
      from = match.index! + match[0].length;
    }
    parts.push(new TextRun({ text: text.slice(from), italics: italic }));
    return parts;
  };
  const children = draft.blocks.map((block) => {
    switch (block.kind) {
      case 'title':
        return new WordParagraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: block.text, bold: true })] });
      case 'section':
        return new WordParagraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: 'sections', level: 0 }, children: [new TextRun(block.title)] });
      case 'subheading':
        return new WordParagraph({ children: [new TextRun({ text: block.text, bold: true, italics: true })] });
      case 'numbered':
        return new WordParagraph({ numbering: { reference: 'paragraphs', level: 0 }, children: runs(block.text, block.italic) });
      case 'bullet':
        return new WordParagraph({ numbering: { reference: 'bullets', level: 0 }, children: runs(block.text) });
      case 'text':
        return new WordParagraph({ children: runs(block.text) });
    }
  });
  const footnotes: Record<string, { children: WordParagraph[] }> = {};
  for (const [number, text] of draft.footnotes) footnotes[number] = { children: [new WordParagraph(text)] };
  const document = new Document({
    numbering: {
      config: [
        { reference: 'paragraphs', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
        { reference: 'sections', levels: [{ level: 0, format: LevelFormat.UPPER_LETTER, text: '%1.', alignment: AlignmentType.LEFT }] },
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT }] },
      ],
    },
    footnotes,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
