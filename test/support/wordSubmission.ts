// A Word submission made at test time with the docx library, as delegations
// write them: a heading that names the draft, paragraphs citing it, a tracked
// insertion and a tracked deletion (the text reads with them accepted), a
// comment (not part of the text), an empty paragraph, and a footnote citing a
// paragraph.
import { CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, FootnoteReferenceRun, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';

const REVIEWER = { author: 'Reviewer', date: '2021-02-01T10:00:00Z' };

/** The paragraphs of the sample submission as they read with the changes accepted (the empty one left out). */
export const WORD_SUBMISSION_PARAGRAPHS = [
  'Comments on the Zero Draft',
  'We welcome para 3 of the Zero Draft and its account of the mandate.',
  'We support para 130 of the Zero Draft, which should be strengthened.',
  'Our delegation also supports paragraph 12.¹',
];

/**
 * The sample Word submission: ¶ 3 cites a paragraph the sample Zero Draft
 * lacks (130, inserted as a tracked change in place of a deleted "999"), a
 * comment names "para 777", and footnote 1 cites "para 888".
 */
export async function wordSubmission(): Promise<Uint8Array> {
  const document = new Document({
    comments: { children: [{ id: 0, author: REVIEWER.author, date: new Date(REVIEWER.date), initials: 'R', children: [new Paragraph('Should this not be para 777 of the Zero Draft?')] }] },
    footnotes: { 1: { children: [new Paragraph('As in para 888 of the Zero Draft.')] } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Comments on the Zero Draft')] }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('We welcome para 3 of the Zero Draft and its account of the mandate.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Paragraph(''),
          new Paragraph({
            children: [
              new TextRun('We support para '),
              new DeletedTextRun({ id: 1, ...REVIEWER, text: '999' }),
              new InsertedTextRun({ id: 2, ...REVIEWER, text: '130' }),
              new TextRun(' of the Zero Draft, which should be strengthened.'),
            ],
          }),
          new Paragraph({ children: [new TextRun('Our delegation also supports paragraph 12.'), new FootnoteReferenceRun(1)] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
