// Whatever a user types, the service answers: submissions and drafts made of
// the pieces real documents are made of (citations in every form, quotations,
// symbols, headings, front matter, lists, footnote markers), cut and joined at
// random, never make hover, definition, diagnostics, completion, code actions,
// links, references, outline, workspace symbols or code lenses throw, and
// every span they give lies inside the text.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/core/languageService';
import type { Span } from '../../server/src/core/model';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { samplesDir } from '../support/paths';

const ROOT = '/robust';
const SAMPLE_FILES = ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md'];

const PIECES = [
  'para 12', 'paras 9–11', 'paragraphs 24, 28 and 30', '¶¶ 57-60', 'paragraph 13(a)', 'para 74 bis', 'paras 60-57', 'para 130',
  'of the Zero Draft', 'of the First Draft', 'of the Pre-draft', 'Zero Draft, para 14', 'of our submission', 'above', 'et seq.',
  '“growing in scale, frequency and sophistication”', '"could have grave', 'consequences"', '“…”', '[s]tates', '[…]',
  'A/RES/70/237', 'resolution 73/27', 'A/70/174, para 12', 'A/RES/70-237', 'S/RES/2341 (2017)', '43/78(H)', 'at [64]',
  '\n', '\n\n', '\r\n', '## Comments on the Zero Draft\n', '---\ndraft: zero-draft\n---\n', '---\ndraft: [\n', '> ', '- ', '1. ',
  '¹', '[^2]', '<sup>3</sup>', '**', '_', '(', ')', ', ', '; ', '. ', ' and ', ' ', '\u00a0', '\t', 'States agreed that', 'é', '🙂', '\ufeff',
];

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

function inside(span: Span, length: number): boolean {
  return span.start >= 0 && span.end >= span.start && span.end <= length;
}

describe('the language service on text cut and joined at random', () => {
  const files = Object.fromEntries(SAMPLE_FILES.map((name) => [`${ROOT}/${name}`, fs.readFileSync(path.join(samplesDir, name), 'utf8')]));
  const service = createLanguageService(new MemoryFileSystem(files), ROOT);
  const submission = `${ROOT}/submissions/random.md`;
  const draft = `${ROOT}/drafts/zero-draft.txt`;

  it('answers every request on a submission, with spans inside the text', () => {
    fc.assert(
      fc.property(text, fc.nat(), (written, seed) => {
        service.setDocument(submission, written);
        const diagnostics = service.diagnostics(submission, { evenIfNotSubmission: true });
        for (const diagnostic of diagnostics) assert.ok(inside(diagnostic.span, written.length), JSON.stringify(diagnostic));
        const offset = written.length ? seed % (written.length + 1) : 0;
        const hover = service.hover(submission, offset);
        if (hover) assert.ok(inside(hover.span, written.length));
        service.definition(submission, offset);
        for (const entry of service.completions(submission, offset)) assert.ok(inside(entry.replaceSpan, written.length));
        for (const action of service.codeActions(submission, { start: offset, end: offset }, diagnostics)) {
          for (const edit of action.edits.filter((e) => e.file === submission)) assert.ok(inside(edit.span, written.length), action.title);
        }
        for (const link of service.documentLinks(submission)) assert.ok(inside(link.span, written.length));
        service.references(submission, offset, { includeDeclaration: true });
        service.documentSymbols(submission);
        service.workspaceSymbols(written.slice(0, 20));
      }),
      { numRuns: 150 },
    );
  });

  it('answers on a draft that is edited into anything, and comes back when the text does', () => {
    const original = files[draft];
    fc.assert(
      fc.property(text, (written) => {
        service.setDocument(draft, written);
        service.diagnostics(draft);
        service.documentSymbols(draft);
        service.codeLenses(draft);
        service.setDocument(submission, 'We welcome para 12 and paras 9–11.\n');
        service.diagnostics(submission, { evenIfNotSubmission: true });
        service.hover(submission, 12);
      }),
      { numRuns: 60 },
    );
    service.setDocument(draft, original);
    // The Zero Draft is whole again: the current draft's para 12 is again its para 14.
    assert.match(service.hover(submission, 12)!.markdown, /First Draft para 12: was para 14 of the Zero Draft/);
  });
});
