import { strict as assert } from 'assert';
import { parseConfig } from '../../server/src/core/config';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { Citation } from '../../server/src/core/model';
import { documentContext, draftNamedIn, findHeadings, readFrontMatter, resolveCitation } from '../../server/src/core/resolver';

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
