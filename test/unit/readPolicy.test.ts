// What the language service reads: only regular files, within size limits,
// and in an untrusted workspace nothing outside it and no PDF or Word file.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { findDraft } from '../../server/src/core/config';
import { ExtractionCache, refreshExtractedDrafts, withExtractedDrafts } from '../../server/src/core/draftExtraction';
import { extractDraftText, IN_PROCESS_EXTRACTOR } from '../../server/src/core/extractText';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService';
import type { DraftInfo } from '../../server/src/core/model';
import { MAX_SYMBOL_QUERY_LENGTH } from '../../server/src/core/navigationFeature';
import { EXTRACTED_UNTRUSTED, OUTSIDE_UNTRUSTED, readLimits } from '../../server/src/core/readPolicy';
import { DiskFileSystem, type FileSystem, MemoryFileSystem, type ReadOptions } from '../../server/src/core/workspace';
import { docxToText, WordReadError } from '../../server/src/core/wordText';
import { samplesDir } from '../support/paths';
import { sampleDocx, samplePdf } from '../support/publishedDrafts';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

const SAMPLE_DRAFT = fs.readFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), 'utf8');
const SUBMISSION = '---\ndraft: zero-draft\n---\n# Our response\n\nWe welcome para 3 of the Zero Draft and its call for restraint.\n';

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file]);
  assert.equal(made.status, 0, `mkfifo ${file}: ${made.stderr}`);
}

function configProblems(service: ReturnType<typeof createLanguageService>): string[] {
  return service.configuration().problems.map((problem) => problem.message);
}

/** A file system that counts how often each file is read. */
class CountingFileSystem extends MemoryFileSystem {
  readonly reads = new Map<string, number>();
  override readFile(file: string, options?: ReadOptions): string | undefined {
    this.reads.set(file, (this.reads.get(file) ?? 0) + 1);
    return super.readFile(file, options);
  }
}

describe('only regular files are read', () => {
  let dir: string;
  const disk = new DiskFileSystem();
  before(() => {
    dir = makeTempDir('regular');
    mkfifo(path.join(dir, 'draft-fifo.txt'));
    fs.mkdirSync(path.join(dir, 'a-folder.txt'));
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x31, 0x2e, 0x20, 0x00, 0xff, 0x00, 0x41]));
  });
  after(() => removeDir(dir));

  it('refuses /dev/zero and /dev/urandom at once: not a regular file (a device)', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      assert.equal(disk.readFile(device), undefined);
      assert.equal(disk.readError(device), `${device} is not a regular file (a device): not read`);
    }
  });

  it('refuses a FIFO without waiting for a writer, and a folder', () => {
    const fifo = path.join(dir, 'draft-fifo.txt');
    assert.equal(disk.readFile(fifo), undefined);
    assert.equal(disk.readError(fifo), `${fifo} is not a regular file (a FIFO): not read`);
    const folder = path.join(dir, 'a-folder.txt');
    assert.equal(disk.readFile(folder), undefined);
    assert.equal(disk.readError(folder), `${folder} is not a regular file (a folder): not read`);
  });

  it('refuses a binary file named .txt, and reads a text file (its byte-order mark dropped)', () => {
    const binary = path.join(dir, 'binary.txt');
    assert.equal(disk.readFile(binary), undefined);
    assert.match(disk.readError(binary)!, /is a binary file \(it has NUL bytes\), not a text draft: not read$/);
    const text = path.join(dir, 'text.txt');
    fs.writeFileSync(text, `\ufeff${SAMPLE_DRAFT}`);
    assert.equal(disk.readFile(text), SAMPLE_DRAFT);
    assert.equal(disk.readError(text), undefined);
  });

  it('a workspace whose drafts are a device, a FIFO and a folder: each said on its path in oewg-cite.json, the rest served', () => {
    const root = makeTempDir('devices');
    try {
      mkfifo(path.join(root, 'fifo.txt'));
      fs.mkdirSync(path.join(root, 'drafts'));
      fs.writeFileSync(path.join(root, 'drafts', 'zero-draft.txt'), SAMPLE_DRAFT);
      fs.writeFileSync(path.join(root, 'response.md'), SUBMISSION);
      fs.writeFileSync(
        path.join(root, 'oewg-cite.json'),
        JSON.stringify({
          drafts: [
            { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
            { id: 'zeros', label: 'Zeros', path: '/dev/zero' },
            { id: 'noise', label: 'Noise', path: '/dev/urandom' },
            { id: 'pipe', label: 'Pipe', path: 'fifo.txt' },
            { id: 'folder', label: 'Folder', path: 'drafts' },
          ],
          current: 'zero-draft',
          submissions: ['*.md'],
        }),
      );
      const service = createLanguageService(new DiskFileSystem(), root);
      assert.deepEqual(configProblems(service), [
        'draft "zeros": /dev/zero is not a regular file (a device): not read',
        'draft "noise": /dev/urandom is not a regular file (a device): not read',
        `draft "pipe": ${path.join(root, 'fifo.txt')} is not a regular file (a FIFO): not read`,
        `draft "folder": ${path.join(root, 'drafts')} is not a regular file (a folder): not read`,
      ]);
      const file = path.join(root, 'response.md');
      assert.match(service.hover(file, SUBMISSION.indexOf('para 3') + 2)!.markdown, /Zero Draft/);
    } finally {
      removeDir(root);
    }
  });

  it('a PDF draft that is a FIFO is not read either', async () => {
    const fifo = path.join(dir, 'draft.pdf');
    mkfifo(fifo);
    const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR });
    await cache.refresh(fifo);
    assert.equal(cache.get(fifo)!.error, `${fifo} is not a regular file (a device, a FIFO or a socket): not read`);
  });
});

describe('size limits', () => {
  it('a draft over maxDraftSizeMB is not read, with a message naming the limit and how to raise it; raising it reads it', () => {
    const root = '/ws';
    // The sample Zero Draft, repeated to a little over 1 MB.
    const big = SAMPLE_DRAFT.repeat(Math.ceil((1.2 * 1024 * 1024) / SAMPLE_DRAFT.length));
    const files = new MemoryFileSystem({
      [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }], submissions: ['*.md'] }),
      [`${root}/drafts/zero-draft.txt`]: big,
    });
    const service = createLanguageService(files, root, { maxDraftSizeMB: 1 });
    const [problem] = configProblems(service);
    assert.match(problem, /^draft "zero-draft": \/ws\/drafts\/zero-draft\.txt is 1\.\d MB, over the limit of 1 MB per draft or text file: not read \(raise it with the setting oewgCite\.maxDraftSizeMB \(CLI: --max-draft-size-mb\)\)$/);
    assert.equal(service.draft('zero-draft')!.parsed, undefined);
    service.updateSettings({ maxDraftSizeMB: 2 });
    assert.deepEqual(configProblems(service), []);
    assert.ok(service.draft('zero-draft')!.parsed!.paragraphs.length > 0);
  });

  it('the default limit is 50 MB per file, on disk too', () => {
    assert.equal(readLimits().maxFileBytes, 50 * 1024 * 1024);
    assert.equal(readLimits().maxWordXmlBytes, 200 * 1024 * 1024);
    assert.equal(readLimits({ maxDraftSizeMB: 0 }).maxFileBytes, 50 * 1024 * 1024, 'a nonsense value keeps the default');
    const dir = makeTempDir('limit');
    try {
      const file = path.join(dir, 'draft.txt');
      fs.writeFileSync(file, SAMPLE_DRAFT);
      const disk = new DiskFileSystem();
      assert.equal(disk.readFile(file, { maxBytes: 100 }), undefined);
      assert.match(disk.readError(file)!, /draft\.txt is \d+ kB, over the limit of 100 bytes per draft or text file/);
      assert.equal(disk.readFile(file), SAMPLE_DRAFT);
    } finally {
      removeDir(dir);
    }
  });

  it('a Word file that would inflate past maxWordXmlMB is refused before it is inflated', async () => {
    // A package whose document part is 3 MB of (well-compressible) XML.
    const filler = `<w:p><w:r><w:t>${'States recalled the framework. '.repeat(20)}</w:t></w:r></w:p>`;
    const docx = await new JSZip().loadAsync(await sampleDocx(SAMPLE_DRAFT));
    const xml = (await docx.file('word/document.xml')!.async('string')).replace('</w:body>', `${filler.repeat(Math.ceil((3 * 1024 * 1024) / filler.length))}</w:body>`);
    docx.file('word/document.xml', xml);
    const bytes = await docx.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    assert.ok(bytes.length < 1024 * 1024, 'the file itself is small');
    await assert.rejects(docxToText(bytes, { maxXmlBytes: 2 * 1024 * 1024 }), (error: Error) => error instanceof WordReadError && /^the Word file inflates to 3(\.\d)? MB, over the limit of 2 MB of inflated Word content: not read \(raise it with the setting oewgCite\.maxWordXmlMB \(CLI: --max-word-xml-mb\)\)$/.test(error.message));
    await assert.rejects(extractDraftText('draft.docx', bytes, readLimits({ maxWordXmlMB: 2 })), /over the limit of 2 MB of inflated Word content/);
    assert.match((await extractDraftText('draft.docx', bytes, readLimits({ maxWordXmlMB: 4 }))).text, /^1\. /m);
  });

  it('a PDF over the file limit is not handed to the PDF reader', async () => {
    const { bytes } = await samplePdf(SAMPLE_DRAFT);
    let reads = 0;
    const cache = new ExtractionCache({
      extractor: IN_PROCESS_EXTRACTOR,
      source: {
        stamp: () => `1:${bytes.length}`,
        read: async (_file, maxBytes) => {
          reads++;
          if (bytes.length > maxBytes) throw new Error(`/ws/drafts/zero-draft.pdf is over the limit of ${maxBytes} bytes`);
          return bytes;
        },
      },
    });
    await cache.refresh('/ws/drafts/zero-draft.pdf', { ...readLimits(), maxFileBytes: 1000 });
    assert.equal(cache.get('/ws/drafts/zero-draft.pdf')!.error, '/ws/drafts/zero-draft.pdf is over the limit of 1000 bytes');
    await cache.refresh('/ws/drafts/zero-draft.pdf', readLimits());
    assert.equal(reads, 2, 'a new limit is a reason to read again');
    assert.match(cache.get('/ws/drafts/zero-draft.pdf')!.text!, /^1\. /m);
  });

  it('10,000 drafts naming one file: the file is parsed once and read once per use, not once per draft', () => {
    const root = '/ws';
    const drafts = Array.from({ length: 10000 }, (_, i) => ({ id: `draft-${i}`, label: `Draft ${i}`, path: 'drafts/zero-draft.txt' }));
    const files = new CountingFileSystem({
      [`${root}/oewg-cite.json`]: JSON.stringify({ drafts, current: 'draft-9999', submissions: ['*.md'] }),
      [`${root}/drafts/zero-draft.txt`]: SAMPLE_DRAFT,
      [`${root}/response.md`]: 'We welcome para 3 of Draft 9999 and para 2 of Draft 17.\n',
    });
    const service = createLanguageService(files, root);
    assert.equal(service.drafts().length, 10000);
    assert.equal(files.reads.get(`${root}/drafts/zero-draft.txt`), 1);
    assert.equal(service.draft('draft-0')!.parsed, service.draft('Draft 9999')!.parsed);
    assert.equal(service.diagnostics(`${root}/response.md`).filter((d) => d.severity === 'error').length, 0);
    // Once more for the catalogue of UN documents the drafts mention: once, not once per draft.
    assert.equal(files.reads.get(`${root}/drafts/zero-draft.txt`), 2);
  });

  it('finds a draft by id, label or alias as the first one in the list that answers to the name', () => {
    const info = (id: string, label: string, aliases: string[] = []): DraftInfo => ({ id, label, aliases, order: 0, path: undefined }) as unknown as DraftInfo;
    const drafts = [info('zero-draft', 'Zero Draft', ['ZD']), info('first-draft', 'First Draft'), info('zd', 'Another')];
    assert.equal(findDraft(drafts, 'zero draft')!.id, 'zero-draft');
    assert.equal(findDraft(drafts, 'zd')!.id, 'zero-draft', 'the alias of the earlier draft wins over the id of a later one');
    assert.equal(findDraft(drafts, 'First-Draft')!.id, 'first-draft');
    assert.equal(findDraft(drafts, 'second draft'), undefined);
  });

  it('a 100,000-character workspace-symbol query is cut to its first 200 characters', () => {
    const root = '/ws';
    const service = createLanguageService(
      new MemoryFileSystem({
        [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] }),
        [`${root}/drafts/zero-draft.txt`]: SAMPLE_DRAFT,
      }),
      root,
    );
    const query = `critical infrastructure ${'x'.repeat(100000)}`;
    assert.equal(MAX_SYMBOL_QUERY_LENGTH, 200);
    assert.deepEqual(service.workspaceSymbols(query), service.workspaceSymbols(query.slice(0, 200)));
    assert.deepEqual(service.workspaceSymbols('1'.repeat(100000)), service.workspaceSymbols('1'.repeat(200)));
  });
});

describe('what may be read: the trust rule', () => {
  const root = '/ws';
  const config = (drafts: Array<{ id: string; label: string; path: string }>) => JSON.stringify({ drafts, current: drafts[0].id, submissions: ['*.md'] });
  const outsideFiles = () =>
    new MemoryFileSystem({
      [`${root}/oewg-cite.json`]: config([
        { id: 'zero-draft', label: 'Zero Draft', path: '../secret/zero-draft.txt' },
        { id: 'first-draft', label: 'First Draft', path: '/srv/elsewhere/first-draft.txt' },
        { id: 'own', label: 'Own Draft', path: 'drafts/../drafts/own.txt' },
      ]),
      ['/secret/zero-draft.txt']: SAMPLE_DRAFT,
      ['/srv/elsewhere/first-draft.txt']: SAMPLE_DRAFT,
      [`${root}/drafts/own.txt`]: SAMPLE_DRAFT,
      [`${root}/response.md`]: SUBMISSION,
    });

  it('untrusted: a draft path outside the workspace is not read, and its path in oewg-cite.json says why', () => {
    const service = createLanguageService(outsideFiles(), root, { trusted: false });
    assert.deepEqual(configProblems(service), [
      `draft "zero-draft": /secret/zero-draft.txt is ${OUTSIDE_UNTRUSTED}`,
      `draft "first-draft": /srv/elsewhere/first-draft.txt is ${OUTSIDE_UNTRUSTED}`,
    ]);
    assert.equal(service.draft('zero-draft')!.parsed, undefined);
    assert.ok(service.draft('own')!.parsed, 'a path inside the workspace (even written with ..) is read');
    const hover = service.hover(`${root}/response.md`, SUBMISSION.indexOf('para 3') + 2)?.markdown ?? '';
    assert.doesNotMatch(hover, new RegExp(SAMPLE_DRAFT.split('\n').find((line) => line.startsWith('3. '))!.slice(3, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('trusted (the default, and the CLI): the same paths are read', () => {
    for (const settings of [{}, { trusted: true }] as ServiceSettings[]) {
      const service = createLanguageService(outsideFiles(), root, settings);
      assert.deepEqual(configProblems(service), []);
      assert.ok(service.draft('zero-draft')!.parsed);
    }
  });

  it('trust granted later: the drafts are read at once', () => {
    const service = createLanguageService(outsideFiles(), root, { trusted: false });
    assert.equal(configProblems(service).length, 2);
    service.updateSettings({ trusted: true });
    assert.deepEqual(configProblems(service), []);
  });

  it('untrusted: PDF and Word drafts are not read, not even handed to their readers', async () => {
    const { bytes } = await samplePdf(SAMPLE_DRAFT);
    let reads = 0;
    const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR, source: { stamp: () => '1', read: async () => (reads++, bytes) } });
    const base: FileSystem = new MemoryFileSystem({
      [`${root}/oewg-cite.json`]: config([{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.pdf' }]),
      [`${root}/response.md`]: SUBMISSION,
    });
    const service = createLanguageService(withExtractedDrafts(base, cache), root, { trusted: false });
    assert.deepEqual(await refreshExtractedDrafts(service, cache), []);
    assert.equal(reads, 0);
    assert.deepEqual(configProblems(service), [`draft "zero-draft": cannot read ${root}/drafts/zero-draft.pdf: ${EXTRACTED_UNTRUSTED}`]);
    service.updateSettings({ trusted: true });
    assert.deepEqual(await refreshExtractedDrafts(service, cache), [`${root}/drafts/zero-draft.pdf`]);
    assert.equal(reads, 1);
    assert.deepEqual(configProblems(service), []);
    assert.ok(service.draft('zero-draft')!.parsed!.paragraphs.length > 0);
  });

  it('on disk, a symbolic link out of the workspace counts as outside', () => {
    const dir = makeTempDir('trust');
    try {
      const workspace = path.join(dir, 'ws');
      fs.mkdirSync(path.join(workspace, 'drafts'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'secret.txt'), SAMPLE_DRAFT);
      fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(workspace, 'drafts', 'zero-draft.txt'));
      fs.writeFileSync(path.join(workspace, 'drafts', 'first-draft.txt'), SAMPLE_DRAFT);
      fs.writeFileSync(
        path.join(workspace, 'oewg-cite.json'),
        config([
          { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
          { id: 'first-draft', label: 'First Draft', path: 'drafts/first-draft.txt' },
        ]),
      );
      const untrusted = createLanguageService(new DiskFileSystem(), workspace, { trusted: false });
      assert.deepEqual(configProblems(untrusted), [`draft "zero-draft": ${path.join(workspace, 'drafts', 'zero-draft.txt')} is ${OUTSIDE_UNTRUSTED}`]);
      assert.ok(untrusted.draft('first-draft')!.parsed);
      const trusted = createLanguageService(new DiskFileSystem(), workspace);
      assert.deepEqual(configProblems(trusted), []);
    } finally {
      removeDir(dir);
    }
  });
});
