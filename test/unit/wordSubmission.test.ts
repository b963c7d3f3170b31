// A Word submission's text (wordText.ts, as the extraction worker reads it)
// and how findings in it are located (wordSubmission.ts): by Word paragraph
// or footnote, with an excerpt. The .docx is made at test time.
import { strict as assert } from 'assert';
import { docxToText } from '../../server/src/core/wordText';
import { describeWordLocation, excerptOf, locateInWord, wordPlaces } from '../../server/src/core/wordSubmission';
import { wordSubmission, WORD_SUBMISSION_PARAGRAPHS } from '../support/wordSubmission';

describe('Word submissions', () => {
  let text: string;
  before(async () => {
    text = await docxToText(await wordSubmission());
  });

  it('read with the tracked changes accepted and without the comment, one paragraph per block, the footnote after its paragraph', () => {
    assert.equal(text, `# ${WORD_SUBMISSION_PARAGRAPHS.join('\n\n')}\n\n¹ As in para 888 of the Zero Draft.\n`);
  });

  it('are cut into the paragraphs with text, counted from 1, and the footnotes', () => {
    assert.deepEqual(
      wordPlaces(text).map((place) => [place.paragraph ?? `fn ${place.footnote}`, text.slice(place.span.start, place.span.end)]),
      [
        [1, '# Comments on the Zero Draft'],
        [2, WORD_SUBMISSION_PARAGRAPHS[1]],
        [3, WORD_SUBMISSION_PARAGRAPHS[2]],
        [4, WORD_SUBMISSION_PARAGRAPHS[3]],
        ['fn 1', '¹ As in para 888 of the Zero Draft.'],
      ],
    );
  });

  it('locate a span by its paragraph or footnote, with whole words around it', () => {
    const places = wordPlaces(text);
    const at = (needle: string) => {
      const start = text.indexOf(needle);
      return locateInWord(text, places, { start, end: start + needle.length });
    };
    assert.deepEqual(at('para 130'), { paragraph: 3, footnote: undefined, excerpt: 'We support para 130 of the Zero Draft, which …' });
    assert.equal(describeWordLocation(at('para 130')), '¶ 3');
    assert.deepEqual(at('para 888'), { paragraph: undefined, footnote: '1', excerpt: '¹ As in para 888 of the Zero Draft.' });
    assert.equal(describeWordLocation(at('para 888')), 'footnote 1');
    assert.equal(at('strengthened').excerpt, '… Zero Draft, which should be strengthened.');
  });

  it('cut a long paragraph at words on both sides of the excerpt', () => {
    const long = 'The Group recalled that the framework of responsible State behaviour rests on para 12 of the Zero Draft and on the reports adopted by consensus since 2010.';
    const start = long.indexOf('para 12');
    assert.equal(excerptOf(long, { start: 0, end: long.length }, { start, end: start + 7 }), '… State behaviour rests on para 12 of the Zero Draft and on the …');
  });
});
