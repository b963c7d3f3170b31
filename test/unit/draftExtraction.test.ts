// PDF and Word drafts: the sample draft published as a PDF and as a Word file
// at test time (test/support/publishedDrafts.ts) parses to the same
// paragraphs as its text; broken files give a clear error, never a crash.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { PDFDocument, rgb } from 'pdf-lib';
import { DEFAULT_DRAFT_GLOBS } from '../../server/src/core/config';
import { createLanguageService } from '../../server/src/core/languageService';
import { parseDraft } from '../../server/src/core/draftParser';
import { ExtractionCache, ExtractionFailure, ExtractionProgress, extractionProgressMessage, refreshExtractedDrafts, withExtractedDrafts } from '../../server/src/core/draftExtraction';
import { extractDraftText, IN_PROCESS_EXTRACTOR } from '../../server/src/core/extractText';
import { DiskExtractionStore, WorkerExtractor } from '../../server/src/extraction';
import { layoutPdfText, PdfTextItem } from '../../server/src/core/pdfText';
import { docxToText } from '../../server/src/core/wordText';
import { DiskFileSystem, MemoryFileSystem } from '../../server/src/core/workspace';
import { ParsedDraft } from '../../server/src/core/model';
import { PDF_RUNNING_HEAD, PDF_SYMBOL, sampleDocx, samplePdf } from '../support/publishedDrafts';
import { needsCorpus, readCorpus, repoRoot, samplesDir } from '../support/paths';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

const sampleText = fs.readFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), 'utf8');

/** What a reader of the draft sees of it: paragraphs with their place, footnotes, sections. */
function reading(draft: ParsedDraft) {
  return {
    title: draft.title,
    paragraphs: draft.paragraphs.map((p) => ({ number: p.number, text: p.text, section: p.section?.title, subheading: p.subheading, footnotes: p.footnoteRefs })),
    sections: draft.sections.map((section) => `${section.letter}. ${section.title}`),
    footnotes: draft.footnotes.map((footnote) => `${footnote.number} ${footnote.text}`),
    problems: draft.problems.map((problem) => problem.message),
  };
}

describe('PDF and Word drafts', function () {
  this.timeout(60000);
  const fromText = reading(parseDraft(sampleText));

  describe('a PDF laid out like a UN document', () => {
    let text: string;
    let published: Awaited<ReturnType<typeof samplePdf>>;
    before(async () => {
      published = await samplePdf(sampleText);
      const extracted = await extractDraftText('zero-draft.pdf', published.bytes);
      assert.deepEqual(extracted.warnings, []);
      text = extracted.text;
    });

    it('is what the test means it to be: several pages, a paragraph broken by a page break, running heads', () => {
      assert.ok(published.pages >= 4, `${published.pages} pages`);
      assert.ok(published.brokenParagraphs.length >= 1, 'a paragraph across two pages');
    });

    it('parses to the same paragraphs, sections, sub-headings, footnotes and title as the text', () => {
      assert.deepEqual(reading(parseDraft(text)), fromText);
    });

    it('leaves the running heads and page numbers out, and gives each paragraph a line of its own', () => {
      assert.ok(!text.includes(PDF_RUNNING_HEAD + ' '), 'no running head joined to a line');
      // The running head repeats the title's second line: that one stays, once.
      assert.equal(text.split('\n').filter((line) => line.trim() === PDF_RUNNING_HEAD).length, 1, 'the running head is not in the text');
      assert.ok(!text.includes(PDF_SYMBOL) || text.split('\n').filter((line) => line.includes(PDF_SYMBOL)).length <= 1);
      assert.ok(!/^\d+$/m.test(text), 'no page number alone on a line');
      for (const number of ['1', '17', '48', '59']) assert.equal(text.split('\n').filter((line) => line.startsWith(`${number}. `)).length, 1, `para ${number}`);
    });

    it('writes footnote markers as superscript digits after their word, and footnote texts on their own lines', () => {
      assert.match(text, /most effective response\.¹ The Group/);
      assert.match(text, /^¹ A\/RES\/70\/237 and A\/RES\/73\/27\.$/m);
    });
  });

  describe('a Word file numbered with Word lists', () => {
    let text: string;
    before(async () => {
      ({ text } = await extractDraftText('zero-draft.docx', await sampleDocx(sampleText)));
    });

    it('parses to the same paragraphs, sections, sub-headings, footnotes and title as the text', () => {
      assert.deepEqual(reading(parseDraft(text)), fromText);
    });

    it('writes the list numbers Word draws into the text ("15.", "A."), and the bullets', () => {
      assert.match(text, /^15\. States agreed that no State is immune/m);
      assert.match(text, /^# C\. International Law$/m);
      assert.match(text, /^• It should be politically neutral/m);
    });
  });

  describe('the real Zero Draft (../shared/corpus), published as a PDF and a Word file at test time', () => {
    let real: string;
    let fromReal: ReturnType<typeof reading>;
    before(function () {
      needsCorpus(this);
      real = readCorpus('zero-draft-2021.txt');
      fromReal = reading(parseDraft(real));
    });
    // Our writers flatten nested bullets: the one paragraph that has them (86) is compared without its list.
    const withoutList = (paragraphs: ReturnType<typeof reading>['paragraphs']) => paragraphs.map((p) => (p.number === '86' ? { ...p, text: p.text.split('\n')[0], subheading: undefined } : { ...p }));
    for (const [name, publish] of [['PDF', async () => (await samplePdf(real)).bytes], ['Word', () => sampleDocx(real)]] as const) {
      it(`${name}: the same 117 paragraphs, sections and footnotes`, async () => {
        const { text } = await extractDraftText(name === 'PDF' ? 'zero-draft-2021.pdf' : 'zero-draft-2021.docx', await publish());
        const read = reading(parseDraft(text));
        assert.equal(read.paragraphs.length, 117);
        assert.deepEqual(read.sections, fromReal.sections);
        assert.deepEqual(read.footnotes, fromReal.footnotes);
        assert.deepEqual(withoutList(read.paragraphs).filter((p) => p.number !== '86'), withoutList(fromReal.paragraphs).filter((p) => p.number !== '86'));
        assert.equal(withoutList(read.paragraphs)[85].text, withoutList(fromReal.paragraphs)[85].text);
      });
    }
  });

  describe('Word list numbering', () => {
    it('follows start values, restarts, letters, roman numerals, nested levels and numbering given by a style', async () => {
      const docx = await minimalDocx(
        [
          '<w:p><w:pPr><w:pStyle w:val="NumberedPara"/></w:pPr><w:r><w:t>Styled paragraph.</w:t></w:r></w:p>',
          para(1, 0, 'Next paragraph, continuing the styled list.'),
          para(1, 1, 'A sub-item.'),
          para(1, 1, 'Another sub-item.'),
          para(1, 0, 'A paragraph after the items.'),
          para(1, 1, 'Its sub-items restart.'),
          para(2, 0, 'A restarted list.'),
          para(3, 0, 'Roman.'),
          para(3, 0, 'Roman again.'),
          '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>numId 0: not numbered.</w:t></w:r></w:p>',
        ],
        `<w:abstractNum w:abstractNumId="10">
           <w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pStyle w:val="NumberedPara"/></w:lvl>
           <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
         </w:abstractNum>
         <w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
         <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
         <w:num w:numId="2"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
         <w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>`,
        `<w:style w:type="paragraph" w:styleId="NumberedPara"><w:name w:val="Numbered Para"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`,
      );
      const lines = (await docxToText(docx)).trim().split(/\n+/);
      assert.deepEqual(lines, [
        '5. Styled paragraph.',
        '6. Next paragraph, continuing the styled list.',
        '(a) A sub-item.',
        '(b) Another sub-item.',
        '7. A paragraph after the items.',
        '(a) Its sub-items restart.',
        '1. A restarted list.',
        'I. Roman.',
        'II. Roman again.',
        'numId 0: not numbered.',
      ]);
    });
  });

  describe('files that cannot be read', () => {
    const cases: Array<[string, () => Promise<Uint8Array>, RegExp]> = [
      ['random bytes named .pdf', async () => randomBytes(4000), /not a PDF file/],
      ['a truncated PDF', async () => (await samplePdf(sampleText)).bytes.slice(0, 1500), /damaged or truncated|cannot be read/],
      ['a PDF of images only (a scan)', async () => imageOnlyPdf(), /no text layer.*OCR/],
    ];
    for (const [name, make, expected] of cases) {
      it(`${name}: a clear error`, async () => {
        await assert.rejects(extractDraftText('draft.pdf', await make()), (error: Error) => {
          assert.match(error.message, expected);
          return true;
        });
      });
    }
    it('a PDF whose end is cut off but whose pages can be read: read, with a warning', async () => {
      const bytes = (await samplePdf(sampleText)).bytes;
      const end = new TextDecoder('latin1').decode(bytes).lastIndexOf('%%EOF');
      const { text, warnings } = await extractDraftText('cut.pdf', bytes.slice(0, end));
      assert.match(text, /^59\. /m);
      assert.deepEqual(warnings, ['cut.pdf seems truncated (it does not end with %%EOF): pages may be missing']);
    });

    const wordCases: Array<[string, () => Promise<Uint8Array>, RegExp]> = [
      ['random bytes named .docx', async () => randomBytes(4000), /not a Word \.docx file/],
      ['a truncated .docx', async () => (await sampleDocx(sampleText)).slice(0, 2000), /not a Word \.docx file|damaged/],
      ['an old Word .doc', async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(500)]), /Word 97–2003/],
      ['a zip that is not a Word file', async () => new JSZip().file('hello.txt', 'hi').generateAsync({ type: 'uint8array' }), /no main document/],
      ['a .docx whose document is not XML', async () => replacePart(await minimalDocx([para(1, 0, 'x')], ''), 'word/document.xml', 'garbage <<<'), /damaged: word\/document\.xml is not well-formed XML|cannot be read/],
    ];
    for (const [name, make, expected] of wordCases) {
      it(`${name}: a clear error`, async () => {
        await assert.rejects(extractDraftText('draft.docx', await make()), (error: Error) => {
          assert.match(error.message, expected);
          return true;
        });
      });
    }
  });

  describe('the extraction cache', () => {
    let dir: string;
    beforeEach(() => (dir = makeTempDir('extraction')));
    afterEach(() => removeDir(dir));

    it('reads a draft once, again when it changes, and says why a broken one cannot be read', async () => {
      const file = path.join(dir, 'zero-draft.docx');
      fs.writeFileSync(file, await sampleDocx(sampleText));
      const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR });
      assert.equal(await cache.refresh(file), true);
      assert.equal(await cache.refresh(file), false, 'unchanged: not read again');
      assert.match(cache.get(file)!.text!, /^1\. The security/m);
      fs.writeFileSync(file, randomBytes(100));
      assert.equal(await cache.refresh(file), true);
      assert.equal(cache.get(file)!.text, undefined);
      assert.ok(cache.get(file)!.error!.startsWith(`cannot read ${file}: not a Word .docx file, or a damaged one (`), cache.get(file)!.error);
      fs.rmSync(file);
      assert.equal(await cache.refresh(file), true);
      assert.equal(cache.get(file)!.error, `cannot read ${file}`);
    });

    it('warns when the service finds no numbered paragraph in a readable draft', async () => {
      fs.mkdirSync(path.join(dir, 'drafts'));
      const file = path.join(dir, 'drafts', 'notes.docx');
      fs.writeFileSync(file, await minimalDocx(['<w:p><w:r><w:t>Only prose, no numbered paragraph.</w:t></w:r></w:p>'], ''));
      const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR });
      const service = createLanguageService(withExtractedDrafts(new DiskFileSystem(), cache), dir);
      assert.deepEqual(await refreshExtractedDrafts(service, cache), [file]);
      assert.deepEqual(cache.get(file)!.warnings.length, 1);
      assert.match(cache.get(file)!.warnings[0], /^no numbered paragraphs found in notes\.docx: the draft's numbers may be Word fields or a list numbering/);
    });

    it('feeds the language service: definitions are offsets into the extracted text, a broken draft is an entry error', async () => {
      const pdf = (await samplePdf(sampleText)).bytes;
      const files = new Map<string, Uint8Array>([
        ['/ws/drafts/zero-draft.pdf', pdf],
        ['/ws/drafts/first-draft.docx', randomBytes(300)],
      ]);
      const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR, source: { stamp: (file) => (files.has(file) ? String(files.get(file)!.length) : undefined), read: async (file) => files.get(file)! } });
      const memory = new MemoryFileSystem({
        '/ws/drafts/zero-draft.pdf': '',
        '/ws/drafts/first-draft.docx': '',
        '/ws/notes.md': 'We support para 17 of the Zero Draft.\n',
      });
      const service = createLanguageService(withExtractedDrafts(memory, cache), '/ws');
      assert.match(service.draft('zero-draft')!.error!, /still being read/);
      const changed = await refreshExtractedDrafts(service, cache);
      assert.deepEqual(changed.sort(), ['/ws/drafts/first-draft.docx', '/ws/drafts/zero-draft.pdf']);
      assert.equal(service.draft('zero-draft')!.parsed!.paragraphs.length, 59);
      assert.match(service.draft('first-draft')!.error!, /^cannot read \/ws\/drafts\/first-draft\.docx: not a Word \.docx file/);
      const notes = memory.files.get('/ws/notes.md')!;
      const [target] = service.definition('/ws/notes.md', notes.indexOf('17'));
      assert.equal(target.file, '/ws/drafts/zero-draft.pdf');
      const extracted = cache.get('/ws/drafts/zero-draft.pdf')!.text!;
      assert.equal(extracted.slice(target.selectionSpan.start, target.selectionSpan.end), '17.');
      assert.match(extracted.slice(target.span.start, target.span.end), /^17\. States reaffirmed .* apply in practice\.$/s);
      assert.match(service.hover('/ws/notes.md', notes.indexOf('17'))!.markdown, /Zero Draft, para 17/);
      assert.deepEqual(await refreshExtractedDrafts(service, cache), [], 'nothing changed: nothing read again');
    });
  });

  describe('reading in a worker thread (dist/extractWorker.js, built by `npm run build`)', () => {
    const script = path.join(repoRoot, 'dist', 'extractWorker.js');
    let pdf: Uint8Array;
    let docx: Uint8Array;
    let worker: WorkerExtractor;
    before(async function () {
      if (!fs.existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` (npm test does)`);
      pdf = (await samplePdf(sampleText)).bytes;
      docx = await sampleDocx(sampleText);
    });
    beforeEach(() => (worker = new WorkerExtractor({ script })));
    afterEach(() => worker.dispose());

    it('gives the same text and warnings as reading in process, for the sample PDF and Word file', async () => {
      const cut = pdf.slice(0, new TextDecoder('latin1').decode(pdf).lastIndexOf('%%EOF'));
      for (const [name, bytes] of [['zero-draft.pdf', pdf], ['zero-draft.docx', docx], ['cut.pdf', cut]] as const) {
        assert.deepEqual(await worker.extract(name, bytes), await extractDraftText(name, bytes), name);
      }
      assert.equal(worker.stats.workersStarted, 1, 'one worker read all three');
      assert.ok(pdf.length > 0 && docx.length > 0, "the caller's bytes are not handed over to the worker");
    });

    it('a file the reader rejects gets its error; the same worker reads the next one', async () => {
      await assert.rejects(worker.extract('draft.pdf', randomBytes(4000)), (error: ExtractionFailure) => {
        assert.ok(error instanceof ExtractionFailure);
        assert.match(error.message, /not a PDF file/);
        assert.equal(error.lasting, true, 'the same bytes always give this error');
        return true;
      });
      assert.match((await worker.extract('zero-draft.docx', docx)).text, /^1\. The security/m);
      assert.equal(worker.stats.workersStarted, 1);
    });

    it('a worker that runs out of memory: a clear error for that file, a fresh worker for the next', async () => {
      // A heap far too small for the PDF reader: the worker dies as it would on a huge or malicious file.
      worker.configure({ maxMemoryMb: 4 });
      await assert.rejects(worker.extract('zero-draft.pdf', pdf), (error: ExtractionFailure) => {
        assert.equal(error.message, 'the PDF reader ran out of memory on it (limit 4 MB): the file may be very large or damaged');
        assert.equal(error.lasting, false, 'not kept: another run may have more memory');
        return true;
      });
      worker.configure({ maxMemoryMb: 1024 });
      assert.deepEqual(await worker.extract('zero-draft.pdf', pdf), await extractDraftText('zero-draft.pdf', pdf));
      assert.deepEqual({ ...worker.stats }, { workersStarted: 2, files: 2, crashes: 1, timeouts: 0 });
    });

    it('a file that takes longer than the timeout is stopped with a clear error; a fresh worker reads the next', async () => {
      // 1 ms: less than a worker needs to start, let alone to lay out a PDF, so this file always times out.
      worker.configure({ timeoutMs: 1 });
      await assert.rejects(worker.extract('zero-draft.pdf', pdf), /^Error: reading it took longer than 1 ms and was stopped: the file may be very large or damaged$/);
      worker.configure({ timeoutMs: 60_000 });
      assert.match((await worker.extract('zero-draft.pdf', pdf)).text, /^59\. /m);
      assert.deepEqual({ ...worker.stats }, { workersStarted: 2, files: 2, crashes: 0, timeouts: 1 });
    });

    it('files asked for together are read one after the other, each with its own answer', async () => {
      const results = await Promise.allSettled([worker.extract('a.pdf', pdf), worker.extract('b.docx', randomBytes(300)), worker.extract('c.docx', docx)]);
      assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'rejected', 'fulfilled']);
      assert.match((results[2] as PromiseFulfilledResult<{ text: string }>).value.text, /^15\. States agreed/m);
    });

    it('a missing worker script: every file says so, nothing crashes', async () => {
      const missing = new WorkerExtractor({ script: path.join(repoRoot, 'dist', 'no-such-worker.js') });
      await assert.rejects(missing.extract('zero-draft.pdf', pdf), /the PDF reader could not start \(.*no-such-worker\.js is missing: run `npm run build`\)/);
      await missing.dispose();
    });
  });

  describe('the disk cache of extracted text', () => {
    const script = path.join(repoRoot, 'dist', 'extractWorker.js');
    let dir: string;
    let worker: WorkerExtractor;
    let store: DiskExtractionStore;
    /** A cache as a newly started server or CLI run has it: nothing in memory, the disk cache of earlier runs. */
    const freshCache = () => new ExtractionCache({ extractor: worker, store });
    const entries = () => fs.readdirSync(store.dir);
    beforeEach(() => {
      dir = makeTempDir('extraction-cache');
      worker = new WorkerExtractor({ script });
      store = new DiskExtractionStore(path.join(dir, 'cache'));
    });
    afterEach(async () => {
      await worker.dispose();
      removeDir(dir);
    });

    it('a reopened workspace reads nothing again: the text comes from the cache, the worker is not asked', async () => {
      const file = path.join(dir, 'zero-draft.pdf');
      fs.writeFileSync(file, (await samplePdf(sampleText)).bytes);
      const first = freshCache();
      await first.refresh(file);
      assert.deepEqual({ ...first.stats }, { extracted: 1, storeHits: 0, sameContent: 0 });
      assert.deepEqual(entries().length, 1, 'one entry, no temporary file left');
      assert.ok(entries()[0].endsWith('.json'));

      const second = freshCache();
      assert.equal(await second.refresh(file), true);
      assert.deepEqual({ ...second.stats }, { extracted: 0, storeHits: 1, sameContent: 0 });
      assert.equal(worker.stats.files, 1, 'the worker read the file once');
      assert.equal(second.get(file)!.text, first.get(file)!.text);
      assert.match(second.get(file)!.text!, /^17\. States reaffirmed/m);
    });

    it('changed content is read again; the same content under a new date is not', async () => {
      const file = path.join(dir, 'zero-draft.docx');
      fs.writeFileSync(file, await sampleDocx(sampleText));
      const cache = freshCache();
      await cache.refresh(file);
      const before = cache.get(file)!.text!;

      fs.writeFileSync(file, await sampleDocx(sampleText.replace('States agreed that no State is immune', 'States agreed that no State is exempt')));
      assert.equal(await cache.refresh(file), true);
      assert.match(cache.get(file)!.text!, /^15\. States agreed that no State is exempt/m);
      assert.equal(cache.stats.extracted, 2);
      // A new run sees the new content, never the text kept for the old one.
      const reopened = freshCache();
      await reopened.refresh(file);
      assert.equal(reopened.get(file)!.text, cache.get(file)!.text);
      assert.notEqual(reopened.get(file)!.text, before);

      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(file, later, later);
      assert.equal(await cache.refresh(file), false, 'touched, same bytes: nothing changed');
      assert.deepEqual({ ...cache.stats }, { extracted: 2, storeHits: 0, sameContent: 1 });
    });

    it('a corrupt cache entry is ignored and written again', async () => {
      const file = path.join(dir, 'zero-draft.pdf');
      fs.writeFileSync(file, (await samplePdf(sampleText)).bytes);
      const cache = freshCache();
      await cache.refresh(file);
      const text = cache.get(file)!.text!;
      const [entry] = entries();
      const good = fs.readFileSync(path.join(store.dir, entry), 'utf8');
      const damaged = [
        good.slice(0, good.length / 2), // cut short
        good.replace('17. States reaffirmed', '17. States rejected'), // still JSON, but not what was read
        '',
      ];
      for (const bad of damaged) {
        fs.writeFileSync(path.join(store.dir, entry), bad);
        const reopened = freshCache();
        await reopened.refresh(file);
        assert.equal(reopened.get(file)!.text, text);
        assert.equal(reopened.stats.extracted, 1, 'read again');
        assert.equal(fs.readFileSync(path.join(store.dir, entry), 'utf8'), good, 'and written again');
      }
      assert.equal(store.stats.corrupt, damaged.length, 'each one seen as damaged: the cut and the empty one do not parse, the edited one fails its checksum');
    });

    it('keeps the error of a file the reader rejects, and warnings under the name the file has now', async () => {
      const broken = path.join(dir, 'broken.docx');
      fs.writeFileSync(broken, randomBytes(500));
      await freshCache().refresh(broken);
      const reopened = freshCache();
      await reopened.refresh(broken);
      assert.equal(reopened.stats.storeHits, 1);
      assert.match(reopened.get(broken)!.error!, /^cannot read .*broken\.docx: not a Word \.docx file/);

      const bytes = (await samplePdf(sampleText)).bytes;
      const cut = bytes.slice(0, new TextDecoder('latin1').decode(bytes).lastIndexOf('%%EOF'));
      fs.writeFileSync(path.join(dir, 'cut.pdf'), cut);
      fs.writeFileSync(path.join(dir, 'copy.pdf'), cut);
      await freshCache().refresh(path.join(dir, 'cut.pdf'));
      const copy = freshCache();
      await copy.refresh(path.join(dir, 'copy.pdf'));
      assert.equal(copy.stats.storeHits, 1);
      assert.deepEqual(copy.get(path.join(dir, 'copy.pdf'))!.warnings, ['copy.pdf seems truncated (it does not end with %%EOF): pages may be missing']);
    });

    it('a crash or a timeout is not kept: the next run tries again', async () => {
      const file = path.join(dir, 'zero-draft.pdf');
      fs.writeFileSync(file, (await samplePdf(sampleText)).bytes);
      worker.configure({ maxMemoryMb: 4 });
      const cache = freshCache();
      await cache.refresh(file);
      assert.match(cache.get(file)!.error!, /the PDF reader ran out of memory/);
      assert.deepEqual(fs.existsSync(store.dir) ? entries() : [], []);
      worker.configure({ maxMemoryMb: 1024 });
      const reopened = freshCache();
      await reopened.refresh(file);
      assert.match(reopened.get(file)!.text!, /^59\. /m);
    });

    it('text kept by another version of the readers is not used', async () => {
      await store.put('a'.repeat(64), 'version-1', 'zero.pdf', { text: '1. Old reading.\n', warnings: [] });
      assert.equal(await store.get('a'.repeat(64), 'version-2', 'zero.pdf'), undefined);
      assert.deepEqual(await store.get('a'.repeat(64), 'version-1', 'zero.pdf'), { text: '1. Old reading.\n', warnings: [] });
    });

    it('stays within its bound: the least recently used entries go first', async () => {
      const small = new DiskExtractionStore(path.join(dir, 'small'), 3000);
      const text = (n: number) => `${n}. ${'A paragraph of a draft. '.repeat(40)}\n`;
      const hashes = ['1', '2', '3'].map((digit) => digit.repeat(64));
      await small.put(hashes[0], 'v', 'a.pdf', { text: text(1), warnings: [] });
      await small.put(hashes[1], 'v', 'b.pdf', { text: text(2), warnings: [] });
      // Entry 1 was written first but used last: entry 2 is the one to go.
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(small.entryFile(hashes[1], 'v'), past, past);
      assert.ok(await small.get(hashes[0], 'v', 'a.pdf'));
      await small.put(hashes[2], 'v', 'c.pdf', { text: text(3), warnings: [] });
      assert.equal(small.stats.evicted, 1);
      assert.ok(!fs.existsSync(small.entryFile(hashes[1], 'v')));
      assert.ok(fs.existsSync(small.entryFile(hashes[0], 'v')) && fs.existsSync(small.entryFile(hashes[2], 'v')));
    });
  });

  describe('progress of a refresh', () => {
    it('says which file is read, out of how many that need reading, and nothing when none does', async () => {
      const pdf = (await samplePdf(sampleText)).bytes;
      const docx = await sampleDocx(sampleText);
      const files = new Map<string, Uint8Array>([
        ['/ws/drafts/zero-draft.pdf', pdf],
        ['/ws/drafts/first-draft.docx', docx],
      ]);
      const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR, source: { stamp: (file) => (files.has(file) ? String(files.get(file)!.length) : undefined), read: async (file) => files.get(file)! } });
      const memory = new MemoryFileSystem({ '/ws/drafts/zero-draft.pdf': '', '/ws/drafts/first-draft.docx': '', '/ws/drafts/second-draft.txt': '1. Text.\n' });
      const service = createLanguageService(withExtractedDrafts(memory, cache), '/ws');
      const seen: ExtractionProgress[] = [];
      const onProgress = (progress: ExtractionProgress) => seen.push(progress);
      await refreshExtractedDrafts(service, cache, { onProgress });
      const [first, second] = service.drafts().flatMap((draft) => (draft.path?.match(/\.(pdf|docx)$/) ? [draft.path] : []));
      assert.deepEqual(seen, [
        { done: 0, total: 2, file: first },
        { done: 1, total: 2, file: second },
        { done: 2, total: 2, file: second },
      ]);
      assert.deepEqual(seen.map(extractionProgressMessage), ['Reading 1 of 2 PDF/Word drafts…', 'Reading 2 of 2 PDF/Word drafts…', 'Read 2 PDF/Word drafts']);
      seen.length = 0;
      await refreshExtractedDrafts(service, cache, { onProgress });
      assert.deepEqual(seen, [], 'nothing to read');
      files.set('/ws/drafts/first-draft.docx', await sampleDocx(sampleText.replace('immune', 'exempt')));
      await refreshExtractedDrafts(service, cache, { onProgress });
      assert.deepEqual(seen, [
        { done: 0, total: 1, file: '/ws/drafts/first-draft.docx' },
        { done: 1, total: 1, file: '/ws/drafts/first-draft.docx' },
      ]);
    });
  });

  describe('reference documents as the UN publishes them', () => {
    it('reads a PDF listed under "references" and checks paragraph citations into it', async () => {
      const pdf = (await samplePdf(sampleText)).bytes;
      const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR, source: { stamp: () => '1', read: async () => pdf } });
      const notes = 'Notes\n\nThe GGE said so (A/70/174, para 12), but A/70/174, para 99 does not exist.\n';
      const memory = new MemoryFileSystem({
        '/ws/oewg-cite.json': JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero.txt' }], references: [{ symbol: 'A/70/174', path: 'references/a-70-174.pdf' }] }),
        '/ws/drafts/zero.txt': '1. States met.\n',
        '/ws/references/a-70-174.pdf': '',
        '/ws/notes.md': notes,
      });
      const service = createLanguageService(withExtractedDrafts(memory, cache), '/ws');
      assert.deepEqual(service.referenceFiles(), ['/ws/references/a-70-174.pdf']);
      assert.deepEqual(await refreshExtractedDrafts(service, cache), ['/ws/references/a-70-174.pdf']);
      const paragraph12 = parseDraft(sampleText).paragraphs.find((p) => p.number === '12')!;
      assert.ok(service.hover('/ws/notes.md', notes.indexOf('para 12') + 5)!.markdown.includes(paragraph12.text.split(/\s+/).slice(0, 6).join(' ')));
      assert.deepEqual(
        service.diagnostics('/ws/notes.md', { evenIfNotSubmission: true }).map((d) => [d.code, notes.slice(d.span.start, d.span.end)]),
        [['document-paragraph-missing', 'para 99']],
      );
    });
  });

  describe('discovery under drafts/', () => {
    it('finds PDF and Word drafts by default, and keeps the text one of two files of the same name', () => {
      const memory = new MemoryFileSystem({
        '/ws/drafts/zero-draft.pdf': '',
        '/ws/drafts/zero-draft.txt': '1. Text.\n',
        '/ws/drafts/first-draft.docx': '',
        '/ws/drafts/notes.pdf.bak': '',
      });
      const service = createLanguageService(memory, '/ws');
      const indexed = service.drafts().filter((draft) => draft.path).map((draft) => path.basename(draft.path!));
      assert.deepEqual(indexed, ['zero-draft.txt', 'first-draft.docx']);
    });

    it('package.json offers the same default draft globs as the core', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
      assert.deepEqual(manifest.contributes.configuration.properties['oewgCite.draftGlobs'].default, DEFAULT_DRAFT_GLOBS);
    });
  });

  describe('layout of positioned PDF text', () => {
    const item = (text: string, x: number, y: number, size = 10): PdfTextItem => ({ text, x, y, size, width: text.length * size * 0.5 });
    it('joins wrapped lines, keeps hard hyphens, drops soft ones, and splits paragraphs at wider gaps', () => {
      const text = layoutPdfText([
        {
          width: 600,
          height: 800,
          items: [
            item('1.', 72, 700), item('A long paragraph with a well-', 100, 700), item('known compound and a hyphen\u00AD', 100, 688),
            item('ation that is soft.', 100, 676), item('2.', 72, 650), item('The next one.', 100, 650),
            item('Third line of prose', 72, 624), item('goes on here.', 72, 612),
          ],
        },
      ]);
      assert.equal(text, '1. A long paragraph with a well-known compound and a hyphenation that is soft.\n\n2. The next one.\n\nThird line of prose goes on here.\n');
    });
  });
});

function para(numId: number, ilvl: number, text: string): string {
  return `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A .docx made of the given body paragraphs, numbering definitions and styles. */
async function minimalDocx(paragraphs: string[], numbering: string, styles = ''): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${paragraphs.join('')}</w:body></w:document>`);
  zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">${numbering}</w:numbering>`);
  zip.file('word/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">${styles}</w:styles>`);
  return zip.generateAsync({ type: 'uint8array' });
}

async function replacePart(docx: Uint8Array, part: string, content: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  zip.file(part, content);
  return zip.generateAsync({ type: 'uint8array' });
}

function randomBytes(length: number): Uint8Array {
  // Deterministic "random" bytes: the same failure on every run.
  const bytes = new Uint8Array(length);
  let seed = 12345;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = seed >> 16;
  }
  return bytes;
}

async function imageOnlyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawRectangle({ x: 72, y: 400, width: 300, height: 200, color: rgb(0.5, 0.5, 0.5) });
  return pdf.save();
}
