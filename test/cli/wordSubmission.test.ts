// `oewg-cite check response.docx`: a Word submission, made at test time,
// checked like a text one, each finding located by its Word paragraph (or
// footnote) and an excerpt; tracked changes read as accepted, comments left out.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { copySamples, removeDir } from '../support/tempWorkspace';
import { wordSubmission, WORD_SUBMISSION_PARAGRAPHS } from '../support/wordSubmission';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, ...args, '--no-cache'], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const WORD_LINE = /^(?<file>\S+) (?<where>¶ \d+|footnote \d+) (?<severity>error|warning|information|hint) (?<code>[a-z-]+) (?<message>.+) — “(?<excerpt>.+)”$/;

describe('oewg-cite check on a Word submission', function () {
  this.timeout(120_000);
  let dir: string;
  let docx: Uint8Array;

  before(async () => {
    dir = copySamples();
    docx = await wordSubmission();
    fs.writeFileSync(path.join(dir, 'submissions', 'response.docx'), docx);
  });
  after(() => removeDir(dir));

  it('is a real Word file with a tracked deletion, a tracked insertion and a comment', async () => {
    const zip = await JSZip.loadAsync(docx);
    const body = await zip.file('word/document.xml')!.async('string');
    assert.match(body, /<w:del\b[^>]*>[\s\S]*?<w:delText[^>]*>999<\/w:delText>/);
    assert.match(body, /<w:ins\b[^>]*>[\s\S]*?<w:t[^>]*>130<\/w:t>/);
    assert.match(await zip.file('word/comments.xml')!.async('string'), /para 777/);
  });

  it('locates each finding by Word paragraph or footnote, with an excerpt; reads changes as accepted, comments not at all', () => {
    const { code, stdout, stderr } = run(['check', 'submissions/response.docx'], dir);
    assert.equal(code, 1, stderr);
    const lines = stdout.trim().split('\n');
    for (const line of lines) assert.match(line, WORD_LINE);
    const found = lines.map((line) => WORD_LINE.exec(line)!.groups!);
    assert.deepEqual(
      found.filter((finding) => finding.code === 'missing-paragraph').map((finding) => [finding.file, finding.where, finding.message, finding.excerpt]),
      [
        [path.join('submissions', 'response.docx'), '¶ 3', 'para 130: the Zero Draft has paragraphs 1–59', 'We support para 130 of the Zero Draft, which …'],
        [path.join('submissions', 'response.docx'), 'footnote 1', 'para 888: the Zero Draft has paragraphs 1–59', '¹ As in para 888 of the Zero Draft.'],
      ],
    );
    // The deleted "999" and the comment's "para 777" are not part of the text.
    assert.doesNotMatch(stdout, /999|777/);
    assert.match(stderr, /1 file checked, 2 errors/);
  });

  it('gives the same findings as the same submission written as Markdown', () => {
    const markdown = `${WORD_SUBMISSION_PARAGRAPHS.join('\n\n').replace('12.¹', '12.[^1]')}\n\n[^1]: As in para 888 of the Zero Draft.\n`.replace(/^Comments/, '# Comments');
    fs.writeFileSync(path.join(dir, 'submissions', 'response-as-text.md'), markdown);
    const fromWord = JSON.parse(run(['check', '--format', 'json', 'submissions/response.docx'], dir).stdout) as Array<Record<string, unknown>>;
    const fromText = JSON.parse(run(['check', '--format', 'json', 'submissions/response-as-text.md'], dir).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      fromWord.map((finding) => [finding.code, finding.message]),
      fromText.map((finding) => [finding.code, finding.message]),
    );
    assert.ok(fromWord.length >= 2);
    for (const finding of fromWord) {
      assert.deepEqual(Object.keys(finding).sort(), [...(finding.footnote ? ['footnote'] : ['paragraph']), 'code', 'excerpt', 'file', 'message', 'severity'].sort());
    }
    assert.deepEqual(
      fromWord.filter((finding) => finding.code === 'missing-paragraph').map((finding) => [finding.paragraph, finding.footnote, finding.excerpt]),
      [
        [3, undefined, 'We support para 130 of the Zero Draft, which …'],
        [undefined, '1', '¹ As in para 888 of the Zero Draft.'],
      ],
    );
  });

  it('says why a damaged Word file cannot be read, and exits 2', () => {
    fs.writeFileSync(path.join(dir, 'submissions', 'broken.docx'), 'not a zip at all');
    const { code, stdout, stderr } = run(['check', 'submissions/broken.docx'], dir);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^oewg-cite: cannot read submissions\/broken\.docx: not a Word \.docx file/);
  });
});
