// Footnotes set in small type between paragraphs, as some UN drafts print
// them: right under the paragraph that cites them, their numbers small and
// raised, the markers in the body small raised digits in the body font. The
// draft is written at test time with pdf-lib, in the OEWG style, with eleven
// footnotes: three in a row under one paragraph, notes of two lines, notes
// that start with a year or a symbol, two-digit numbers. Every footnote must
// come out with its number and text, none merged, lost or renumbered, and
// none of its text inside a paragraph.
import { strict as assert } from 'assert';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import { parseDraft } from '../../server/src/core/draftParser';
import { extractDraftText } from '../../server/src/core/extractText';

interface Block {
  number: string;
  /** The paragraph, footnote markers written "^n". */
  text: string;
  /** Footnotes printed right under it. */
  notes: Array<[string, string]>;
}

const DRAFT: Block[] = [
  {
    number: '1',
    text: 'The Group recalled the resolutions^1 that set out its mandate and the reports^2 of earlier groups of governmental experts, which States have called upon one another to be guided by.^3',
    notes: [
      ['1', 'A/RES/73/27 and A/RES/75/240.'],
      ['2', 'A/65/201, A/68/98* and A/70/174.'],
      ['3', 'General Assembly resolution 70/237, operative paragraph 2.'],
    ],
  },
  {
    number: '2',
    text: 'States noted that the norms of responsible State behaviour^4 are voluntary and non-binding, and that they reflect the expectations of the international community.',
    notes: [['4', '2015 report of the Group of Governmental Experts, paragraph 13, which sets out eleven voluntary, non-binding norms of responsible State behaviour in the use of ICTs.']],
  },
  {
    number: '3',
    text: 'States stressed that capacity-building^5 should be demand-driven, gender-sensitive and respectful of human rights.',
    notes: [['5', 'See the principles listed in paragraph 11 of this report.']],
  },
  {
    number: '4',
    text: 'Several States proposed a programme of action^6 and others a standing body;^7 the Group did not settle the question.',
    notes: [
      ['6', 'A/C.1/75/L.8/Rev.1.'],
      ['7', '12 States co-sponsored a working paper on a standing body.'],
    ],
  },
  {
    number: '5',
    text: 'The Group welcomed the contributions of regional organizations,^8 civil society^9 and the technical community,^10 and noted the value of their continued engagement in future processes.^11',
    notes: [
      ['8', 'Including the African Union, the ASEAN Regional Forum, the European Union, the Organization of American States and the OSCE.'],
      ['9', 'Written contributions are available on the website of the Group.'],
      ['10', 'Informal consultations with non-governmental stakeholders were held in New York on 2 and\n3 December 2019.'],
      ['11', 'A/AC.290/2021/CRP.2, paragraph 73.'],
    ],
  },
];

const PAGE = { width: 595, height: 842, left: 72, right: 523, top: 760 };
const BODY = { size: 11, leading: 14, gap: 10 };
const NOTE = { size: 8, leading: 10, markerSize: 5.5 };

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    const visible = candidate.replace(/\^\d+/g, '');
    if (line && font.widthOfTextAtSize(visible, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** A body line; "^n" is drawn as a small raised number in the body font. */
function drawBody(page: PDFPage, line: string, x: number, y: number, font: PDFFont): void {
  let at = x;
  for (const piece of line.split(/(\^\d+)/)) {
    if (piece === '') continue;
    const marker = /^\^(\d+)$/.exec(piece);
    if (marker) {
      page.drawText(marker[1], { x: at + 0.4, y: y + BODY.size * 0.4, size: BODY.size * 0.58, font });
      at += font.widthOfTextAtSize(marker[1], BODY.size * 0.58) + 0.4;
    } else {
      page.drawText(piece, { x: at, y, size: BODY.size, font });
      at += font.widthOfTextAtSize(piece, BODY.size);
    }
  }
}

/** Numbers of the notes raised in small type, or set on the note's baseline in note type. */
async function draftPdf(numbers: 'raised' | 'on the line'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.top;
  page.drawText('Draft report of the Open-ended Working Group', { x: PAGE.left, y, size: 14, font: bold });
  y -= 30;
  page.drawText('A.', { x: PAGE.left, y, size: BODY.size, font: bold });
  page.drawText('Introduction', { x: PAGE.left + 28, y, size: BODY.size, font: bold });
  y -= BODY.leading + BODY.gap;
  for (const block of DRAFT) {
    page.drawText(`${block.number}.`, { x: PAGE.left, y, size: BODY.size, font: regular });
    for (const line of wrap(block.text, regular, BODY.size, PAGE.right - PAGE.left - 28)) {
      drawBody(page, line, PAGE.left + 28, y, regular);
      y -= BODY.leading;
    }
    y -= 4;
    for (const [number, text] of block.notes) {
      if (numbers === 'raised') page.drawText(number, { x: PAGE.left + 28, y: y + NOTE.size * 0.4, size: NOTE.markerSize, font: regular });
      else page.drawText(number, { x: PAGE.left + 28, y, size: NOTE.size, font: regular });
      // A line break written in the note is the typesetter's: the next line may start with a figure.
      for (const line of text.split('\n').flatMap((part) => wrap(part, regular, NOTE.size, PAGE.right - PAGE.left - 40))) {
        page.drawText(line, { x: PAGE.left + 36, y, size: NOTE.size, font: regular });
        y -= NOTE.leading;
      }
    }
    y -= BODY.gap;
  }
  return pdf.save();
}

for (const numbers of ['raised', 'on the line'] as const) {
  describe(`a PDF whose footnotes stand in small type between paragraphs, their numbers ${numbers}`, function () {
    this.timeout(60000);
    let text: string;
    before(async () => {
      text = (await extractDraftText('draft.pdf', await draftPdf(numbers))).text;
    });

    it('gives every footnote with its number and its whole text, none merged, lost or renumbered', () => {
      const draft = parseDraft(text);
      const expected = DRAFT.flatMap((block) => block.notes.map(([number, note]) => `${number} ${note.replace('\n', ' ')}`));
      assert.equal(expected.length, 11);
      assert.deepEqual(
        draft.footnotes.map((footnote) => `${footnote.number} ${footnote.text}`),
        expected,
        text,
      );
    });

    it('keeps every paragraph whole, its markers in place and no footnote text inside it', () => {
      const draft = parseDraft(text);
      assert.deepEqual(
        draft.paragraphs.map((paragraph) => [paragraph.number, paragraph.text, paragraph.footnoteRefs]),
        DRAFT.map((block) => [block.number, block.text.replace(/\^\d+/g, ''), block.notes.map(([number]) => number)]),
        text,
      );
      assert.deepEqual(draft.problems.map((problem) => problem.message), []);
    });
  });
}
