// Every edit the draft-history feature offers keeps what the author meant.
// On the sample workspace, on our own fixtures, and on the real corpus (the
// real submission read against the real Zero Draft and a "Final Draft" made
// from it at test time by a known edit script), each quick fix and each
// "Update all citations" is applied, one at a time and in random sequences:
// - only the intended characters change: with every citation (keyword,
//   numbers, draft qualifier) and the front matter's draft taken out, the
//   text is the same before and after, so nothing is lost or mangled;
// - every citation still cites what it cited (update-all), or what the author
//   chose among the paragraphs it became (a quick fix);
// - the text checks again with no new finding at the edited place (a note on a
//   citation that now names its draft is informational, and allowed).
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { whereDidItGo } from '../../server/src/core/alignment';
import { parseDraft } from '../../server/src/core/draftParser';
import type { CoreCodeAction, CoreTextEdit } from '../../server/src/core/features';
import { HISTORY_CODES } from '../../server/src/core/historyFeature';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import type { Citation, CoreDiagnostic, Span } from '../../server/src/core/model';
import type { CitationTarget } from '../../server/src/core/resolver';
import { nounChangeReadsWell } from '../../server/src/core/retarget';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { addParagraph, deleteParagraph, dropSubsections, mergeParagraphs, outlineOf, renderOutline, rewordParagraph, splitParagraph, swapSections } from '../support/draftEdits';
import { fixturesDir, needsCorpus, readCorpus, samplesDir } from '../support/paths';

interface Case {
  name: string;
  service: LanguageService;
  file: string;
  text: string;
  /** The current draft's id, and the older indexed draft's. */
  current: string;
  older: string;
}

const SAMPLE_DRAFTS = ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md'];

function sampleCase(name: string, source: string): Case {
  const root = '/samples';
  const files: Record<string, string> = Object.fromEntries(SAMPLE_DRAFTS.map((n) => [`${root}/${n}`, fs.readFileSync(path.join(samplesDir, n), 'utf8')]));
  const file = `${root}/submissions/${path.basename(source)}`;
  const text = fs.readFileSync(source, 'utf8');
  files[file] = text;
  return { name, service: createLanguageService(new MemoryFileSystem(files), root), file, text, current: 'first-draft', older: 'zero-draft' };
}

/** The real Zero Draft and a Final Draft made from it by known edits (as in historyFeature.test.ts). */
function realCase(name: string, submission: string): Case {
  const zeroDraftText = readCorpus('zero-draft-2021.txt');
  let outline = outlineOf(parseDraft(zeroDraftText));
  outline = dropSubsections(outline, 'Discussions');
  outline = swapSections(outline, 'C', 'D');
  outline = mergeParagraphs(outline, '19', '20');
  outline = splitParagraph(outline, '24');
  outline = rewordParagraph(outline, '74', { at: 0.2, remove: 2, insert: ['reaffirm'] });
  outline = deleteParagraph(outline, '113');
  outline = addParagraph(outline, '110', 'States agreed to take stock of how this report is put into practice at their next session.');
  const root = '/real';
  const file = `${root}/submissions/response.md`;
  const files = new MemoryFileSystem({
    [`${root}/oewg-cite.json`]: JSON.stringify({
      drafts: [
        { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
        { id: 'final-draft', label: 'Final Draft', path: 'drafts/final-draft.txt' },
      ],
      current: 'final-draft',
      submissions: ['submissions/*.md'],
    }),
    [`${root}/drafts/zero-draft.txt`]: zeroDraftText,
    [`${root}/drafts/final-draft.txt`]: renderOutline(outline).text,
    [file]: submission,
  });
  return { name, service: createLanguageService(files, root), file, text: submission, current: 'final-draft', older: 'zero-draft' };
}

function sampleCases(): Case[] {
  return [
    sampleCase('samples: response to the Zero Draft', path.join(samplesDir, 'submissions', 'response-to-zero-draft.md')),
    sampleCase('samples: notes on the First Draft', path.join(samplesDir, 'submissions', 'notes-on-first-draft.txt')),
    sampleCase('fixture: deliberate references', path.join(fixturesDir, 'history', 'deliberate-references.md')),
    sampleCase('fixture: citation forms', path.join(fixturesDir, 'citations', 'submission.md')),
    sampleCase('fixture: footnotes', path.join(fixturesDir, 'resolution', 'footnotes.md')),
    sampleCase('fixture: a notes block', path.join(fixturesDir, 'resolution', 'notes-block.txt')),
    sampleCase('fixture: a title without "#"', path.join(fixturesDir, 'resolution', 'title-without-hash.txt')),
  ];
}

/** The real submission against the real Zero Draft and a Final Draft made from it: read only where the corpus is. */
const CORPUS_CASES: Array<[string, (gpd: string) => string]> = [
  // The real submission under a heading that names the Zero Draft …
  ['corpus: real submission, under a heading naming the Zero Draft', (gpd) => `# Comments on the Zero Draft\n\n${gpd}`],
  // … and read as a response to the Zero Draft, as a front matter says.
  ['corpus: real submission, front matter naming the Zero Draft', (gpd) => `---\ndraft: zero-draft\n---\n\n${gpd}`],
];

function corpusCase(index: number): Case {
  const [name, submission] = CORPUS_CASES[index];
  return realCase(name, submission(readCorpus('gpd-response-to-pre-draft-2020-03.md')));
}

const HISTORY = (code: string) => code in HISTORY_CODES;

/** The actions of the history feature on the text as it stands: every quick fix of every finding, and the update-all. */
function historyActions(service: LanguageService, file: string): CoreCodeAction[] {
  const actions: CoreCodeAction[] = [];
  const seen = new Set<string>();
  const add = (action: CoreCodeAction) => {
    const key = `${action.title}|${JSON.stringify(action.edits)}`;
    if (!seen.has(key)) actions.push(action);
    seen.add(key);
  };
  for (const diagnostic of service.diagnostics(file)) {
    if (!HISTORY(diagnostic.code) && diagnostic.code !== 'missing-paragraph') continue;
    for (const action of service.codeActions(file, diagnostic.span, [diagnostic])) {
      if (action.kind === 'quickfix' && action.fixes?.some((fixed) => HISTORY(fixed.code) || fixed.code === 'missing-paragraph')) add(action);
    }
  }
  const update = service.codeActions(file, { start: 0, end: 0 }, []).find((action) => action.kind === 'source');
  if (update) add(update);
  return actions;
}

function applyEdits(text: string, edits: CoreTextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  sorted.forEach((edit, k) => k > 0 && assert.ok(sorted[k - 1].span.end <= edit.span.start, 'edits overlap'));
  let out = text;
  for (const edit of sorted.reverse()) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

/** A citation's extent: keyword to last number, and its qualifier on either side. */
function extentOf(citation: Citation): Span {
  const q = citation.qualifier?.span;
  return q ? { start: Math.min(citation.span.start, q.start), end: Math.max(citation.span.end, q.end) } : citation.span;
}

/** The text with every citation's extent and the front matter's draft value taken out: what no history edit may touch. */
function skeleton(text: string, citations: Citation[]): string {
  const holes = citations.map(extentOf);
  const frontMatter = /^---[ \t]*\r?\n[\s\S]*?^draft[ \t]*:[ \t]*(.*)$/m.exec(text);
  if (frontMatter && text.startsWith('---')) {
    const start = frontMatter.index + frontMatter[0].length - frontMatter[1].length;
    holes.push({ start, end: start + frontMatter[1].length });
  }
  holes.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const hole of holes) {
    if (hole.start < at) continue;
    out += `${text.slice(at, hole.start)}\u0000`;
    at = hole.end;
  }
  return out + text.slice(at);
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Where a cited number points, as a place in the current draft or, when it has none there, in its own draft. */
function placesOf(kase: Case, citation: Citation, target: CitationTarget): string[] {
  if (target.kind !== 'draft') return citation.numbers.map((n) => `${target.kind}:${n}`);
  const alignment = kase.service.alignment(kase.older, kase.current)!.alignment;
  const olderHas = (n: string) => alignment.fates.some((fate) => fate.older === n);
  return citation.numbers.map((n) => {
    if (target.draft.id === kase.older && olderHas(n)) {
      const fate = whereDidItGo(alignment, n)!;
      // One to one: the same paragraph, under its current number.
      if (fate.newer.length === 1 && ['unchanged', 'renumbered', 'edited', 'moved'].includes(fate.kind)) return `${kase.current}:${fate.newer[0]}`;
    }
    return `${target.draft.id}:${n}`;
  });
}

/** Where each number of a citation may be followed to: itself and what it became. */
function reachable(kase: Case, citation: Citation, target: CitationTarget): Set<string> {
  const alignment = kase.service.alignment(kase.older, kase.current)!.alignment;
  const out = new Set(placesOf(kase, citation, target));
  if (target.kind !== 'draft') return out;
  for (const n of citation.numbers) {
    // A number read in the older draft: by its qualifier, or, when the current draft lacks it, as the previous draft's.
    const fate = alignment.fates.some((f) => f.older === n) ? whereDidItGo(alignment, n) : undefined;
    if (fate && (target.draft.id === kase.older || target.draft.id === kase.current)) {
      for (const m of fate.newer) out.add(`${kase.current}:${m}`);
      out.add(`${kase.older}:${n}`);
    }
  }
  return out;
}

/** Findings on a citation's extent. */
function findingsOn(diagnostics: CoreDiagnostic[], citation: Citation): CoreDiagnostic[] {
  const extent = extentOf(citation);
  return diagnostics.filter((d) => overlaps(d.span, extent));
}

const informational = (d: CoreDiagnostic) => d.severity === 'information' || d.severity === 'hint';

/** Applies one action and checks that it kept meaning; returns the new text. */
function checkAction(kase: Case, text: string, action: CoreCodeAction): string {
  const { service, file } = kase;
  service.setDocument(file, text);
  const before = service.citations(file);
  const diagnosticsBefore = service.diagnostics(file);
  const label = `${kase.name}: ${action.title}`;
  for (const edit of action.edits) assert.equal(edit.file, file, label);
  if (action.kind === 'source') assert.equal(action.needsConfirmation, true, `${label}: previewed`);
  const updated = applyEdits(text, action.edits);
  service.setDocument(file, updated);
  const after = service.citations(file);
  const diagnosticsAfter = service.diagnostics(file);

  // Nothing outside the citations and the front matter's draft changes.
  assert.equal(after.length, before.length, `${label}: as many citations`);
  assert.equal(skeleton(updated, after.map((c) => c.citation)), skeleton(text, before.map((c) => c.citation)), `${label}: only citations change`);

  const touched = (k: number) => action.edits.some((edit) => overlaps(edit.span, extentOf(before[k].citation)));
  const frontMatterMoved = action.kind === 'source' && /^---[\s\S]*?^draft[ \t]*:/m.test(text) && skeleton(text, []) !== skeleton(updated, []);
  before.forEach(({ citation, target }, k) => {
    const now = after[k];
    const was = placesOf(kase, citation, target);
    const is = placesOf(kase, now.citation, now.target);
    if (action.kind === 'source') {
      // Update-all: every citation cites the very paragraphs it cited.
      assert.deepEqual([...new Set(is)].sort(), [...new Set(was)].sort(), `${label}: "${text.slice(extentOf(citation).start, extentOf(citation).end)}" → "${updated.slice(extentOf(now.citation).start, extentOf(now.citation).end)}"`);
      if (citation.qualifier?.kind === 'draft') {
        assert.equal(updated.slice(extentOf(now.citation).start, extentOf(now.citation).end), text.slice(extentOf(citation).start, extentOf(citation).end), `${label}: named its draft, kept as written`);
      }
    } else if (!touched(k) && !frontMatterMoved) {
      assert.deepEqual(now.citation.numbers, citation.numbers, `${label}: an untouched citation keeps its numbers`);
      assert.deepEqual(is, was, `${label}: an untouched citation keeps its target`);
    } else {
      // The fixed citation cites some of what its paragraphs became, as the author chose.
      const allowed = reachable(kase, citation, target);
      for (const place of is) assert.ok(allowed.has(place), `${label}: ${place} is not where ${was.join(', ')} went`);
    }
    if (touched(k)) {
      // The noun changes number only where the sentence still reads ("in para 13" → "in paras 10 and 11", never "Paragraph 13 says" → "Paragraphs 10 and 11 says").
      if ((citation.numbers.length === 1) !== (now.citation.numbers.length === 1)) assert.ok(nounChangeReadsWell(text, citation), `${label}: the noun of "${text.slice(citation.span.start, citation.span.end)}" changed number`);
      // A list written in order stays in order.
      const ascending = (c: Citation) => c.numbers.every((n, i) => i === 0 || parseInt(c.numbers[i - 1], 10) < parseInt(n, 10));
      if (citation.numbers.length > 1 && ascending(citation) && !/respectively/.test(updated.slice(now.citation.span.end, now.citation.span.end + 120).split(/[.;]/)[0])) {
        assert.ok(ascending(now.citation), `${label}: "${updated.slice(now.citation.span.start, now.citation.span.end)}" out of order`);
      }
    }
    // No new finding at the place: every finding there now was there before, or is the informational note of a citation naming its draft.
    if (action.kind === 'source' || touched(k)) {
      const codesBefore = new Set(findingsOn(diagnosticsBefore, citation).map((d) => d.code));
      const fixed = new Set((action.fixes ?? []).map((d) => `${d.code}@${d.span.start}`));
      for (const finding of findingsOn(diagnosticsAfter, now.citation)) {
        const named = now.citation.qualifier?.kind === 'draft' && HISTORY(finding.code) && informational(finding);
        assert.ok(codesBefore.has(finding.code) || named, `${label}: new finding ${finding.code} "${finding.message}" on "${updated.slice(extentOf(now.citation).start, extentOf(now.citation).end)}"`);
      }
      if (fixed.size && touched(k)) {
        const stillThere = findingsOn(diagnosticsAfter, now.citation).filter((d) => (action.fixes ?? []).some((f) => f.code === d.code && overlaps(f.span, extentOf(citation))));
        assert.deepEqual(stillThere.map((d) => d.code), [], `${label}: what it fixes is gone`);
      }
    }
  });
  return updated;
}

describe('every history edit keeps what the author meant (samples, fixtures, real corpus)', () => {
  const samples = sampleCases();
  const corpus: Case[] = [];

  const checkEach = (kase: Case) => {
    const actions = historyActions(kase.service, kase.file);
    assert.ok(actions.length > 0, 'something to check');
    if (process.env.SHOW_COUNTS) console.log(kase.name, actions.length);
    for (const action of actions) checkAction(kase, kase.text, action);
    kase.service.setDocument(kase.file, kase.text);
  };
  for (const kase of samples) it(`${kase.name}: each quick fix and the update-all, one at a time`, () => checkEach(kase));
  CORPUS_CASES.forEach(([name], index) => {
    it(`${name}: each quick fix and the update-all, one at a time`, function () {
      needsCorpus(this);
      const kase = corpusCase(index);
      corpus.push(kase);
      checkEach(kase);
    });
  });

  // On the samples and fixtures, and on the real submission where the corpus is (read by the tests above).
  it('random sequences of history edits, each checked as it is applied (property)', () => {
    const all = [...samples, ...corpus];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (which, choices) => {
        const kase = all[which];
        let text = kase.text;
        try {
          for (const choice of choices) {
            kase.service.setDocument(kase.file, text);
            const actions = historyActions(kase.service, kase.file);
            if (!actions.length) break;
            text = checkAction(kase, text, actions[choice % actions.length]);
          }
        } finally {
          kase.service.setDocument(kase.file, kase.text);
        }
      }),
      { numRuns: 40 },
    );
  });
});
