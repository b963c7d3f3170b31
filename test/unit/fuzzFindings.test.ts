// What `npm run fuzz` found in the core, kept as regression tests.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { samplesDir } from '../support/paths';

const ROOT = '/fuzz-findings';
const SAMPLE_FILES = ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md', 'submissions/response-to-zero-draft.md'];

describe('fuzzer findings in the core', () => {
  const disk = Object.fromEntries(SAMPLE_FILES.map((name) => [`${ROOT}/${name}`, fs.readFileSync(path.join(samplesDir, name), 'utf8')]));
  const submission = `${ROOT}/submissions/response-to-zero-draft.md`;
  const zero = `${ROOT}/drafts/zero-draft.txt`;

  it('a quotation of a paragraph cut down to one letter: a finding, not a TypeError', () => {
    // The sample response quotes para 13 of the Zero Draft: “could have grave humanitarian consequences”.
    // A paragraph typed into the draft just after "13. S" left para 13 the one word "S": aligning the quote
    // with it ended one token past the paragraph's last word, and trimming the alignment's edges read that
    // token (npm run fuzz: incremental edits with a draft changed on disk).
    const quote = '“could have grave humanitarian consequences”';
    const draft = disk[zero];
    const at = draft.indexOf('13. States agreed') + '13. S'.length;
    assert.ok(at > '13. S'.length, 'the sample Zero Draft has a para 13');
    const files = new MemoryFileSystem({ ...disk, [zero]: `${draft.slice(0, at)}\n\n12. A new paragraph of our own.\n${draft.slice(at)}` });
    const service = createLanguageService(files, ROOT);
    service.setDocument(submission, disk[submission], 1);
    const diagnostics = service.diagnostics(submission);
    const quoted = disk[submission].indexOf(quote);
    assert.ok(quoted > 0, 'the sample response has the quotation');
    const onQuote = diagnostics.filter((d) => d.span.start <= quoted && quoted < d.span.end && /^quote-/.test(String(d.code)));
    // The rest of the old para 13 follows the new "12.": the words are found there.
    assert.deepEqual(
      onQuote.map((d) => [d.code, d.message]),
      [['quote-elsewhere', 'quote is not in para 13; found in para 12']],
    );
  });
});
