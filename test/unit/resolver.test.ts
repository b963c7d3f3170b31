import { strict as assert } from 'assert';
import { parseConfig } from '../../server/src/core/config';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { Citation } from '../../server/src/core/model';
import { documentContext, draftNamedIn, findFootnotes, findHeadings, findTitleLines, readFrontMatter, resolveCitation } from '../../server/src/core/resolver';
import * as fs from 'fs';
import * as path from 'path';
import { fixturesDir, samplesDir } from '../support/paths';

const { config } = parseConfig(
  JSON.stringify({
    drafts: [
      { id: 'pre-draft', label: 'Pre-draft' },
      { id: 'revised-pre-draft', label: 'Revised Pre-draft' },
      { id: 'zero-draft', label: 'Zero Draft', path: 'zero.txt' },
      { id: 'first-draft', label: 'First Draft', path: 'first.md' },
    ],
    current: 'first-draft',
  }),
  '/ws/oewg-cite.json',
);
const drafts = config.drafts;
const current = drafts[3];

function citationAt(text: string, needle: string, qualifier?: Citation['qualifier']): Citation {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { span: { start, end: start + needle.length }, keyword: 'para', parts: [], numbers: ['1'], qualifier };
}

describe('resolving a citation to a draft', () => {
  it('an explicit qualifier wins over front matter and headings', () => {
    const text = '---\ndraft: zero-draft\n---\n\n# Comments on the First Draft\n\nSee para 7 of the Pre-draft.\n';
    const context = documentContext(text, drafts);
    const target = resolveCitation(citationAt(text, 'para 7', { kind: 'draft', name: 'Pre-draft', span: { start: 0, end: 0 } }), context, { drafts, current });
    assert.equal(target.kind === 'draft' && target.draft.id, 'pre-draft');
    assert.equal(target.kind === 'draft' && target.reason, 'qualifier');
  });

  it('then the front matter (id or label), then the nearest heading naming a draft, then the current draft', () => {
    const withFrontMatter = '---\ntitle: Our views\ndraft: Zero Draft\n---\n\nOn para 4 we agree.\n';
    let target = resolveCitation(citationAt(withFrontMatter, 'para 4'), documentContext(withFrontMatter, drafts), { drafts, current });
    assert.deepEqual(target.kind === 'draft' && [target.draft.id, target.reason], ['zero-draft', 'front-matter']);

    const withHeadings = 'Response to the consultation\n\n## Comments on the Revised Pre-draft\n\nOn para 4 we agree.\n\nComments on the Zero Draft\n\nOn para 9 we do not.\n';
    const context = documentContext(withHeadings, drafts);
    target = resolveCitation(citationAt(withHeadings, 'para 4'), context, { drafts, current });
    assert.deepEqual(target.kind === 'draft' && [target.draft.id, target.reason], ['revised-pre-draft', 'heading']);
    target = resolveCitation(citationAt(withHeadings, 'para 9'), context, { drafts, current });
    assert.deepEqual(target.kind === 'draft' && [target.draft.id, target.reason], ['zero-draft', 'heading'], 'a plain-text heading counts');

    const plain = 'We welcome para 3.\n';
    target = resolveCitation(citationAt(plain, 'para 3'), documentContext(plain, drafts), { drafts, current });
    assert.deepEqual(target.kind === 'draft' && [target.draft.id, target.reason], ['first-draft', 'current']);
  });

  it('an unknown draft name is its own outcome; documents are not drafts', () => {
    const text = 'para 2 of the Second Draft; A/70/174, para 12';
    const context = documentContext(text, drafts);
    const unknown = resolveCitation(citationAt(text, 'para 2', { kind: 'draft', name: 'Second Draft', span: { start: 7, end: 26 } }), context, { drafts, current });
    assert.equal(unknown.kind, 'unknown-draft');
    const document = resolveCitation(citationAt(text, 'para 12', { kind: 'document', symbol: 'A/70/174', span: { start: 29, end: 37 } }), context, { drafts, current });
    assert.deepEqual(document, { kind: 'document', name: 'A/70/174' });
  });

  it('inside a draft, "of this report" and bare numbers are the draft itself', () => {
    const text = '12. As noted in paragraph 85 of this report, States agreed.';
    const selfDraft = drafts[2];
    const target = resolveCitation(citationAt(text, 'paragraph 85', { kind: 'self', span: { start: 0, end: 0 } }), documentContext(text, drafts), { drafts, current, selfDraft });
    assert.deepEqual(target.kind === 'draft' && [target.draft.id, target.reason], ['zero-draft', 'self']);
  });

  it('reads front matter and reports YAML errors without throwing', () => {
    assert.deepEqual(readFrontMatter('---\ndraft: zero-draft\n---\nbody')?.draft?.name, 'zero-draft');
    const text = '---\ndraft: zero-draft\n---\n';
    const found = readFrontMatter(text)!;
    assert.equal(text.slice(found.draft!.span.start, found.draft!.span.end), 'zero-draft');
    assert.ok(readFrontMatter('---\ndraft: [unclosed\n---\n')?.error);
    assert.equal(readFrontMatter('no front matter\n---\n'), undefined);
  });

  it('finds headings in Markdown and plain text, not in sentences or lists', () => {
    const text = '# Title\n\nA short standalone line\n\nA sentence that ends with a period.\n\n- a list item\n\nSetext heading\n---------------\n';
    const headings = findHeadings(text).map((span) => text.slice(span.start, span.end));
    assert.deepEqual(headings, ['# Title', 'A short standalone line', 'Setext heading']);
  });

  it('prefers the longer name at the same place ("Revised Pre-draft" over "Pre-draft")', () => {
    assert.equal(draftNamedIn('Comments on the revised pre-draft', drafts)?.id, 'revised-pre-draft');
    assert.equal(draftNamedIn('Comments on the pre-draft', drafts)?.id, 'pre-draft');
    assert.equal(draftNamedIn('Final observations', drafts), undefined);
  });
});

describe("a citation of the author's own text", () => {
  it('is never checked against a draft, and its hover says why', () => {
    const root = '/own';
    const file = `${root}/response.md`;
    const text = '---\ndraft: zero-draft\n---\n\nAs paragraph 130 of our 2019 submission argued, and as our para 131 above says, para 132 is missing.\n';
    const service = createLanguageService(
      new MemoryFileSystem({
        [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'zero.txt' }] }),
        [`${root}/zero.txt`]: 'A. Introduction\n\n1. States met.\n\n2. States agreed.\n',
        [file]: text,
      }),
      root,
    );
    assert.deepEqual(service.diagnostics(file).map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [['missing-paragraph', 'para 132']]);
    assert.match(service.hover(file, text.indexOf('paragraph 130') + 2)!.markdown, /of the author's own text, not of a draft: not checked/);
  });
});

describe('resolution on hard cases: titles without "#" and footnotes', () => {
  const ROOT = '/samples';
  const read = (name: string) => fs.readFileSync(path.join(fixturesDir, 'resolution', name), 'utf8');
  const names = ['title-without-hash.txt', 'footnotes.md', 'notes-block.txt'];
  const files: Record<string, string> = Object.fromEntries(
    ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md'].map((n) => [`${ROOT}/${n}`, fs.readFileSync(path.join(samplesDir, n), 'utf8')]),
  );
  for (const name of names) files[`${ROOT}/submissions/${name}`] = read(name);
  const service = createLanguageService(new MemoryFileSystem(files), ROOT);
  /** Each citation as written, with what it resolves to and why. */
  const resolved = (name: string) => {
    const file = `${ROOT}/submissions/${name}`;
    const text = files[file];
    return service.citations(file).map(({ citation, target }) => {
      const to = target.kind === 'draft' ? `${target.draft.id} (${target.reason})` : target.kind === 'document' ? `document “${target.name}”` : target.kind;
      return `${text.slice(citation.span.start, citation.span.end)} → ${to}`;
    });
  };

  it('reads a long title without "#", with its author on the next line, as a heading (test/fixtures/resolution/title-without-hash.txt)', () => {
    assert.deepEqual(resolved('title-without-hash.txt'), [
      'paragraph 17 → pre-draft (heading)',
      'paras 24-26 → pre-draft (heading)',
      'para 12 → zero-draft (heading)',
      'paras 9-11 → zero-draft (heading)',
    ]);
  });

  it('finds titles and short lines standing alone, not sentences, lists or paragraphs', () => {
    const lines = (text: string) => findTitleLines(text).map((span) => text.slice(span.start, span.end));
    const title = 'Comments on the Pre-draft of the report of the Open-ended Working Group on Developments in the Field of Information and Telecommunications in the Context of International Security';
    assert.deepEqual(lines(`${title}\n\nWe welcome para 17.\n`), [title]);
    assert.deepEqual(lines('Comments on the Pre-draft of the OEWG report\nCivic Cyber Forum, March 2020\n\nWe welcome para 17.\n'), ['Comments on the Pre-draft of the OEWG report\nCivic Cyber Forum, March 2020']);
    assert.deepEqual(lines('Comments on the Pre-draft of the OEWG report\nWe welcome para 17 and the recognition of threats, which we share.\n'), ['Comments on the Pre-draft of the OEWG report'], 'a title right above the text');
    assert.deepEqual(lines('Comments on the Pre-draft of the OEWG report.\n\nWe welcome para 17.\n'), ['Comments on the Pre-draft of the OEWG report.'], 'a title may end with a full stop');
    assert.deepEqual(
      lines('---\ndraft: zero-draft\n---\n\nOur views\n\nWe welcome para 17 of the Zero Draft.\n\nComments on the\nFirst Draft\n\n- a list item naming the Zero Draft\n\nA sentence naming the Zero Draft.\n\nwe welcome the text of the First Draft and\nits recognition of threats that we share.\n'),
      ['Our views', 'Comments on the\nFirst Draft'],
    );
    assert.deepEqual(lines('We welcome the Zero Draft and\nthe chance to comment on it.\n'), [], 'a wrapped sentence is no title');
  });

  it('reads a citation in a Markdown footnote in the footnote’s own context (test/fixtures/resolution/footnotes.md)', () => {
    // [^6]: "… of the Charter of the United Nations; see also para 24": the Charter's name ends with its clause.
    assert.deepEqual(resolved('footnotes.md'), [
      'para 12 → zero-draft (heading)',
      'para 13 → zero-draft (heading)',
      'para 14 → zero-draft (footnote)',
      'para 36 → document “Tunis Commitment of the World Summit on the Information Society”',
      'para 49 → first-draft (heading)',
      'Para 40 → document “Geneva Declaration of Principles”',
      'para 15 → zero-draft (heading)',
      'para 24 → first-draft (heading)',
    ]);
    const file = `${ROOT}/submissions/footnotes.md`;
    const messages = service.diagnostics(file).map((d) => `${d.code}: ${d.message}`);
    assert.ok(messages.includes('document-not-indexed: “Geneva Declaration of Principles” is not indexed: add it to "references" in oewg-cite.json with a path to check para 40'));
    assert.ok(!messages.some((m) => /para 36 of the|para 36: the/.test(m)), 'para 36 of the Tunis Commitment is not checked against a draft');
    const footnotes = findFootnotes(files[file], config.drafts);
    assert.deepEqual(footnotes.map((f) => f.label), ['1', '2', '3', '4', '5', '6']);
    assert.ok(footnotes.every((f) => f.referenceAt !== undefined && f.referenceAt < f.span.start), 'each is referred to above');
  });

  it('reads a citation in a "Notes" block of plain text in the note’s context (test/fixtures/resolution/notes-block.txt)', () => {
    assert.deepEqual(resolved('notes-block.txt'), [
      'para 12 → zero-draft (heading)',
      'para 13 → zero-draft (heading)',
      'para 44 → zero-draft (heading)',
      'para 36 → document “Tunis Commitment”',
      'para 41 → first-draft (qualifier)',
    ]);
  });

  it('keeps the note on a citation in a footnote that names its draft informational, and leaves it as written when the file moves on', () => {
    const file = `${ROOT}/submissions/footnotes.md`;
    const note = service.diagnostics(file).find((d) => d.code === 'paragraph-edited')!;
    assert.equal(files[file].slice(note.span.start, note.span.end), 'para 14');
    assert.equal(note.severity, 'information');
    const update = service.codeActions(file, { start: 0, end: 0 }, []).find((a) => a.kind === 'source')!;
    const touched = update.edits.map((e) => files[file].slice(e.span.start - 8, e.span.end + 8));
    assert.ok(!touched.some((t) => t.includes('para 14')), touched.join(' | '));
  });
});
