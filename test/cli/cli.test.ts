// dist/cli.js run as a user runs it: output formats and exit codes.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as sax from 'sax';
import { alignDrafts } from '../../server/src/core/alignment';
import { changePairs, renderChangePicture } from '../../server/src/core/changePicture';
import { parseDraft } from '../../server/src/core/draftParser';
import { corpusFile, needsCorpus, repoRoot, samplesDir } from '../support/paths';
import { copySamples, makeTempDir, removeDir } from '../support/tempWorkspace';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const LINE = /^(?<file>[^:]+):(?<line>\d+):(?<column>\d+) (?<severity>error|warning|information|hint) (?<code>[a-z-]+) (?<message>.+)$/;

describe('oewg-cite check', () => {
  it('checks the samples from their folder: file:line:col severity code message, exit 1 on errors', () => {
    const { code, stdout, stderr } = run(['check'], samplesDir);
    assert.equal(code, 1, stderr);
    const lines = stdout.trim().split('\n');
    for (const line of lines) assert.match(line, LINE);
    const response = fs.readFileSync(path.join(samplesDir, 'submissions/response-to-zero-draft.md'), 'utf8').split('\n');
    const missing = lines.find((line) => line.includes('missing-paragraph para 130:'));
    assert.ok(missing, stdout);
    const { file, line, column } = LINE.exec(missing)!.groups!;
    assert.equal(file, path.join('submissions', 'response-to-zero-draft.md'));
    assert.equal(response[Number(line) - 1].slice(Number(column) - 1).slice(0, 8), 'para 130');
    assert.ok(lines.some((entry) => / information draft-not-indexed para 7 cites the Pre-draft/.test(entry)), stdout);
    assert.match(stderr, /2 files checked, \d+ errors?/);
  });

  it('prints JSON with --format json', () => {
    const { code, stdout } = run(['check', '--format', 'json', 'submissions/response-to-zero-draft.md'], samplesDir);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.ok(findings.length > 0);
    for (const finding of findings) assert.deepEqual(Object.keys(finding).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(findings.some((finding) => finding.code === 'missing-paragraph' && String(finding.message).startsWith('para 130')));
  });

  it('exits 0 when no error is found, with --draft and --current instead of a config file', function () {
    needsCorpus(this);
    const dir = makeTempDir('cli');
    try {
      fs.writeFileSync(path.join(dir, 'clean.md'), 'We welcome para 74 and paras 91-94 of the Zero Draft.\n');
      const result = run(['check', '--draft', corpusFile('zero-draft-2021.txt'), '--current', 'zero-draft', 'clean.md'], dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(result.stdout, '');
      fs.writeFileSync(path.join(dir, 'stale.md'), 'We welcome para 118.\n');
      const stale = run(['check', '--draft', corpusFile('zero-draft-2021.txt'), 'stale.md'], dir);
      assert.equal(stale.code, 1);
      assert.equal(stale.stdout.trim(), 'stale.md:1:12 error missing-paragraph para 118: the Zero Draft has paragraphs 1–117');
    } finally {
      removeDir(dir);
    }
  });

  it('exits 2 on bad usage and on a broken configuration, saying why', () => {
    const usage = run(['check', '--format', 'xml'], samplesDir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format must be text or json/);
    assert.equal(run(['frobnicate'], samplesDir).code, 2);
    assert.equal(run([], samplesDir).code, 2);
    assert.equal(run(['check', 'no-such-file.md'], samplesDir).code, 2);
    assert.equal(run(['check', '--current', 'second-draft'], samplesDir).code, 2);

    const dir = copySamples();
    try {
      fs.writeFileSync(path.join(dir, 'oewg-cite.json'), '{ "drafts": [ { "id": "zero-draft", "path": "drafts/zero-draft.txt" } ], "current": "final" }');
      const broken = run(['check', 'submissions/response-to-zero-draft.md'], dir);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /^oewg-cite\.json:1:\d+ error config-error "current" names "final"/m);
    } finally {
      removeDir(dir);
    }
  });

  it('says what is wrong with a file it cannot read (a folder, a missing file) in one line, exit 2, no stack trace', () => {
    const dir = makeTempDir('cli-input');
    try {
      fs.mkdirSync(path.join(dir, 'drafts'));
      for (const args of [['check', 'drafts'], ['index', 'drafts'], ['check', 'missing.md'], ['check', '--config', 'drafts', 'x.md']]) {
        const { code, stderr } = run(args, dir);
        assert.equal(code, 2, args.join(' '));
        assert.match(stderr, /^oewg-cite: (drafts is a folder, not a (submission|draft file|configuration file)|no such submission missing\.md)\n$/, stderr);
      }
    } finally {
      removeDir(dir);
    }
  });

  it('reads the front matter of a file saved with a byte-order mark, and says config warnings without stopping', () => {
    const dir = makeTempDir('cli-bom');
    try {
      fs.cpSync(path.join(samplesDir, 'drafts'), path.join(dir, 'drafts'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'oewg-cite.json'), JSON.stringify({
        drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }, { id: 'first-draft', label: 'First Draft', path: 'drafts/first-draft.md' }],
        severity: { 'missing-paragrap': 'off' },
      }));
      fs.writeFileSync(path.join(dir, 'notes.md'), '\ufeff---\ndraft: zero-draft\n---\n\nWe welcome para 58.\n');
      const { code, stdout, stderr } = run(['check', 'notes.md'], dir);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^notes\.md:5:12 information paragraph-renumbered para 58 of the Zero Draft is now para 53 of the First Draft$/m);
      assert.match(stderr, /^oewg-cite\.json:1:\d+ warning config-error "missing-paragrap" is not a diagnostic code/m);
    } finally {
      removeDir(dir);
    }
  });

  it('--quotes all also reports quotations that cite nothing but are found in a draft', () => {
    const dir = makeTempDir('cli-quotes');
    try {
      const paragraph = fs.readFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), 'utf8').split('\n').find((line) => line.startsWith('12. '))!;
      const words = paragraph.slice(4).split(' ').slice(0, 9).join(' ');
      fs.writeFileSync(path.join(dir, 'notes.md'), `We agree that “${words}”.\n`);
      const draft = path.join(samplesDir, 'drafts', 'zero-draft.txt');
      const plain = run(['check', '--draft', draft, 'notes.md'], dir);
      assert.equal(plain.stdout, '');
      const audited = run(['check', '--draft', draft, '--quotes', 'all', 'notes.md'], dir);
      assert.equal(audited.code, 0, audited.stderr);
      assert.match(audited.stdout.trim(), /^notes\.md:1:15 information uncited-quote quotation found in para 12 of the Zero Draft, but not cited$/);
      assert.equal(run(['check', '--quotes', 'some', 'notes.md'], dir).code, 2);
    } finally {
      removeDir(dir);
    }
  });

  it('--help prints the usage and exits 0', () => {
    const { code, stdout } = run(['--help'], samplesDir);
    assert.equal(code, 0);
    assert.match(stdout, /oewg-cite check/);
    assert.match(stdout, /missing-paragraph/);
  });
});

describe('oewg-cite compare', () => {
  it('reports where each paragraph of the sample Zero Draft went, by config ids or by files', () => {
    const byId = run(['compare', 'zero-draft', 'first-draft'], samplesDir);
    assert.equal(byId.code, 0, byId.stderr);
    assert.match(byId.stdout, /^# Zero Draft → First Draft: where each paragraph went/);
    assert.match(byId.stdout, /\| deleted \| 6 \|/);
    const byFile = run(['compare', 'drafts/zero-draft.txt', 'drafts/first-draft.md', '--format', 'json'], samplesDir);
    assert.equal(byFile.code, 0, byFile.stderr);
    const alignment = JSON.parse(byFile.stdout);
    assert.equal(alignment.fates.length, 59);
    assert.deepEqual(alignment.fates.find((fate: { older: string }) => fate.older === '13').newer, ['10', '11'], 'para 13 was split');
    assert.equal(run(['compare', 'zero-draft'], samplesDir).code, 2);
    assert.equal(run(['compare', 'zero-draft', 'second-draft'], samplesDir).code, 2);
  });

  it('writes the picture of what changed as a self-contained SVG with --format svg', () => {
    const result = run(['compare', 'zero-draft', 'first-draft', '--format', 'svg'], samplesDir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The same picture the core draws (and the editor shows) for the two drafts.
    const read = (name: string) => parseDraft(fs.readFileSync(path.join(samplesDir, 'drafts', name), 'utf8'));
    const alignment = alignDrafts(read('zero-draft.txt'), read('first-draft.md'));
    assert.equal(result.stdout, renderChangePicture(alignment, 'Zero Draft', 'First Draft'));
    // Well-formed, one line per pair.
    let pairs = 0;
    const parser = sax.parser(true, {});
    parser.onerror = (error) => assert.fail(error);
    parser.onopentag = (tag) => {
      if (tag.attributes.class === 'pair') pairs++;
    };
    parser.write(result.stdout).close();
    assert.equal(pairs, changePairs(alignment).length);
    assert.match(result.stdout, />deleted 6</);
    const bad = run(['compare', 'zero-draft', 'first-draft', '--format', 'png'], samplesDir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /markdown or svg for compare/);
  });
});

describe('oewg-cite index', () => {
  it('prints the parsed real Zero Draft as JSON: 117 paragraphs with number, section, sub-heading, text and range; footnotes', function () {
    needsCorpus(this);
    const { code, stdout } = run(['index', corpusFile('zero-draft-2021.txt'), '--json'], repoRoot);
    assert.equal(code, 0);
    const draft = JSON.parse(stdout);
    assert.equal(draft.paragraphs.length, 117);
    const p74 = draft.paragraphs[73];
    assert.equal(p74.number, '74');
    assert.deepEqual(p74.section, { letter: 'E', title: 'Confidence-building Measures' });
    assert.equal(p74.subheading, 'The OEWG recommends that');
    assert.match(p74.text, /^As a CBM, States publicly re-affirm/);
    const line = fs.readFileSync(corpusFile('zero-draft-2021.txt'), 'utf8').split('\n')[p74.range.start.line - 1];
    assert.match(line, /^74\. /);
    assert.equal(draft.footnotes.length, 11);
    assert.equal(draft.sections.length, 8);
  });

  it('prints a readable outline without --json', () => {
    const { code, stdout } = run(['index', path.join(samplesDir, 'drafts', 'zero-draft.txt')], repoRoot);
    assert.equal(code, 0);
    assert.match(stdout, /^\d+ paragraphs, 8 sections, \d+ footnotes$/m);
    assert.match(stdout, /^A\. Introduction$/m);
  });

  it('shows the first ten words of each paragraph in the outline, with "…" only when it has more', () => {
    const dir = makeTempDir('cli-outline');
    try {
      fs.writeFileSync(
        path.join(dir, 'draft.txt'),
        [
          'A. General provisions',
          '',
          '1. States reaffirm that international law applies to the use of information and communications technologies.',
          '',
          '2. Deleted.',
          '',
          'Confidence-building measures',
          '',
          '3. States   are encouraged to share\nnational views on a voluntary basis.',
          '',
        ].join('\n'),
      );
      const { code, stdout, stderr } = run(['index', 'draft.txt'], dir);
      assert.equal(code, 0, stderr);
      const outline = stdout.split('\n').filter((line) => /^ +\d+ {2}/.test(line));
      assert.deepEqual(outline, [
        '     1  States reaffirm that international law applies to the use of …',
        '     2  Deleted.',
        '     3  States are encouraged to share national views on a voluntary …',
      ]);
      assert.match(stdout, /^A\. General provisions$/m);
    } finally {
      removeDir(dir);
    }
  });
});
