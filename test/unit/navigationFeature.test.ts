// Navigation through the language service: find all references to a
// paragraph (matched by the draft each citation resolves to), the outline of
// drafts and submissions, workspace symbols and the "cited N times" code
// lenses. On the sample workspace (samples/EXPECTED.md says where each
// citation resolves) and on the real Zero Draft with the real GPD response.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { OutlineSymbol, ReferenceEntry } from '../../server/src/core/features';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { MAX_WORKSPACE_SYMBOLS } from '../../server/src/core/navigationFeature';
import type { Span } from '../../server/src/core/model';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { needsCorpus, readCorpus, samplesDir } from '../support/paths';

const ROOT = '/samples';
const ZERO = `${ROOT}/drafts/zero-draft.txt`;
const FIRST = `${ROOT}/drafts/first-draft.md`;
const RESPONSE = `${ROOT}/submissions/response-to-zero-draft.md`;
const NOTES = `${ROOT}/submissions/notes-on-first-draft.txt`;
const SAMPLE_FILES = ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md', 'submissions/response-to-zero-draft.md', 'submissions/notes-on-first-draft.txt'];

function sampleService(): { service: LanguageService; files: MemoryFileSystem } {
  const files = new MemoryFileSystem(Object.fromEntries(SAMPLE_FILES.map((name) => [`${ROOT}/${name}`, fs.readFileSync(path.join(samplesDir, name), 'utf8')])));
  return { service: createLanguageService(files, ROOT), files };
}

function offsetOf(text: string, needle: string, plus = 0): number {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `"${needle}" not found`);
  return index + plus;
}

/** 1-based line of an offset. */
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Line (1-based) of "N." opening a paragraph in a draft's text. */
function paragraphLine(text: string, number: string): number {
  const index = text.split('\n').findIndex((line) => new RegExp(`^(\\*\\*)?${number}\\.\\s`).test(line));
  assert.ok(index >= 0, `paragraph ${number} not in the draft`);
  return index + 1;
}

/** "drafts/zero-draft.txt:94 30." for each place, sorted: what a reader checks in the references view. */
function places(files: MemoryFileSystem, root: string, references: ReferenceEntry[]): string[] {
  return references
    .map((reference) => {
      const text = files.readFile(reference.file)!;
      return `${path.posix.relative(root, reference.file)}:${lineOf(text, reference.span.start)} ${text.slice(reference.span.start, reference.span.end)}`;
    })
    .sort();
}

const slice = (text: string, span: Span) => text.slice(span.start, span.end);

/** Every outline node holds its selection and its children, and siblings do not overlap. */
function assertNested(nodes: OutlineSymbol[], outer: Span): void {
  nodes.forEach((node, i) => {
    assert.ok(outer.start <= node.span.start && node.span.end <= outer.end, `${node.name} outside its parent`);
    assert.ok(node.span.start <= node.selectionSpan.start && node.selectionSpan.end <= node.span.end, `${node.name}: selection outside its range`);
    if (i > 0) assert.ok(nodes[i - 1].span.end <= node.span.start, `${nodes[i - 1].name} overlaps ${node.name}`);
    assertNested(node.children, node.span);
  });
}

function flatten(nodes: OutlineSymbol[]): OutlineSymbol[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

describe('navigationFeature: find all references to a paragraph (samples)', () => {
  const { service, files } = sampleService();
  const response = files.readFile(RESPONSE)!;
  const zero = files.readFile(ZERO)!;
  const first = files.readFile(FIRST)!;
  const at = (file: string, offset: number, includeDeclaration = true) => places(files, ROOT, service.references(file, offset, { includeDeclaration }));

  it('finds every citation of Zero Draft para 30 and the paragraph, but not "First Draft, paragraph 30"', () => {
    // response line 31: "paragraphs 24, 26 and 30"; line 35: "paras 30-32" (front matter: Zero Draft).
    const expected = [`drafts/zero-draft.txt:${paragraphLine(zero, '30')} 30.`, 'submissions/response-to-zero-draft.md:31 30', 'submissions/response-to-zero-draft.md:35 30'];
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'paras 30-32', 'paras '.length)), expected);
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'paragraphs 24, 26 and 30', 'paragraphs 24, 26 and 3'.length)), expected);
  });

  it('finds the First Draft para 30 only where a citation resolves to the First Draft', () => {
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'First Draft, paragraph 30', 'First Draft, paragraph 3'.length)), [
      `drafts/first-draft.md:${paragraphLine(first, '30')} 30.`,
      'submissions/response-to-zero-draft.md:63 30',
    ]);
  });

  it('starts from a paragraph number in a draft: First Draft para 10 is cited by a qualifier and by a heading, Zero Draft para 10 by a range', () => {
    assert.deepEqual(at(FIRST, offsetOf(first, '\n10. ', 1)), [
      `drafts/first-draft.md:${paragraphLine(first, '10')} 10.`,
      'submissions/notes-on-first-draft.txt:3 10', // "paras 10-11" under the heading naming the First Draft
      'submissions/response-to-zero-draft.md:23 10', // "paragraph 10 of the First Draft"
    ]);
    // "paras 9–11" names 10 without writing it: the whole range is the reference.
    assert.deepEqual(at(ZERO, offsetOf(zero, '\n10. ', 3)), [`drafts/zero-draft.txt:${paragraphLine(zero, '10')} 10.`, 'submissions/response-to-zero-draft.md:21 9–11']);
  });

  it('on the keyword of a range, finds the citations of every paragraph it names', () => {
    const found = at(RESPONSE, offsetOf(response, 'paras 30-32', 1));
    for (const number of ['30', '31', '32']) assert.ok(found.includes(`drafts/zero-draft.txt:${paragraphLine(zero, number)} ${number}.`), `para ${number} in ${found.join(', ')}`);
    assert.ok(found.includes('submissions/response-to-zero-draft.md:35 32'));
  });

  it('leaves the paragraph itself out when the editor asks without the declaration', () => {
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'paras 30-32', 'paras '.length), false), ['submissions/response-to-zero-draft.md:31 30', 'submissions/response-to-zero-draft.md:35 30']);
  });

  it('includes the draft\'s own cross-reference ("paragraph 48 of this report"), from the submission and from the draft', () => {
    const expected = [
      `drafts/zero-draft.txt:${paragraphLine(zero, '48')} 48.`,
      'drafts/zero-draft.txt:80 48', // para 26: "paragraph 48 of this report"
      'submissions/response-to-zero-draft.md:49 48',
    ];
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'para 48', 'para 4'.length)), expected);
    assert.deepEqual(at(ZERO, offsetOf(zero, 'paragraph 48 of this report', 'paragraph 4'.length)), expected);
    assert.deepEqual(at(ZERO, offsetOf(zero, 'paragraph 48 of this report', 'paragraph 48 of th'.length)), expected);
  });

  it('a citation of the Pre-draft (not indexed) has no declaration and is not Zero Draft para 7', () => {
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'para 7 of the Pre-draft', 'para '.length)), ['submissions/response-to-zero-draft.md:17 7']);
  });

  it('a paragraph the draft does not have is found by its citations alone', () => {
    assert.deepEqual(at(RESPONSE, offsetOf(response, 'para 130', 'para 1'.length)), ['submissions/response-to-zero-draft.md:25 130']);
  });

  it('answers nothing away from citations and paragraph numbers, and keeps the UN symbols\' references', () => {
    assert.deepEqual(service.references(RESPONSE, offsetOf(response, 'Civic Cyber Forum welcomes')), []);
    assert.deepEqual(service.references(ZERO, offsetOf(zero, 'States described a broad spectrum')), []);
    const symbol = at(RESPONSE, offsetOf(response, 'A/RES/70/237', 3));
    assert.ok(symbol.includes('submissions/notes-on-first-draft.txt:6 Res 70/237'), symbol.join('\n'));
    assert.ok(symbol.every((place) => /A\/RES\/70\/237|Res 70\/237|70\/237/.test(place)), symbol.join('\n'));
  });

  it('a file outside the submission globs finds its own citations with the others', () => {
    const scratch = `${ROOT}/scratch.md`;
    const text = '---\ndraft: zero-draft\n---\n\nOur note on para 30, to be merged later.\n';
    files.files.set(scratch, text);
    service.setDocument(scratch, text);
    try {
      const found = at(scratch, offsetOf(text, 'para 30', 'para '.length));
      assert.ok(found.includes('scratch.md:5 30'), found.join('\n'));
      assert.ok(found.includes('submissions/response-to-zero-draft.md:35 30'), found.join('\n'));
    } finally {
      service.closeDocument(scratch);
      files.files.delete(scratch);
    }
  });
});

describe('navigationFeature: outline (samples)', () => {
  const { service, files } = sampleService();
  const zero = files.readFile(ZERO)!;
  const first = files.readFile(FIRST)!;
  const response = files.readFile(RESPONSE)!;

  it('a plain-text draft: its sections A–H, as written, each holding its paragraphs and sub-headings', () => {
    const outline = service.documentSymbols(ZERO);
    const sectionLines = [...zero.matchAll(/^([A-H])\. (.+)$/gm)].map((match) => match[0]);
    assert.equal(sectionLines.length, 8);
    assert.deepEqual(outline.map((node) => node.name), sectionLines);
    assert.ok(outline.every((node) => node.kind === 'section' && slice(zero, node.selectionSpan) === node.name));
    assertNested(outline, { start: 0, end: zero.length });
    const threats = outline[1];
    assert.equal(threats.detail, 'paras 8–15');
    assert.deepEqual(threats.children.map((node) => [node.kind, node.name.split(' — ')[0], node.detail]), [
      ['paragraph', 'para 8', undefined],
      ['subheading', 'Discussions', 'paras 9–11'],
      ['subheading', 'Conclusions', 'paras 12–15'],
    ]);
    assert.deepEqual(threats.children[2].children.map((node) => slice(zero, node.selectionSpan)), ['12.', '13.', '14.', '15.']);
  });

  it('every paragraph once, in order, named by its number and first words, selected on its number', () => {
    const paragraphs = flatten(service.documentSymbols(ZERO)).filter((node) => node.kind === 'paragraph');
    assert.deepEqual(paragraphs.map((node) => slice(zero, node.selectionSpan)), Array.from({ length: 59 }, (_, i) => `${i + 1}.`));
    const line12 = zero.split('\n')[paragraphLine(zero, '12') - 1];
    const words = line12.replace(/^12\.\s*/, '').split(' ').slice(0, 8).join(' ');
    assert.equal(paragraphs[11].name, `para 12 — ${words} …`);
    // The paragraph interrupted by a page break runs over its footnotes to its last piece.
    assert.match(slice(zero, paragraphs[4].span), /perspectives before the Group/);
  });

  it('a Markdown draft: "###" sub-headings selected on their line', () => {
    const outline = service.documentSymbols(FIRST);
    assert.deepEqual(outline.map((node) => node.name.slice(0, 2)), ['A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.']);
    const conclusions = outline[1].children.find((node) => node.kind === 'subheading')!;
    assert.equal(slice(first, conclusions.selectionSpan), '### Conclusions');
    assert.equal(conclusions.name, 'Conclusions');
    assertNested(outline, { start: 0, end: first.length });
  });

  it('a submission: its headings nested by level, front matter left out, each citation under its heading with the draft it resolves to', () => {
    const outline = service.documentSymbols(RESPONSE);
    assert.deepEqual(outline.map((node) => node.name), ['Civic Cyber Forum: comments on the Zero Draft']);
    assertNested(outline, { start: 0, end: response.length });
    const sections = outline[0].children;
    assert.deepEqual(sections.map((node) => node.name), [
      'About Civic Cyber Forum',
      'A. Introduction',
      'B. Existing and Potential Threats',
      'C. International Law',
      'D. Rules, Norms and Principles for Responsible State Behaviour',
      'E. Confidence-building Measures',
      'F. Capacity-building',
      'G. Regular Institutional Dialogue',
      'H. Conclusions and Recommendations',
      'Comments on the First Draft',
    ]);
    assert.deepEqual(sections[1].children.map((node) => [node.kind, node.name, node.detail]), [
      ['citation', 'para 7', 'Pre-draft (not indexed)'],
      ['citation', 'para 5', 'First Draft'],
    ]);
    assert.deepEqual(sections[2].children.map((node) => `${node.name} (${node.detail})`), [
      'para 12 (Zero Draft)',
      'paras 9–11 (Zero Draft)',
      'Paragraph 13 (Zero Draft)',
      'paragraph 10 (First Draft)',
      'Paragraph 14 (Zero Draft)',
      'para 130 (Zero Draft)',
    ]);
    // "First Draft, para 5": the qualifier before the keyword is part of the entry, the citation is selected.
    const para5 = sections[1].children[1];
    assert.equal(slice(response, para5.span), 'First Draft, para 5');
    assert.equal(slice(response, para5.selectionSpan), 'para 5');
    // The 26 citations of EXPECTED.md, all under a heading.
    assert.equal(flatten(outline).filter((node) => node.kind === 'citation').length, 26);
  });

  it('a plain-text submission: the line that reads as a heading holds the four citations', () => {
    const outline = service.documentSymbols(NOTES);
    assert.deepEqual(outline.map((node) => node.name), ['Civic Cyber Forum - working notes on the First Draft']);
    assert.deepEqual(outline[0].children.map((node) => `${node.name} (${node.detail})`), ['paras 10-11 (First Draft)', 'Paragraph 42 (First Draft)', 'para 57 (First Draft)', 'para 51 (First Draft)']);
  });

  it('no outline for a file the service does not check', () => {
    service.setDocument(`${ROOT}/README.md`, '# Notes\n\nSee para 12.\n');
    assert.deepEqual(service.documentSymbols(`${ROOT}/README.md`), []);
  });
});

describe('navigationFeature: workspace symbols (samples)', () => {
  const { service, files } = sampleService();

  it('a number finds that paragraph in each draft first, the current draft (First Draft) before the Zero Draft', () => {
    for (const query of ['12', 'para 12', 'paragraph 12', '¶ 12']) {
      const found = service.workspaceSymbols(query);
      assert.deepEqual(found.slice(0, 2).map((symbol) => [symbol.containerName, symbol.file, slice(files.readFile(symbol.file)!, symbol.span)]), [
        ['First Draft', FIRST, '12.'],
        ['Zero Draft', ZERO, '12.'],
      ], query);
      assert.match(found[0].name, /^para 12 — States agreed that a lack of awareness/);
    }
  });

  it('then the numbers that start with it, in order', () => {
    const names = service.workspaceSymbols('5').map((symbol) => `${symbol.containerName} ${symbol.name.split(' — ')[0]}`);
    assert.deepEqual(names.slice(0, 2), ['First Draft para 5', 'Zero Draft para 5']);
    assert.deepEqual(names.slice(2, 2 + 5 + 10), [
      ...['50', '51', '52', '53', '54'].map((n) => `First Draft para ${n}`),
      ...['50', '51', '52', '53', '54', '55', '56', '57', '58', '59'].map((n) => `Zero Draft para ${n}`),
    ]);
  });

  it('words find the paragraphs holding them, the phrase first, each name showing the words', () => {
    const found = service.workspaceSymbols('critical infrastructure');
    assert.ok(found.length >= 4, found.map((symbol) => symbol.name).join('\n'));
    for (const symbol of found) assert.match(symbol.name, /critical infrastructure/i);
    // Out of order, the words are still found, and the name holds them in the order typed.
    const reversed = service.workspaceSymbols('infrastructure critical');
    assert.deepEqual(reversed.map((symbol) => symbol.name.split(' — ')[0]), found.map((symbol) => symbol.name.split(' — ')[0]));
    for (const symbol of reversed) assert.match(symbol.name, /infrastructure.*critical/i);
    // The last word may be unfinished while typing.
    assert.deepEqual(service.workspaceSymbols('critical infra').map((symbol) => symbol.name), found.map((symbol) => symbol.name));
  });

  it('the exact phrase before paragraphs that only hold its words apart', () => {
    const found = service.workspaceSymbols('the private');
    const paragraphText = (name: string, label: string) => {
      const entry = service.draft(label)!;
      return entry.byNumber.get(name.split(' — ')[0].replace('para ', ''))!.text;
    };
    const holdsPhrase = found.map((symbol) => /\bthe private/i.test(paragraphText(symbol.name, symbol.containerName!).replace(/\s+/g, ' ')));
    const firstApart = holdsPhrase.indexOf(false);
    assert.ok(firstApart > 0, `phrase answers, then the others: ${holdsPhrase.join(',')}`);
    assert.ok(holdsPhrase.slice(firstApart).every((holds) => !holds), holdsPhrase.join(','));
    for (const symbol of found) assert.match(symbol.name, /\bthe\b.*\bprivate/i);
  });

  it('nothing for an empty query or words no draft holds', () => {
    assert.deepEqual(service.workspaceSymbols(''), []);
    assert.deepEqual(service.workspaceSymbols('   '), []);
    assert.deepEqual(service.workspaceSymbols('ransomware'), []);
  });
});

describe('navigationFeature: code lenses (samples)', () => {
  it('one lens per paragraph of a draft, counting the citations that resolve to that draft', () => {
    const { service, files } = sampleService();
    const zero = files.readFile(ZERO)!;
    const first = files.readFile(FIRST)!;
    const lenses = service.codeLenses(ZERO);
    assert.deepEqual(lenses.map((lens) => slice(zero, lens.span)), Array.from({ length: 59 }, (_, i) => `${i + 1}.`));
    const title = (file: string, text: string, number: string) => service.codeLenses(file).find((lens) => slice(text, lens.span) === `${number}.`)!.title;
    assert.equal(title(ZERO, zero, '12'), 'cited 1 time');
    assert.equal(title(ZERO, zero, '30'), 'cited 2 times'); // "paragraphs 24, 26 and 30", "paras 30-32"
    assert.equal(title(ZERO, zero, '7'), 'not cited'); // "para 7 of the Pre-draft" is another draft's
    assert.equal(title(ZERO, zero, '48'), 'cited 1 time · 1 cross-reference');
    assert.equal(title(FIRST, first, '30'), 'cited 1 time');
    assert.equal(title(FIRST, first, '10'), 'cited 2 times');
    assert.equal(title(FIRST, first, '42'), 'cited 1 time · 1 cross-reference');
    const lens30 = lenses.find((lens) => slice(zero, lens.span) === '30.')!;
    assert.deepEqual(places(files, ROOT, [...lens30.references]), ['submissions/response-to-zero-draft.md:31 30', 'submissions/response-to-zero-draft.md:35 30']);
    assert.equal(lens30.position, lens30.span.start);
    assert.deepEqual(service.codeLenses(RESPONSE), []);
  });

  it('counts once per change of the checked files: the same index until a submission changes', () => {
    const { service, files } = sampleService();
    const zero = files.readFile(ZERO)!;
    const response = files.readFile(RESPONSE)!;
    const lens12 = () => service.codeLenses(ZERO).find((lens) => slice(zero, lens.span) === '12.')!;
    const before = lens12();
    assert.equal(lens12().references, before.references, 'nothing changed: the same counts, not counted again');
    service.setDocument(RESPONSE, `${response}\nWe return to para 12 in our closing remarks.\n`, 2);
    const after = lens12();
    assert.notEqual(after.references, before.references);
    assert.equal(after.title, 'cited 2 times');
    service.setDocument(RESPONSE, response, 3);
    assert.equal(lens12().title, 'cited 1 time');
  });

  it('follows the resolution: naming the First Draft in the front matter moves the counts to its paragraphs', () => {
    const { service, files } = sampleService();
    const zero = files.readFile(ZERO)!;
    const first = files.readFile(FIRST)!;
    const response = files.readFile(RESPONSE)!;
    const title = (file: string, text: string, number: string) => service.codeLenses(file).find((lens) => slice(text, lens.span) === `${number}.`)!.title;
    assert.equal(title(FIRST, first, '12'), 'not cited');
    service.setDocument(RESPONSE, response.replace('draft: zero-draft', 'draft: first-draft'), 2);
    assert.equal(title(ZERO, zero, '12'), 'not cited');
    assert.equal(title(FIRST, first, '12'), 'cited 1 time');
  });
});

describe('navigationFeature: the real Zero Draft and GPD response', () => {
  const ROOT_WS = '/ws';
  const DRAFT = `${ROOT_WS}/drafts/zero-draft-2021.txt`;
  const GPD = `${ROOT_WS}/gpd-response.md`;
  let zero: string;
  let gpd: string;
  let files: MemoryFileSystem;
  let service: ReturnType<typeof createLanguageService>;
  const config = {
    drafts: [
      { id: 'pre-draft', label: 'Pre-draft' },
      { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft-2021.txt' },
    ],
    current: 'zero-draft',
    submissions: ['*.md'],
  };
  before(function () {
    needsCorpus(this);
    zero = readCorpus('zero-draft-2021.txt');
    gpd = readCorpus('gpd-response-to-pre-draft-2020-03.md');
    files = new MemoryFileSystem({ [`${ROOT_WS}/oewg-cite.json`]: JSON.stringify(config), [DRAFT]: zero, [GPD]: gpd });
    service = createLanguageService(files, ROOT_WS);
  });

  it('the outline has the sections A–H, their sub-headings and the 117 paragraphs', () => {
    const outline = service.documentSymbols(DRAFT);
    assert.deepEqual(outline.map((node) => node.name.split('. ')[0]), ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    assert.equal(outline[2].name, 'C. International Law');
    assertNested(outline, { start: 0, end: zero.length });
    const paragraphs = flatten(outline).filter((node) => node.kind === 'paragraph');
    assert.deepEqual(paragraphs.map((node) => slice(zero, node.selectionSpan)), Array.from({ length: 117 }, (_, i) => `${i + 1}.`));
    assert.match(paragraphs[14].name, /^para 15 — In their discussions/);
    assert.deepEqual(outline[2].children.map((node) => `${node.name.split(' — ')[0]} ${node.detail ?? ''}`.trim()), [
      'para 26',
      'Discussions paras 27–36',
      'Conclusions and Recommendations paras 37–40',
      'The OEWG recommends that paras 41–44',
    ]);
    // Para 86's bullets and list headings stay inside it, not in the outline.
    assert.equal(flatten(outline).filter((node) => node.kind === 'subheading').length, 17);
  });

  it('"paragraph 85 of this report" inside the draft is a reference to its paragraph 85', () => {
    const crossReference = offsetOf(zero, 'paragraph 85 of this report', 'paragraph 8'.length);
    const expected = [`drafts/zero-draft-2021.txt:${lineOf(zero, crossReference)} 85`, `drafts/zero-draft-2021.txt:${paragraphLine(zero, '85')} 85.`];
    assert.deepEqual(places(files, ROOT_WS, service.references(DRAFT, crossReference)), expected);
    assert.deepEqual(places(files, ROOT_WS, service.references(DRAFT, offsetOf(zero, '\n85. ', 2))), expected);
  });

  it('the GPD response cites the Pre-draft: its "(paragraph 17)" is no citation of Zero Draft para 17', () => {
    const lenses = service.codeLenses(DRAFT);
    assert.equal(lenses.length, 117);
    const titled = lenses.filter((lens) => lens.title !== 'not cited').map((lens) => `${slice(zero, lens.span)} ${lens.title}`);
    assert.deepEqual(titled, ['51. not cited · 1 cross-reference', '85. not cited · 1 cross-reference', '86. not cited · 1 cross-reference']);
    const seventeen = places(files, ROOT_WS, service.references(GPD, offsetOf(gpd, '(in paragraph 17)', 'in paragraph 1'.length)));
    assert.ok(seventeen.length >= 1 && seventeen.every((place) => place.startsWith('gpd-response.md:')), seventeen.join('\n'));
  });

  it('workspace symbols: para 74 first for "74", the numbers 70–79 after 7, and words', () => {
    assert.match(service.workspaceSymbols('74')[0].name, /^para 74 — /);
    assert.equal(service.workspaceSymbols('para 74')[0].containerName, 'Zero Draft');
    assert.deepEqual(service.workspaceSymbols('7').slice(0, 11).map((symbol) => symbol.name.split(' — ')[0]), ['para 7', ...Array.from({ length: 10 }, (_, i) => `para ${70 + i}`)]);
    const divide = service.workspaceSymbols('gender digital divide');
    assert.ok(divide.length >= 1);
    for (const symbol of divide) assert.match(symbol.name, /gender digital divide/);
  });

  it('caps the answers at 200, best first', () => {
    // Three copies of the real draft in one file, renumbered 1–351: most paragraphs hold "States".
    const copies = [0, 117, 234].map((shift) => zero.replace(/^(\d+)\./gm, (_, number: string) => `${Number(number) + shift}.`)).join('\n\n');
    const big = new MemoryFileSystem({ [`${ROOT_WS}/oewg-cite.json`]: JSON.stringify(config), [DRAFT]: copies });
    const bigService = createLanguageService(big, ROOT_WS);
    assert.equal(bigService.draft('zero-draft')!.parsed!.paragraphs.length, 351);
    const found = bigService.workspaceSymbols('States');
    assert.equal(found.length, MAX_WORKSPACE_SYMBOLS);
    const ones = bigService.workspaceSymbols('1').map((symbol) => symbol.name.split(' — ')[0]);
    assert.deepEqual(ones.slice(0, 3), ['para 1', 'para 10', 'para 11']);
    assert.ok(ones.includes('para 199'), 'para 199 starts with 1');
  });
});
