// UN documents through the language service: hover on a symbol, document
// links, go to definition and references, paragraph citations into indexed and
// unindexed documents, symbol diagnostics with their quick fixes, and
// completions after "resolution ". On a workspace of our own and on the real
// Zero Draft and submission.
import { strict as assert } from 'assert';
import { buildCatalogue, BUNDLED_DOCUMENTS } from '../../server/src/core/catalogue';
import { DOCUMENT_CODES, nearSymbol } from '../../server/src/core/documentFeature';
import type { CoreTextEdit } from '../../server/src/core/features';
import { createLanguageService, DEFAULT_SEVERITY, firstWords, type LanguageService, type ServiceSettings } from '../../server/src/core/languageService';
import type { CoreDiagnostic } from '../../server/src/core/model';
import { scanSymbols } from '../../server/src/core/symbols';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { needsCorpus, readCorpus } from '../support/paths';

const ROOT = '/ws';
const ZERO = `${ROOT}/drafts/zero-draft.txt`;
const FINAL = `${ROOT}/drafts/final-draft.txt`;
const SUBMISSION = `${ROOT}/submissions/response.md`;
const REPORT = `${ROOT}/references/a-70-174.txt`;
const TUNIS = `${ROOT}/references/tunis.txt`;

const CONFIG = {
  drafts: [
    { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
    { id: 'final-draft', label: 'Final Draft', symbol: 'A/AC.290/2021/CRP.2', path: 'drafts/final-draft.txt' },
  ],
  current: 'zero-draft',
  submissions: ['submissions/**/*.md'],
  references: [
    { symbol: 'A/70/174', path: 'references/a-70-174.txt', aliases: ['2015 GGE report'] },
    { title: 'Tunis Commitment', path: 'references/tunis.txt' },
    { symbol: 'A/68/98' },
    { symbol: 'A/75/999', title: 'Report on sample matters', date: '2020-10-01', path: 'references/missing.txt' },
  ],
};

// Our own drafts, reference texts and submission, in the style of the real ones.
const ZERO_DRAFT = `**Working Group on Digital Security (fixture)**

Zero Draft

A. Introduction

1. The Group met under General Assembly resolution 73/27 and held three sessions in the capital.¹

2. Delegations took note of the expert reports² and of resolution 70/237, adopted without a vote.

3. Some delegations recalled General Assembly resolution 2131 (XX) entitled “Declaration on the Inadmissibility of Intervention in the Domestic Affairs of States and the Protection of Their Independence and Sovereignty”.

4. Others cited resolution 64/211 entitled “A shared culture of network safety”, and resolution 98/12 entitled “Keeping submarine cables in good repair”.

5. The norms are set out in A/70/174, para 2, and discussed at length in paragraph 9 of A/70/174.

¹ A/RES/73/27, pp 2.

² A/65/201, A/68/98* and A/70/174.
`;

const FINAL_DRAFT = `**Working Group on Digital Security (fixture)**

Final Draft

1. The Group concluded its work by consensus.

2. States agreed to keep meeting under the auspices of the United Nations.

3. The Group recommends a directory of points of contact.
`;

const REPORT_TEXT = `Report of the expert group (fixture text)

1. The experts met four times over two years.

2. States should cooperate to keep networks stable, and should not knowingly allow their territory to be used for harmful acts against other States.

3. States should protect the systems that deliver essential services.

4. The experts recommend further study of how existing law applies.
`;

const TUNIS_TEXT = `Tunis Commitment (fixture text)

35. We agree that building confidence in digital services is a shared task.

36. We affirm that security measures must respect human rights.
`;

const RESPONSE = `---
draft: zero-draft
---
# Comments on the Zero Draft

We welcome para 1 and the reference to A/RES/70/237 in para 2.

The experts' advice (A/70/174, para 2) remains sound, but A/70/174, para 12 is cited in error.

See paragraph 36 of the Tunis Commitment and para 3 of the Charter of the United Nations.

The 2013 report (A/68/98, para 5) also matters, as does A/75/999, para 3.

The Final Draft keeps this: A/AC.290/2021/CRP.2, para 3 and A/AC.290/2021/CRP.2, paras 2-7.

Some commentators cite A/RES/76/135 for the 2021 report; the First Committee text A/C.1/73/L.27.Rev.1 was revised. The report was then adopted by resolution A/76/135, they say.

We also recall resolution 98/21 “Keeping submarine cables in good repair” and resolution 70/237 “Advancing responsible State behaviour in cyberspace in the context of international security”.

The series goes on: resolution 71/28 "Developments in the field of information and telecommunications in the context of international security", and resolution 73/72 ‘Developments in the field of information…’.

An unknown text: A/RES/99/7.
`;

function workspace(extra: Record<string, string> = {}, settings: ServiceSettings = {}): { service: LanguageService; files: MemoryFileSystem } {
  const files = new MemoryFileSystem({
    [`${ROOT}/oewg-cite.json`]: JSON.stringify(CONFIG, null, 2),
    [ZERO]: ZERO_DRAFT,
    [FINAL]: FINAL_DRAFT,
    [REPORT]: REPORT_TEXT,
    [TUNIS]: TUNIS_TEXT,
    [SUBMISSION]: RESPONSE,
    ...extra,
  });
  return { service: createLanguageService(files, ROOT, settings), files };
}

/** Offset of the `nth` occurrence of `needle` in `text`, plus `into`. */
function offsetOf(text: string, needle: string, into = 0, nth = 1): number {
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} (#${k + 1}) not in the text`);
  }
  return at + into;
}

const isDocumentCode = (diagnostic: CoreDiagnostic) => diagnostic.code in DOCUMENT_CODES;

/** [code, severity, the text it marks, message] of each diagnostic. */
function described(text: string, diagnostics: CoreDiagnostic[]): Array<[string, string, string, string]> {
  return diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, text.slice(diagnostic.span.start, diagnostic.span.end), diagnostic.message]);
}

function applyEdits(text: string, edits: CoreTextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

describe('documentFeature: hover on a symbol', () => {
  const { service } = workspace();

  it('shows title, kind, adoption, where the drafts mention it and the official link', () => {
    const hover = service.hover(SUBMISSION, offsetOf(RESPONSE, 'A/RES/70/237', 3))!;
    assert.deepEqual(hover.span, { start: offsetOf(RESPONSE, 'A/RES/70/237'), end: offsetOf(RESPONSE, 'A/RES/70/237') + 12 });
    assert.equal(
      hover.markdown,
      [
        '**A/RES/70/237** · resolution of the General Assembly',
        '*Developments in the field of information and telecommunications in the context of international security*',
        'Adopted: by consensus',
        'Mentioned in the Zero Draft: para 2',
        '[Official text: undocs.org/A/RES/70/237](https://undocs.org/A/RES/70/237)',
      ].join('\n\n'),
    );
  });

  it('lists paragraphs and footnotes of every draft, and the date and what the resolution did when known', () => {
    const hover = service.hover(ZERO, offsetOf(ZERO_DRAFT, 'resolution 73/27'))!;
    assert.match(hover.markdown, /^\*\*A\/RES\/73\/27\*\* · resolution of the General Assembly\n/);
    assert.match(hover.markdown, /\n\nDate: 2018-12-05 · Adopted: recorded vote; 119 in favour/);
    assert.match(hover.markdown, /\n\nEstablished the OEWG \(2019-2021\)\.\n/);
    assert.match(hover.markdown, /\n\nMentioned in the Zero Draft: para 1; footnote 1\n/);
  });

  it('says where a title comes from when it is not in the bundled data, and a title a draft gives otherwise', () => {
    const learned = service.hover(SUBMISSION, offsetOf(RESPONSE, 'resolution 98/21'))!.markdown;
    assert.doesNotMatch(learned, /Keeping submarine/, '98/21 is not 98/12');
    const fromDraft = service.hover(ZERO, offsetOf(ZERO_DRAFT, 'resolution 98/12'))!.markdown;
    assert.match(fromDraft, /\*Keeping submarine cables in good repair\* \(title as given in Zero Draft, para 4\)/);
    const differing = service.hover(ZERO, offsetOf(ZERO_DRAFT, 'resolution 64/211'))!.markdown;
    assert.match(differing, /\*Creation of a global culture of cybersecurity and taking stock/);
    assert.match(differing, /The Zero Draft, para 4 gives the title “A shared culture of network safety”\./);
  });

  it('names a reference’s indexed text and a configured draft carrying the symbol', () => {
    const report = service.hover(SUBMISSION, offsetOf(RESPONSE, 'A/70/174'))!.markdown;
    assert.match(report, /Indexed text: \/ws\/references\/a-70-174\.txt \(has paragraphs 1–4\)/);
    assert.match(report, /Mentioned in the Zero Draft: para 5; footnote 2/);
    const final = service.hover(SUBMISSION, offsetOf(RESPONSE, 'A/AC.290/2021/CRP.2'))!.markdown;
    assert.match(final, /\*Final Substantive Report\*/);
    assert.match(final, /The Final Draft in this workspace\./);
  });

  it('says nothing it does not know about an unknown symbol, but still links it', () => {
    const hover = service.hover(SUBMISSION, offsetOf(RESPONSE, 'A/RES/99/7'))!;
    assert.equal(
      hover.markdown,
      '**A/RES/99/7** · resolution of the General Assembly\n\nNot in the catalogue, and no indexed draft mentions it.\n\n[Official text: undocs.org/A/RES/99/7](https://undocs.org/A/RES/99/7)',
    );
  });

  it('keeps the canonical symbol in the link: part letters and sessions glued, no reissue asterisk', () => {
    const reissue = service.hover(ZERO, offsetOf(ZERO_DRAFT, 'A/68/98*'))!;
    assert.equal(ZERO_DRAFT.slice(reissue.span.start, reissue.span.end), 'A/68/98*');
    assert.match(reissue.markdown, /\(https:\/\/undocs\.org\/A\/68\/98\)$/);
    assert.match(service.hover(ZERO, offsetOf(ZERO_DRAFT, 'resolution 2131'))!.markdown, /\(https:\/\/undocs\.org\/A\/RES\/2131\(XX\)\)$/);
  });
});

describe('documentFeature: a resolution written without its year, or with "Res" in small letters', () => {
  const text = `# Notes

Security Council resolution 2341 asks States to protect critical infrastructure; S/RES/2341 (2017) says how, and S/RES/2341 is often cited alone.

The Assembly’s A/Res/70/237 and A/res/73/27 frame the work.
`;
  const { service } = workspace({ [SUBMISSION]: text });

  it('is the document the catalogue knows: no unknown-symbol, the same link and hover, found among the references', () => {
    assert.deepEqual(service.diagnostics(SUBMISSION).filter(isDocumentCode), []);
    assert.deepEqual(
      service.documentLinks(SUBMISSION).map((link) => [text.slice(link.span.start, link.span.end), link.target]),
      [
        ['Security Council resolution 2341', 'https://undocs.org/S/RES/2341(2017)'],
        ['S/RES/2341 (2017)', 'https://undocs.org/S/RES/2341(2017)'],
        ['S/RES/2341', 'https://undocs.org/S/RES/2341(2017)'],
        ['A/Res/70/237', 'https://undocs.org/A/RES/70/237'],
        ['A/res/73/27', 'https://undocs.org/A/RES/73/27'],
      ],
    );
    const hover = service.hover(SUBMISSION, offsetOf(text, 'S/RES/2341 is', 3))!.markdown;
    assert.match(hover, /^\*\*S\/RES\/2341\(2017\)\*\* · resolution of the Security Council\n\nDate: 2017-02-13/);
    assert.match(service.hover(SUBMISSION, offsetOf(text, 'A/res/73/27', 3))!.markdown, /^\*\*A\/RES\/73\/27\*\*/);
    const references = service.references(SUBMISSION, offsetOf(text, 'resolution 2341', 12)).filter((reference) => reference.file === SUBMISSION);
    assert.deepEqual(references.map((reference) => text.slice(reference.span.start, reference.span.end)), ['Security Council resolution 2341', 'S/RES/2341 (2017)', 'S/RES/2341']);
  });
});

describe('documentFeature: links, definition, references', () => {
  const { service } = workspace();

  it('makes every symbol a link to undocs.org', () => {
    const links = service.documentLinks(SUBMISSION);
    const mentions = scanSymbols(RESPONSE);
    assert.deepEqual(
      links.map((link) => [link.span, link.target]),
      mentions.map((mention) => [mention.span, `https://undocs.org/${mention.symbol}`]),
    );
    assert.equal(links.length, 15);
    assert.equal(links.find((link) => link.target.endsWith('/A/RES/70/237'))!.tooltip, 'A/RES/70/237: Developments in the field of information and telecommunications in the context of international security');
    assert.equal(links.find((link) => link.target.endsWith('/A/RES/99/7'))!.tooltip, 'A/RES/99/7 on undocs.org');
  });

  it('goes to the indexed text of a reference', () => {
    const [target] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'A/70/174', 2));
    assert.equal(target.file, REPORT);
    assert.equal(REPORT_TEXT.slice(target.selectionSpan.start, target.selectionSpan.end), 'Report of the expert group (fixture text)');
  });

  it('goes to the first mention in the current draft when there is no indexed text: the paragraph, or the footnote', () => {
    const [inParagraph] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'A/RES/70/237'));
    assert.equal(inParagraph.file, ZERO);
    assert.equal(ZERO_DRAFT.slice(inParagraph.selectionSpan.start, inParagraph.selectionSpan.end), 'resolution 70/237');
    assert.match(ZERO_DRAFT.slice(inParagraph.span.start, inParagraph.span.end), /^2\. Delegations took note/);
    const [inFootnote] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'A/68/98'));
    assert.equal(ZERO_DRAFT.slice(inFootnote.span.start, inFootnote.span.end), '² A/65/201, A/68/98* and A/70/174.');
    assert.equal(ZERO_DRAFT.slice(inFootnote.selectionSpan.start, inFootnote.selectionSpan.end), 'A/68/98*');
  });

  it('goes to a configured draft that carries the symbol, and nowhere for a symbol no one knows', () => {
    const [final] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'A/AC.290/2021/CRP.2', 3));
    assert.equal(final.file, FINAL);
    assert.deepEqual(service.definition(SUBMISSION, offsetOf(RESPONSE, 'A/RES/99/7')), []);
  });

  it('finds every mention across submissions and drafts, however it is written', () => {
    const references = service.references(SUBMISSION, offsetOf(RESPONSE, 'resolution 70/237', 12));
    const texts: Record<string, string> = { [SUBMISSION]: RESPONSE, [ZERO]: ZERO_DRAFT };
    assert.deepEqual(
      references.map((reference) => [reference.file, texts[reference.file].slice(reference.span.start, reference.span.end)]),
      [
        [SUBMISSION, 'A/RES/70/237'],
        [SUBMISSION, 'resolution 70/237'],
        [ZERO, 'resolution 70/237'],
      ],
    );
    assert.deepEqual(service.references(SUBMISSION, offsetOf(RESPONSE, 'We welcome')), []);
  });
});

describe('documentFeature: paragraph citations into other documents', () => {
  const { service } = workspace();
  const diagnostics = () => described(RESPONSE, service.diagnostics(SUBMISSION).filter((d) => d.code.includes('paragraph') || d.code.includes('indexed')));

  it('checks citations of indexed documents and says how to index the others, never as missing paragraphs of a draft', () => {
    assert.deepEqual(diagnostics(), [
      ['document-paragraph-missing', 'error', 'para 12', 'para 12: A/70/174 has paragraphs 1–4'],
      ['document-not-indexed', 'information', 'para 3', '“Charter of the United Nations” is not indexed: add it to "references" in oewg-cite.json with a path to check para 3'],
      ['document-not-indexed', 'information', 'para 5', 'A/68/98 is not indexed: add it to "references" in oewg-cite.json with a path to check para 5'],
      ['document-not-indexed', 'information', 'para 3', 'A/75/999 is listed in "references" but its text /ws/references/missing.txt cannot be read: para 3 is not checked'],
      ['document-paragraph-missing', 'error', '2-7', 'paras 4–7: A/AC.290/2021/CRP.2 has paragraphs 1–3'],
    ]);
  });

  it('hovers a cited paragraph of an indexed document with its text, then what is known of the document', () => {
    const hover = service.hover(SUBMISSION, offsetOf(RESPONSE, 'para 2)', 5))!;
    const sections = hover.markdown.split('\n\n---\n\n');
    assert.equal(sections.length, 2, 'the paragraph, then the document: nothing says it cannot be shown');
    assert.doesNotMatch(hover.markdown, /cannot be shown|not indexed/);
    assert.equal(sections[0], '**A/70/174, para 2**\n\n> States should cooperate to keep networks stable, and should not knowingly allow their territory to be used for harmful acts against other States.');
    assert.match(sections[1], /^\*\*A\/70\/174\*\* · report, General Assembly document\n\n\*Report of the Group of Governmental Experts/);
    const named = service.hover(SUBMISSION, offsetOf(RESPONSE, 'paragraph 36', 10))!.markdown;
    assert.match(named, /\*\*Tunis Commitment, para 36\*\*\n\n> We affirm that security measures must respect human rights\./);
  });

  it('shows a cited paragraph as written, its strike-through and table marks escaped as in a draft paragraph', () => {
    const marked = REPORT_TEXT.replace('essential services.', 'essential services ~~in peacetime~~ | at all times.');
    const { service: withMarks } = workspace({ [REPORT]: marked, [SUBMISSION]: 'See A/70/174, para 3.\n' });
    const hover = withMarks.hover(SUBMISSION, offsetOf('See A/70/174, para 3.\n', 'para 3', 5))!.markdown;
    assert.equal(hover.split('\n\n---\n\n')[0], '**A/70/174, para 3**\n\n> States should protect the systems that deliver essential services \\~\\~in peacetime\\~\\~ \\| at all times.');
  });

  it('hovers a citation of a document that is not indexed with how to index it and what is known', () => {
    const hover = service.hover(SUBMISSION, offsetOf(RESPONSE, 'para 5', 5))!.markdown;
    assert.match(hover, /A\/68\/98 is not indexed: add it to "references" in oewg-cite\.json with a path to check para 5/);
    assert.match(hover, /Date: 2013-06-24/);
    assert.match(hover, /\[Official text: undocs\.org\/A\/68\/98\]/);
  });

  it('goes to the cited paragraph of an indexed document or draft', () => {
    const [paragraph] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'para 2)', 5));
    assert.equal(paragraph.file, REPORT);
    assert.equal(REPORT_TEXT.slice(paragraph.selectionSpan.start, paragraph.selectionSpan.end), '2.');
    const [tunis] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'paragraph 36', 10));
    assert.equal(tunis.file, TUNIS);
    const [final] = service.definition(SUBMISSION, offsetOf(RESPONSE, 'para 3 and', 5));
    assert.equal(final.file, FINAL);
    assert.match(FINAL_DRAFT.slice(final.span.start, final.span.end), /^3\. The Group recommends/);
    assert.deepEqual(service.definition(SUBMISSION, offsetOf(RESPONSE, 'para 5', 5)), []);
  });

  it('reads a document named by its alias, its title, the end of its symbol or "at" as that document, never as the draft', () => {
    const text = `# Notes on the Zero Draft

The experts of 2021 went further (para 73 of the 2021 GGE report), and those of 2015 said so in paragraph 2 of the 2015 GGE report, not in paragraph 77 of the 2015 GGE report.

The report itself, A/70/174 at para 3, is plain; A/70/174 at para 82 is a slip.

The Chair kept para 3 of CRP.2 but not para 89 of CRP.2 or para 90 of the Final Substantive Report; CRP.7, para 4 is another paper.

Commentators cite A/75/816 at [64].
`;
    const { service } = workspace({ [SUBMISSION]: text });
    const found = described(text, service.diagnostics(SUBMISSION).filter((d) => d.code !== 'unknown-symbol'));
    assert.deepEqual(found, [
      ['document-not-indexed', 'information', 'para 73', 'A/76/135 is not indexed: add it to "references" in oewg-cite.json with a path to check para 73'],
      ['document-paragraph-missing', 'error', 'paragraph 77', 'para 77: A/70/174 has paragraphs 1–4'],
      ['document-paragraph-missing', 'error', 'para 82', 'para 82: A/70/174 has paragraphs 1–4'],
      ['document-paragraph-missing', 'error', 'para 89', 'para 89: A/AC.290/2021/CRP.2 has paragraphs 1–3'],
      ['document-paragraph-missing', 'error', 'para 90', 'para 90: A/AC.290/2021/CRP.2 has paragraphs 1–3'],
      ['document-not-indexed', 'information', 'para 4', '“CRP.7” is only the end of a symbol: write the document’s full symbol, or add it to "references" in oewg-cite.json with a path, to check para 4'],
      ['document-not-indexed', 'information', '[64]', 'A/75/816 is not indexed: add it to "references" in oewg-cite.json with a path to check para 64'],
    ]);
    const [paragraph] = service.definition(SUBMISSION, offsetOf(text, 'paragraph 2 of', 10));
    assert.equal(paragraph.file, REPORT);
    const [final] = service.definition(SUBMISSION, offsetOf(text, 'para 3 of CRP.2', 5));
    assert.equal(final.file, FINAL);
  });

  it('says a range into an indexed document runs backwards, as for a draft', () => {
    const text = `# Notes\n\nThe experts’ advice (A/70/174, paras 4-2) and their norms (paras 40–12 of the 2015 GGE report) still hold; A/70/174, paras 2-4 is right.\n`;
    const { service } = workspace({ [SUBMISSION]: text });
    assert.deepEqual(described(text, service.diagnostics(SUBMISSION).filter((d) => d.code !== 'unknown-symbol')), [
      ['reversed-range', 'warning', '4-2', 'range 4–2 runs backwards: did you mean 2–4?'],
      ['reversed-range', 'warning', '40–12', 'range 40–12 runs backwards: did you mean 12–40?'],
    ]);
  });

  it('says which documents share a name cited instead of a symbol', () => {
    const text = `# Notes\n\nSee para 5 of the “Developments in the field of information and telecommunications in the context of international security”.\n`;
    const { service } = workspace({ [SUBMISSION]: text });
    const [found] = described(text, service.diagnostics(SUBMISSION).filter(isDocumentCode));
    assert.equal(found[0], 'document-not-indexed');
    assert.match(found[3], /^“Developments in the field of information and telecommunications in the context of international security” names \d+ documents \(A\/RES\/53\/70, A\/RES\/70\/237, A\/RES\/73\/27, .*\): cite one by its symbol to check para 5$/);
  });

  it('inside a draft reports only paragraphs missing from an indexed document', () => {
    assert.deepEqual(described(ZERO_DRAFT, service.diagnostics(ZERO).filter(isDocumentCode)), [
      ['document-paragraph-missing', 'error', 'paragraph 9', 'para 9: A/70/174 has paragraphs 1–4'],
    ]);
  });

  it('re-reads an indexed reference when its text changes on disk, like a draft', () => {
    const { service: edited, files } = workspace();
    assert.equal(described(ZERO_DRAFT, edited.diagnostics(ZERO).filter(isDocumentCode)).length, 1);
    files.files.set(REPORT, `${REPORT_TEXT}\n9. A ninth paragraph of our own.\n`);
    edited.fileChanged(REPORT);
    assert.deepEqual(edited.diagnostics(ZERO).filter(isDocumentCode), []);
  });
});

describe('documentFeature: diagnostics on symbols', () => {
  const symbolCodes = ['symbol-misformed', 'unknown-symbol', 'resolution-number-mismatch'];

  it('reports misformed, unknown and mis-numbered symbols with their default severities', () => {
    const { service } = workspace();
    const found = described(RESPONSE, service.diagnostics(SUBMISSION).filter((d) => symbolCodes.includes(d.code)));
    assert.deepEqual(found, [
      ['symbol-misformed', 'information', 'A/RES/76/135', 'A/RES/76/135 is not a resolution: A/76/135 is a report (“2021 GGE report”); cite it as A/76/135'],
      ['symbol-misformed', 'information', 'A/C.1/73/L.27.Rev.1', 'write A/C.1/73/L.27/Rev.1: a revision is separated by “/”, not “.”'],
      ['symbol-misformed', 'information', 'A/76/135', 'A/76/135 is a report (“2021 GGE report”), not a resolution'],
      ['resolution-number-mismatch', 'information', 'resolution 98/21', '“Keeping submarine cables in good repair” is the title of resolution 98/12, not of resolution 98/21: did you mean resolution 98/12?'],
      ['resolution-number-mismatch', 'information', 'resolution 70/237', '“Advancing responsible State behaviour in cyberspace in the …” is the title of resolution 73/266; resolution 70/237 is titled “Developments in the field of information and telecommunications …”'],
      ['resolution-number-mismatch', 'information', 'resolution 73/72', '“Developments in the field of information…” is the title of resolution 73/27, not of resolution 73/72: did you mean resolution 73/27?'],
      ['unknown-symbol', 'hint', 'A/RES/99/7', 'A/RES/99/7 is not in the catalogue and no indexed draft mentions it: check the symbol, or add it to "references" in oewg-cite.json'],
    ]);
  });

  it('fixes only the characters that are wrong, leaving the rest of the submission as written', () => {
    const { service } = workspace();
    const diagnostics = service.diagnostics(SUBMISSION);
    const fix = (marked: string, code: string) => {
      const diagnostic = diagnostics.find((d) => d.code === code && RESPONSE.slice(d.span.start, d.span.end) === marked)!;
      const actions = service.codeActions(SUBMISSION, diagnostic.span, [diagnostic]);
      assert.equal(actions.length, 1, marked);
      assert.deepEqual(actions[0].fixes, [diagnostic]);
      return { title: actions[0].title, text: applyEdits(RESPONSE, actions[0].edits) };
    };
    const report = fix('A/RES/76/135', 'symbol-misformed');
    assert.equal(report.title, 'Cite the report A/76/135');
    assert.equal(report.text, RESPONSE.replace('cite A/RES/76/135 for', 'cite A/76/135 for'));
    const revision = fix('A/C.1/73/L.27.Rev.1', 'symbol-misformed');
    assert.equal(revision.text, RESPONSE.replace('L.27.Rev.1', 'L.27/Rev.1'));
    const number = fix('resolution 73/72', 'resolution-number-mismatch');
    assert.equal(number.title, 'Cite resolution 73/27');
    assert.equal(number.text, RESPONSE.replace('resolution 73/72', 'resolution 73/27'));
    const learned = fix('resolution 98/21', 'resolution-number-mismatch');
    assert.equal(learned.text, RESPONSE.replace('resolution 98/21', 'resolution 98/12'));
    // Which of two resolutions a wrong title points at is the author's call: no fix.
    const message = diagnostics.find((d) => d.code === 'symbol-misformed' && RESPONSE.slice(d.span.start, d.span.end) === 'A/76/135')!;
    assert.deepEqual(service.codeActions(SUBMISSION, message.span, [message]), []);
  });

  it('flags a title only one resolution carries under another number, whatever the session, old numbers included', () => {
    const titleOf = (symbol: string) => BUNDLED_DOCUMENTS.find((document) => document.symbol === symbol)!.title!;
    const cybersecurity = titleOf('A/RES/64/211');
    const intervention = titleOf('A/RES/2131(XX)');
    const text = `# Notes

The Assembly came back to it a year later in resolution 65/211 entitled “${cybersecurity}”.

The principle goes back to resolution 2113 (XX) entitled “${intervention}”, which some also cite as resolution 2131 (XXI) entitled “${intervention}”.
`;
    const { service } = workspace({ [SUBMISSION]: text });
    const diagnostics = service.diagnostics(SUBMISSION).filter((d) => d.code === 'resolution-number-mismatch');
    assert.deepEqual(described(text, diagnostics), [
      ['resolution-number-mismatch', 'information', 'resolution 65/211', `“${firstWords(cybersecurity, 8)}” is the title of resolution 64/211, not of resolution 65/211: did you mean resolution 64/211?`],
      ['resolution-number-mismatch', 'information', 'resolution 2113 (XX)', `“${firstWords(intervention, 8)}” is the title of resolution 2131 (XX), not of resolution 2113 (XX): did you mean resolution 2131 (XX)?`],
      ['resolution-number-mismatch', 'information', 'resolution 2131 (XXI)', `“${firstWords(intervention, 8)}” is the title of resolution 2131 (XX), not of resolution 2131 (XXI): did you mean resolution 2131 (XX)?`],
    ]);
    const fixed = diagnostics.map((diagnostic) => {
      const [action] = service.codeActions(SUBMISSION, diagnostic.span, [diagnostic]);
      return [action.title, applyEdits(text, action.edits).slice(diagnostic.span.start, diagnostic.span.end + 2)];
    });
    assert.deepEqual(fixed, [
      ['Cite resolution 64/211', 'resolution 64/211 e'],
      ['Cite resolution 2131 (XX)', 'resolution 2131 (XX) e'],
      ['Cite resolution 2131 (XX)', 'resolution 2131 (XX) en'],
    ]);
  });

  it('reads a session and number joined by a hyphen or a dot as the resolution, misformed, with the stroke as its fix', () => {
    const text = `# Notes\n\nThe norms of A/RES/70-237 and the mandate of A/RES/73.27 are the basis.\n`;
    const { service } = workspace({ [SUBMISSION]: text });
    const diagnostics = service.diagnostics(SUBMISSION).filter(isDocumentCode);
    assert.deepEqual(described(text, diagnostics), [
      ['symbol-misformed', 'information', 'A/RES/70-237', 'write A/RES/70/237: the session and the number are separated by “/”, not “-”'],
      ['symbol-misformed', 'information', 'A/RES/73.27', 'write A/RES/73/27: the session and the number are separated by “/”, not “.”'],
    ]);
    const fixed = diagnostics.reduce((edited, diagnostic) => applyEdits(edited, service.codeActions(SUBMISSION, diagnostic.span, [diagnostic])[0].edits), text);
    assert.equal(fixed, text.replace('70-237', '70/237').replace('73.27', '73/27'));
    assert.deepEqual(service.documentLinks(SUBMISSION).map((link) => link.target), ['https://undocs.org/A/RES/70/237', 'https://undocs.org/A/RES/73/27']);
  });

  it('leaves a yearly title with an uncatalogued number of another session alone, and a quotation of content', () => {
    const text = `# Notes\n\nRecalling resolution 71/28 "Developments in the field of information and telecommunications in the context of international security", and resolution 70/237 “calls upon Member States to be guided”.\n`;
    const { service } = workspace({ [SUBMISSION]: text });
    assert.deepEqual(service.diagnostics(SUBMISSION).filter(isDocumentCode), []);
  });

  it('follows the severity the user chose, "off" included', () => {
    const { service } = workspace({}, { severity: { 'unknown-symbol': 'off', 'symbol-misformed': 'warning' } });
    const codes = service.diagnostics(SUBMISSION).map((d) => [d.code, d.severity]);
    assert.ok(!codes.some(([code]) => code === 'unknown-symbol'));
    assert.ok(codes.some(([code, severity]) => code === 'symbol-misformed' && severity === 'warning'));
    for (const [code, severity] of Object.entries(DOCUMENT_CODES)) assert.equal(DEFAULT_SEVERITY[code], severity);
  });
});

describe('documentFeature: completions', () => {
  function completeAfter(line: string) {
    const text = `# Notes\n\n${line}`;
    const { service } = workspace({ [SUBMISSION]: text });
    return { text, entries: service.completions(SUBMISSION, text.length) };
  }

  it('offers the catalogue’s resolutions after "resolution ", written as drafters write them, with their titles', () => {
    const { text, entries } = completeAfter('as set out in resolution ');
    const labels = entries.map((entry) => entry.label);
    for (const label of ['73/27', '70/237', '2131 (XX)', '43/78 H', '98/12', '2341 (2017)']) assert.ok(labels.includes(label), label);
    assert.ok(!labels.includes('76/135'), 'a report is not a resolution');
    const entry = entries.find((found) => found.label === '73/266')!;
    assert.equal(entry.detail, 'Advancing responsible State behaviour in cyberspace in the context of international security');
    assert.deepEqual(entry.replaceSpan, { start: text.length, end: text.length });
    assert.equal(entries.find((found) => found.label === '58/32')!.detail, 'resolution of the General Assembly, 2003-12-08');
    const sorted = [...entries].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((found) => found.label);
    assert.ok(sorted.indexOf('2131 (XX)') < sorted.indexOf('53/70') && sorted.indexOf('73/27') < sorted.indexOf('73/266'));
  });

  it('replaces what is typed after "A/RES/" or "Res ", and offers only the General Assembly’s after "A/RES/"', () => {
    const typed = completeAfter('see A/RES/7');
    assert.deepEqual(typed.entries[0].replaceSpan, { start: typed.text.length - 1, end: typed.text.length });
    const labels = typed.entries.map((entry) => entry.label);
    assert.ok(labels.includes('43/78H') && labels.includes('2131(XX)'));
    assert.ok(!labels.includes('2341(2017)'));
    assert.ok(completeAfter('(Res 70/2').entries.some((entry) => entry.label === '70/237'));
  });

  it('offers only the resolutions of the organ the text names before "resolution "', () => {
    const assembly = completeAfter('as General Assembly resolution ').entries.map((entry) => entry.label);
    assert.ok(assembly.includes('73/27') && assembly.includes('2131 (XX)'));
    assert.ok(!assembly.includes('2341 (2017)'));
    assert.ok(!completeAfter('see GA Res. ').entries.some((entry) => entry.label === '2341 (2017)'));
    assert.deepEqual(completeAfter('and Security Council resolution ').entries.map((entry) => entry.label), ['2341 (2017)']);
    assert.deepEqual(completeAfter('cf. SC res 23').entries.map((entry) => entry.label), ['2341 (2017)']);
  });

  it('leaves "para " to the paragraph completions and stays silent elsewhere', () => {
    const paragraphs = completeAfter('see para ').entries;
    assert.ok(paragraphs.length > 0 && paragraphs.every((entry) => /^\d+$/.test(entry.label)));
    assert.deepEqual(completeAfter('the resolute ').entries, []);
  });
});

describe('documentFeature on the real corpus', () => {
  let zeroDraft: string;
  let response: string;
  before(function () {
    needsCorpus(this);
    zeroDraft = readCorpus('zero-draft-2021.txt');
    response = readCorpus('gpd-response-to-pre-draft-2020-03.md');
  });
  const config = {
    drafts: [
      { id: 'pre-draft', label: 'Pre-draft' },
      { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
    ],
    submissions: ['submissions/*.md'],
  };
  const files = (extra: Record<string, string> = {}) =>
    new MemoryFileSystem({
      [`${ROOT}/oewg-cite.json`]: JSON.stringify(config),
      [ZERO]: zeroDraft,
      [`${ROOT}/submissions/gpd.md`]: response,
      ...extra,
    });

  it('says where the Zero Draft mentions the resolutions a real submission cites', () => {
    const service = createLanguageService(files(), ROOT);
    const hover = service.hover(`${ROOT}/submissions/gpd.md`, offsetOf(response, 'Res 70/237', 4))!.markdown;
    assert.match(hover, /Mentioned in the Zero Draft: paras 7, 47, 60, 112; footnotes 2, 9\n/);
    const resolution = service.hover(ZERO, offsetOf(zeroDraft, 'A/RES/73/27'))!.markdown;
    assert.match(resolution, /Mentioned in the Zero Draft: paras 6, 37, 47, 60, 95, 97; footnote 5\n/);
  });

  it('finds nothing wrong with the real submission’s symbols, and links each of them', () => {
    const service = createLanguageService(files(), ROOT);
    assert.deepEqual(service.diagnostics(`${ROOT}/submissions/gpd.md`).filter(isDocumentCode), []);
    assert.deepEqual(
      service.documentLinks(`${ROOT}/submissions/gpd.md`).map((link) => link.target),
      ['https://undocs.org/A/RES/70/237', 'https://undocs.org/A/70/174', 'https://undocs.org/A/RES/70/237', 'https://undocs.org/A/RES/70/237'],
    );
    const references = service.references(`${ROOT}/submissions/gpd.md`, offsetOf(response, 'A/RES/70/237'));
    assert.equal(references.filter((reference) => reference.file === ZERO).length, 6);
    assert.equal(references.filter((reference) => reference.file === `${ROOT}/submissions/gpd.md`).length, 3);
  });

  it('reads footnote 8’s "A/70/174, para 12" as a paragraph of the report, not of the draft', () => {
    const footnoteCitation = offsetOf(zeroDraft, 'para 12', 2);
    const notIndexed = createLanguageService(files(), ROOT);
    assert.deepEqual(notIndexed.diagnostics(ZERO).filter((d) => d.code === 'missing-paragraph' && d.span.start <= footnoteCitation && footnoteCitation <= d.span.end), []);
    assert.match(notIndexed.hover(ZERO, footnoteCitation)!.markdown, /A\/70\/174 is not indexed: add it to "references"/);

    const reportText = 'A report of our own (fixture)\n\n11. An eleventh paragraph.\n\n12. A twelfth paragraph of our own words.\n';
    const withReport = { ...config, references: [{ symbol: 'A/70/174', path: 'references/report.txt' }] };
    const indexed = createLanguageService(files({ [`${ROOT}/oewg-cite.json`]: JSON.stringify(withReport), [`${ROOT}/references/report.txt`]: reportText }), ROOT);
    assert.match(indexed.hover(ZERO, footnoteCitation)!.markdown, /\*\*A\/70\/174, para 12\*\*\n\n> A twelfth paragraph of our own words\./);
    assert.deepEqual(indexed.diagnostics(ZERO).filter(isDocumentCode), []);
    const [target] = indexed.definition(ZERO, footnoteCitation);
    assert.equal(reportText.slice(target.selectionSpan.start, target.selectionSpan.end), '12.');

    const shortReport = { [`${ROOT}/oewg-cite.json`]: JSON.stringify(withReport), [`${ROOT}/references/report.txt`]: 'A short report (fixture)\n\n1. One paragraph only.\n' };
    const missing = createLanguageService(files(shortReport), ROOT).diagnostics(ZERO).filter(isDocumentCode);
    assert.deepEqual(described(zeroDraft, missing), [['document-paragraph-missing', 'error', 'para 12', 'para 12: A/70/174 has paragraphs 1–1']]);
  });

  it('goes from the submission’s "Res 70/237" to the Zero Draft’s first mention', () => {
    const service = createLanguageService(files(), ROOT);
    const [target] = service.definition(`${ROOT}/submissions/gpd.md`, offsetOf(response, 'Res 70/237', 4));
    assert.equal(target.file, ZERO);
    assert.equal(zeroDraft.slice(target.selectionSpan.start, target.selectionSpan.end), 'General Assembly resolution 70/237');
    assert.match(zeroDraft.slice(target.span.start, target.span.end), /^7\. /);
  });
});

describe('documentFeature: facts only, and a suggestion for a symbol that is almost a known one', () => {
  const file = `${ROOT}/submissions/near.md`;
  const text = [
    '# Comments on the Zero Draft',
    '',
    'The Group was asked by A/71/28 to continue its study; the norms recalled in A/RES/70/273 remain the baseline.',
    '',
    'Resolution A/RES/73/27 and resolution A/RES/73/266 both shaped the process, as did A/AC.290/2021/CRP.2.',
    '',
  ].join('\n');
  const { service } = workspace({ [file]: text });
  const at = (needle: string) => text.indexOf(needle) + 2;

  it('says which known symbol an unknown one almost is, with a fix that is not preferred', () => {
    const near = described(text, service.diagnostics(file).filter((d) => d.code === 'unknown-symbol'));
    assert.deepEqual(near, [
      ['unknown-symbol', 'hint', 'A/71/28', 'A/71/28 is not in the catalogue and no indexed draft mentions it: did you mean resolution 71/28 (A/RES/71/28)?'],
      ['unknown-symbol', 'hint', 'A/RES/70/273', 'A/RES/70/273 is not in the catalogue and no indexed draft mentions it: did you mean resolution 70/237 (A/RES/70/237)?'],
    ]);
    const fixes = service.diagnostics(file).filter((d) => d.code === 'unknown-symbol').map((d) => service.codeActions(file, d.span, [d]));
    assert.deepEqual(fixes.map((actions) => actions.map((a) => [a.title, a.isPreferred])), [[['Cite resolution 71/28 (A/RES/71/28)', undefined]], [['Cite resolution 70/237 (A/RES/70/237)', undefined]]]);
    const fixed = applyEdits(text, [...fixes[0][0].edits, ...fixes[1][0].edits]);
    assert.equal(fixed, text.replace('by A/71/28 to', 'by A/RES/71/28 to').replace('A/RES/70/273', 'A/RES/70/237'));
    assert.deepEqual(fixes[0][0].edits.map((e) => [text.slice(e.span.start, e.span.end), e.newText]), [['', 'RES/']], 'only "RES/" is written in');
    const again = workspace({ [file]: fixed }).service;
    assert.deepEqual(again.diagnostics(file).filter((d) => d.code === 'unknown-symbol'), []);
  });

  it('suggests nothing when no known symbol, or more than one, is that close', () => {
    const other = `${ROOT}/submissions/far.md`;
    const far = 'We recall A/RES/99/7 and A/RES/70/2.\n';
    const { service: farService } = workspace({ [other]: far });
    const messages = farService.diagnostics(other).filter((d) => d.code === 'unknown-symbol').map((d) => d.message);
    assert.equal(messages.length, 2);
    assert.ok(messages.every((m) => /check the symbol/.test(m)), messages.join('\n'));
    const references = [
      { symbol: 'A/RES/80/12', aliases: [] },
      { symbol: 'A/RES/80/21', aliases: [] },
    ];
    const catalogue = buildCatalogue({ references, drafts: [], configuredDrafts: [] });
    assert.equal(nearSymbol(catalogue, 'A/RES/80/11'), undefined, '80/12 and 80/21 are both one slip away');
    assert.equal(nearSymbol(catalogue, 'A/RES/80/13')?.symbol, 'A/RES/80/12');
    assert.equal(nearSymbol(catalogue, 'A/80/12')?.symbol, 'A/RES/80/12', '"RES/" left out');
    assert.equal(nearSymbol(catalogue, 'A/80/13'), undefined, 'two mistakes are not "almost"');
  });

  it('hovers an almost-known symbol with the suggestion, and never invents what the catalogue does not know', () => {
    const hover = service.hover(file, at('A/71/28'))!.markdown;
    assert.match(hover, /Not in the catalogue, and no indexed draft mentions it\. Did you mean resolution 71\/28 \(A\/RES\/71\/28\)\?/);
    const known = service.hover(file, at('A/RES/73/27 and'))!.markdown;
    assert.match(known, /Adopted: recorded vote; 119 in favour\n/);
    assert.match(known, /Date: 2018-12-05/);
  });

  it('shows no research note in the hover of any bundled document, and omits what is unknown', () => {
    const notes = /dig\.watch|\bdiplo\b|unoda|stored|excerpt|fact sheet|\bpage\b|wording|survey|letter of transmittal|\bnull\b|\bundefined\b|unknown/i;
    for (const document of BUNDLED_DOCUMENTS) {
      const probe = `${ROOT}/submissions/probe.md`;
      const written = `We recall ${document.symbol}.\n`;
      const { service: one } = workspace({ [probe]: written });
      const hover = one.hover(probe, written.indexOf(document.symbol) + 1);
      assert.ok(hover, document.symbol);
      assert.doesNotMatch(hover.markdown, notes, `${document.symbol}: ${hover.markdown}`);
      if (!document.date) assert.doesNotMatch(hover.markdown, /Date:/, document.symbol);
      if (!document.vote) assert.doesNotMatch(hover.markdown, /Adopted:/, document.symbol);
      if (!document.title) assert.doesNotMatch(hover.markdown.split('\n\n')[1] ?? '', /^\*[^*]/, `${document.symbol}: no title line`);
    }
  });
});
