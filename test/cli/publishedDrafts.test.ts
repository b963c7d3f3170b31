// dist/cli.js on PDF and Word drafts, made at test time from our sample draft.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { sampleDocx, samplePdf } from '../support/publishedDrafts';
import { repoRoot, samplesDir } from '../support/paths';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const sampleText = fs.readFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), 'utf8');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface IndexedParagraph {
  number: string;
  text: string;
  range: { start: { line: number; column: number } };
}

describe('oewg-cite on PDF and Word drafts', function () {
  this.timeout(60000);
  let dir: string;
  before(async () => {
    dir = makeTempDir('cli-published');
    fs.writeFileSync(path.join(dir, 'zero-draft.pdf'), (await samplePdf(sampleText)).bytes);
    fs.writeFileSync(path.join(dir, 'zero-draft.docx'), await sampleDocx(sampleText));
    fs.copyFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), path.join(dir, 'zero-draft.txt'));
    fs.copyFileSync(path.join(samplesDir, 'drafts', 'first-draft.md'), path.join(dir, 'first-draft.md'));
    fs.writeFileSync(path.join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF truncated');
    fs.writeFileSync(path.join(dir, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'We welcome para 17 of the Zero Draft, but para 130 does not exist.\n');
  });
  after(() => removeDir(dir));

  for (const name of ['zero-draft.pdf', 'zero-draft.docx']) {
    it(`index ${name} --json: the paragraphs of the text draft, with ranges into the text --text prints`, () => {
      const fromText = JSON.parse(run(['index', 'zero-draft.txt', '--json'], dir).stdout) as { paragraphs: IndexedParagraph[] };
      const result = run(['index', name, '--json'], dir);
      assert.equal(result.code, 0, result.stderr);
      const indexed = JSON.parse(result.stdout) as { paragraphs: IndexedParagraph[]; problems: unknown[] };
      assert.deepEqual(indexed.paragraphs.map((p) => [p.number, p.text]), fromText.paragraphs.map((p) => [p.number, p.text]));
      assert.deepEqual(indexed.problems, []);
      const text = run(['index', name, '--text'], dir).stdout.split('\n');
      const para17 = indexed.paragraphs.find((p) => p.number === '17')!;
      assert.match(text[para17.range.start.line - 1].slice(para17.range.start.column - 1), /^17\. States reaffirmed/);
    });
  }

  it('index of a broken PDF or Word file: exit 2 and why', () => {
    const pdf = run(['index', 'broken.pdf'], dir);
    assert.equal(pdf.code, 2);
    assert.equal(pdf.stdout, '');
    assert.match(pdf.stderr, /^oewg-cite: cannot read broken\.pdf: the PDF (is damaged or truncated|cannot be read)/);
    const docx = run(['index', 'broken.docx', '--json'], dir);
    assert.equal(docx.code, 2);
    assert.match(docx.stderr, /^oewg-cite: cannot read broken\.docx: not a Word \.docx file, or a damaged one/);
  });

  it('check --draft x.pdf: citations checked against the PDF draft', () => {
    const result = run(['check', 'notes.md', '--draft', 'zero-draft.pdf'], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout.trim(), 'notes.md:1:43 error missing-paragraph para 130: the Zero Draft has paragraphs 1–59');
  });

  it('check with a broken draft: says why it cannot be read, and checks against the others', () => {
    const result = run(['check', 'notes.md', '--draft', 'broken.pdf', '--draft', 'zero-draft.docx', '--current', 'zero-draft'], dir);
    assert.match(result.stderr, /^oewg-cite: cannot read .*broken\.pdf: the PDF (is damaged or truncated|cannot be read)/m);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^notes\.md:1:43 error missing-paragraph para 130: the Zero Draft has paragraphs 1–59$/m);
  });

  it('keeps the text it read in the cache directory and reads it from there next time; --no-cache neither reads nor writes it', () => {
    const cacheDir = path.join(dir, 'cache');
    const env = { OEWG_CITE_CACHE_DIR: cacheDir };
    const entries = () => (fs.existsSync(path.join(cacheDir, 'extracted')) ? fs.readdirSync(path.join(cacheDir, 'extracted')) : []);
    const uncached = run(['index', 'zero-draft.pdf', '--text', '--no-cache'], dir, env);
    assert.equal(uncached.code, 0, uncached.stderr);
    assert.deepEqual(entries(), [], '--no-cache writes nothing');
    const first = run(['index', 'zero-draft.pdf', '--text'], dir, env);
    assert.deepEqual(entries().length, 1);
    const [entry] = entries();
    const kept = fs.readFileSync(path.join(cacheDir, 'extracted', entry), 'utf8');
    const second = run(['index', 'zero-draft.pdf', '--text'], dir, env);
    for (const result of [first, second]) {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, uncached.stdout);
      assert.equal(result.stderr, '', 'nothing said about the cache');
    }
    // What the second run read came from the cache: made unreadable, the entry is replaced by a fresh reading.
    fs.writeFileSync(path.join(cacheDir, 'extracted', entry), '{"cut short');
    const afterDamage = run(['check', 'notes.md', '--draft', 'zero-draft.pdf'], dir, env);
    assert.equal(afterDamage.stdout.trim(), 'notes.md:1:43 error missing-paragraph para 130: the Zero Draft has paragraphs 1–59');
    assert.equal(fs.readFileSync(path.join(cacheDir, 'extracted', entry), 'utf8'), kept);
  });

  it('compare a PDF draft with a Markdown one', () => {
    const result = run(['compare', 'zero-draft.pdf', 'first-draft.md', '--format', 'json'], dir);
    assert.equal(result.code, 0, result.stderr);
    const fromText = JSON.parse(run(['compare', 'zero-draft.txt', 'first-draft.md', '--format', 'json'], dir).stdout);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.links ?? report, fromText.links ?? fromText);
  });
});
