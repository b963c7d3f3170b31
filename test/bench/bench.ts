// npm run bench: how fast the core is on real and synthetic documents.
// Numbers only, no thresholds: the README quotes them.
import * as path from 'path';
import { parseDraft } from '../../server/src/core/draftParser';
import { scanCitations } from '../../server/src/core/citations';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { corpusMissing, corpusRequired, readCorpus } from '../support/paths';

function time<T>(label: string, run: () => T, repeat = 5): T {
  let result!: T;
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    result = run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(68)} median ${samples[samples.length >> 1].toFixed(2).padStart(9)} ms   (min ${samples[0].toFixed(2)}, ${repeat} runs)`);
  return result;
}

/** A draft 100x the Zero Draft: its paragraphs repeated under new numbers and sections. */
function syntheticDraft(zeroDraft: string, times: number): string {
  const parsed = parseDraft(zeroDraft);
  const lines: string[] = ['**Synthetic draft**', ''];
  let number = 0;
  for (let copy = 0; copy < times; copy++) {
    lines.push(`${String.fromCharCode(65 + (copy % 26))}. Section ${copy + 1}`, '', 'Discussions', '');
    for (const paragraph of parsed.paragraphs) lines.push(`${++number}. ${paragraph.text.replace(/\n/g, ' ')}`, '');
  }
  return lines.join('\n');
}

/** A long submission (~100 pages) citing and quoting the draft throughout. */
function longSubmission(paragraphCount: number, pages: number): string {
  const parts = ['---', 'draft: zero-draft', '---', '', '# Response to the Zero Draft', ''];
  for (let i = 0; i < pages * 6; i++) {
    const n = (i * 7) % (paragraphCount + 10) + 1;
    parts.push(
      `We welcome para ${n} and the approach in paras ${n}-${n + 2}, and recall paragraphs ${n}, ${n + 3} and ${n + 5}. ` +
        `The reference to resolution 73/27 and A/RES/70/237 is apt; see also “States agreed that” (para ${n}). ` +
        'This sentence pads the page as a real submission would, with views on capacity-building, norms and the regular institutional dialogue.',
      '',
    );
  }
  return parts.join('\n');
}

// Every line below is measured on the real Zero Draft: without the corpus
// (a fresh clone) they are skipped with a message, not failed.
const missingCorpus = corpusMissing();
if (missingCorpus !== undefined && !corpusRequired) {
  console.log(`oewg-cite bench — skipped: ${missingCorpus}; every line is measured on the real Zero Draft. Put ../shared beside the checkout or set OEWG_SHARED=/path/to/shared, then npm run bench.`);
  process.exit(0);
}
const zeroDraft = readCorpus('zero-draft-2021.txt');
console.log(`oewg-cite bench — node ${process.version}, ${new Date().toISOString()}\n`);
const parsed = time('index the real Zero Draft (117 paragraphs)', () => parseDraft(zeroDraft), 20);
const big = syntheticDraft(zeroDraft, 100);
const bigParsed = time(`index a synthetic draft 100x (${(big.length / 1e6).toFixed(1)} MB)`, () => parseDraft(big), 3);
console.log(`  -> ${bigParsed.paragraphs.length} paragraphs`);

const submission = longSubmission(parsed.paragraphs.length, 100);
const citations = time(`scan a 100-page submission (${(submission.length / 1e3).toFixed(0)} kB) for citations`, () => scanCitations(submission), 10);
console.log(`  -> ${citations.length} citations`);

const root = '/bench';
const fs = new MemoryFileSystem({
  [path.join(root, 'oewg-cite.json')]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] }),
  [path.join(root, 'drafts/zero-draft.txt')]: zeroDraft,
});
const service = createLanguageService(fs, root);
const file = path.join(root, 'submission.md');
let version = 0;
time('diagnostics of the submission after a keystroke', () => {
  service.setDocument(file, submission + ' '.repeat(++version), version);
  return service.diagnostics(file);
}, 10);
const offset = submission.lastIndexOf('para ') + 5;
time('hover on the last citation (document unchanged)', () => service.hover(file, offset), 50);
time('hover on the last citation after a keystroke', () => {
  service.setDocument(file, submission + ' '.repeat(++version), version);
  return service.hover(file, offset);
}, 10);

// Draft history: the same submission read against a Final Draft made from the
// Zero Draft by known edits; the alignment is made once, before the timing.
import { addParagraph, dropSubsections, mergeParagraphs, numberedParagraphs, outlineOf, randomSource, renderOutline, rewordParagraph, splitParagraph, swapSections, syntheticText } from '../support/draftEdits';
import { alignDrafts } from '../../server/src/core/alignment';
{
  let outline = outlineOf(parsed);
  outline = swapSections(dropSubsections(outline, 'Discussions'), 'C', 'D');
  outline = splitParagraph(mergeParagraphs(outline, '19', '20'), '88');
  outline = rewordParagraph(outline, '74', { at: 0.2, remove: 2, insert: ['reaffirm'] });
  const historyFs = new MemoryFileSystem({
    [path.join(root, 'oewg-cite.json')]: JSON.stringify({
      drafts: [
        { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
        { id: 'final-draft', label: 'Final Draft', path: 'drafts/final-draft.txt' },
      ],
      current: 'final-draft',
    }),
    [path.join(root, 'drafts/zero-draft.txt')]: zeroDraft,
    [path.join(root, 'drafts/final-draft.txt')]: renderOutline(outline).text,
  });
  const history = createLanguageService(historyFs, root);
  history.setDocument(file, submission, 0);
  const found = history.diagnostics(file).filter((d) => d.code.startsWith('paragraph-'));
  console.log(`  -> ${found.length} history diagnostics`);
  let keystrokes = 0;
  time('history diagnostics on a 100-page submission citing an older draft', () => {
    history.setDocument(file, submission + ' '.repeat(++keystrokes), keystrokes);
    return history.diagnostics(file);
  }, 10);
  time('update-all source action on that submission', () => history.codeActions(file, { start: 0, end: 0 }, []), 10);
}

// Alignment: two 150-paragraph drafts (the real Zero Draft grown by 33 paragraphs,
// then edited as a new draft would be), the real pair, and two 11,700-paragraph drafts.
{
  const random = randomSource(150);
  let older = outlineOf(parsed);
  for (let i = 0; i < 33; i++) older = addParagraph(older, String(3 * i + 5), syntheticText(random, 40 + Math.floor(random() * 40)));
  const olderDraft = parseDraft(renderOutline(older).text);
  let newer = swapSections(dropSubsections(outlineOf(olderDraft), 'Discussions'), 'C', 'D');
  const left = numberedParagraphs(newer).map((entry) => entry.paragraph.from[0]);
  newer = splitParagraph(mergeParagraphs(newer, left[10], left[11]), left[60]);
  for (const number of [left[20], left[50], left[80]]) newer = rewordParagraph(newer, number, { at: 0.3, remove: 3, insert: ['in', 'particular'] });
  const newerDraft = parseDraft(renderOutline(newer).text);
  time(`align two drafts of ${olderDraft.paragraphs.length} and ${newerDraft.paragraphs.length} paragraphs`, () => alignDrafts(olderDraft, newerDraft), 10);
  const final = renderOutline(swapSections(dropSubsections(outlineOf(parsed), 'Discussions'), 'C', 'D')).draft;
  time(`align the real Zero Draft with it edited (117 -> ${final.paragraphs.length} paragraphs)`, () => alignDrafts(parsed, final), 10);
  const bigNewer = parseDraft(syntheticDraft(zeroDraft, 100).replace(/\bStates\b/g, 'Member States'));
  time(`align two synthetic drafts of ${bigParsed.paragraphs.length} paragraphs`, () => alignDrafts(bigParsed, bigNewer), 1);
}

// Quotations: 100 pages quoting the Zero Draft throughout, a quote a paragraph: exact, reworded (every 4th), cited to the wrong paragraph (every 5th), invented (every 7th).
function quotingSubmission(paragraphs: readonly { number: string; text: string }[], pages: number): string {
  const parts = ['---', 'draft: zero-draft', '---', '', '# Response to the Zero Draft', ''];
  for (let i = 0; i < pages * 6; i++) {
    const paragraph = paragraphs[(i * 7) % paragraphs.length];
    const words = paragraph.text.replace(/["“”]/g, '').split(/\s+/);
    const start = (i * 3) % Math.max(1, words.length - 12);
    const quote = words.slice(start, start + 12);
    if (i % 4 === 1) quote[5] = 'notably';
    const cited = i % 5 === 2 ? paragraphs[(i * 7 + 3) % paragraphs.length].number : paragraph.number;
    const text = i % 7 === 3 ? `a standing body with its own secretariat and a budget for region ${i}` : quote.join(' ');
    parts.push(`We note that the draft speaks of “${text}” (para ${cited}), and we have views on it that pad the page as a real submission would.`, '');
  }
  return parts.join('\n');
}
const quoting = quotingSubmission(parsed.paragraphs, 100);
const quotingFile = path.join(root, 'quoting.md');
service.setDocument(quotingFile, quoting, ++version);
const first = time('quotation diagnostics on a 100-page submission, first run', () => service.diagnostics(quotingFile), 1);
console.log(`  -> ${first.filter((d) => d.code.includes('quot')).length} quotation diagnostics`);
time('quotation diagnostics on a 100-page submission after a keystroke', () => {
  service.setDocument(quotingFile, quoting + ' '.repeat(++version), version);
  return service.diagnostics(quotingFile);
}, 10);

// Navigation: the "cited N times" lenses of the real Zero Draft while a
// 100-page submission (2,400 citations) is typed, references to one of its
// paragraphs, and a words query over the 11,700-paragraph draft.
{
  const navigationFs = new MemoryFileSystem({
    [path.join(root, 'oewg-cite.json')]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }, { id: 'big', label: 'Synthetic Draft', path: 'drafts/big.txt' }], current: 'zero-draft' }),
    [path.join(root, 'drafts/zero-draft.txt')]: zeroDraft,
    [path.join(root, 'drafts/big.txt')]: big,
    [file]: submission,
  });
  const navigation = createLanguageService(navigationFs, root);
  const draftFile = path.join(root, 'drafts/zero-draft.txt');
  let keystrokes = 0;
  const lenses = time('code lenses of the Zero Draft after a keystroke in a 100-page submission', () => {
    navigation.setDocument(file, submission + ' '.repeat(++keystrokes), keystrokes);
    return navigation.codeLenses(draftFile);
  }, 10);
  console.log(`  -> ${lenses.length} lenses, ${lenses.reduce((sum, lens) => sum + lens.references.length, 0)} citations counted`);
  time('code lenses of the Zero Draft, nothing changed', () => navigation.codeLenses(draftFile), 20);
  time('references to para 12 from the submission', () => navigation.references(file, submission.indexOf('para 12') + 6), 20);
  const paragraphs = bigParsed.paragraphs.length + parsed.paragraphs.length;
  time(`workspace symbols "critical infrastructure" over ${paragraphs} paragraphs, first query`, () => navigation.workspaceSymbols('critical infrastructure'), 1);
  time(`workspace symbols "critical infrastructure" over ${paragraphs} paragraphs, next queries`, () => navigation.workspaceSymbols('critical infrastructure'), 10);
}
