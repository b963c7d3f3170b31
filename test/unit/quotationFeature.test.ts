import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CoreCodeAction } from '../../server/src/core/features';
import { createLanguageService, LanguageService } from '../../server/src/core/languageService';
import { LineMap } from '../../server/src/core/lines';
import { MAX_ALIGNED_QUOTE_WORDS } from '../../server/src/core/quotations';
import type { CoreDiagnostic } from '../../server/src/core/model';
import { DiskFileSystem, MemoryFileSystem } from '../../server/src/core/workspace';
import { fixturesDir, needsCorpus, readCorpus, samplesDir } from '../support/paths';
import { samplePdf } from '../support/publishedDrafts';
import { parseDraft } from '../../server/src/core/draftParser';
import { deleteParagraph, outlineOf, renderOutline, rewordParagraph } from '../support/draftEdits';
import { ExtractionCache, refreshExtractedDrafts, withExtractedDrafts } from '../../server/src/core/draftExtraction';
import { IN_PROCESS_EXTRACTOR } from '../../server/src/core/extractText';

// A Zero Draft and a First Draft of our own, in the style of the OEWG drafts.
const ZERO_DRAFT = `**Open-ended Working Group on Secure Digital Cooperation**

Zero Draft [Test Fixture]

A. Introduction

1. The Working Group met in four sessions and heard the views of States, regional organizations and other stakeholders on the security of digital networks.

2. Delegations stressed that a resilient and interoperable digital environment benefits every nation, large or small.

B. Emerging Threats

3. States expressed concern at the growing use of ransomware against health services, schools and local governments, which undermines trust in essential public functions.

4. Some delegations noted that harmful activity by criminal groups may be difficult to distinguish from operations sponsored by States.

C. Norms of Responsible Behaviour

5. The Group reaffirms that the voluntary norms of responsible behaviour reflect the expectations of the international community and set standards for the conduct of States.

6. States are encouraged to share information on how they implement the norms, including through voluntary national surveys and peer exchanges.

D. Confidence-building Measures

7. The Group welcomes the establishment of a directory of national points of contact and invites States that have not yet done so to nominate one.

8. Regional organizations were recognised as key partners in developing practical confidence-building measures adapted to regional circumstances.

E. Capacity-building

9. Capacity-building efforts should respond to needs identified by recipient countries, be sustainable over time and include a gender perspective.

F. Regular Institutional Dialogue

10. The Group recommends that States continue regular and inclusive consultations under the auspices of the United Nations on the implementation of the framework.
`;

const FIRST_DRAFT = `**Open-ended Working Group on Secure Digital Cooperation**

First Draft [Test Fixture]

A. Introduction

1. The Working Group met in five sessions and heard the views of States and other stakeholders on the security of digital networks.

B. Emerging Threats

2. States expressed concern at the growing use of ransomware against hospitals, schools and local governments.

C. Norms of Responsible Behaviour

3. The Group reaffirms that the voluntary norms of responsible behaviour reflect the expectations of the international community.

D. Regular Institutional Dialogue

4. The Group recommends that States continue regular and inclusive consultations under the auspices of the United Nations.

5. The Group invites States to consider a programme of action as a permanent forum for advancing responsible behaviour in the use of digital technologies.
`;

// Each line of the submission holds one case; tests find them by their first words.
const SUBMISSION = `---
draft: zero-draft
---

# Comments on the Zero Draft

We welcome the call (para 10) for "regular and inclusive consultations under the auspices of the United Nations".

The draft asks States to continue “frequent and inclusive consultations under the protection of the United Nations” (para 10).

It rightly notes the “growing use of ransomware against health services, schools and local governments” (para 4).

We support “a permanent forum for advancing responsible behaviour in the use of digital technologies” (para 9).

The idea of “a programme of action as a permanent forum” (para 7 of the Zero Draft) deserves support.

Paragraph 7 calls for “a binding treaty with verification mechanisms and independent inspectors”.

In para 3 the Group records “concern at the growing use of ransomware” and “harmful activity by criminal groups”.

On capacity-building, para 9 speaks of a “gender perspective”, para 2 of the “digital networks” and para 6 of “peer reviews”.

It invites States to share “information on how they implement the norms … through voluntary national surveys” (para 6).

The directory is the subject of paras 7–8: “invites States that have not yet done so to nominate one”.

Our view is close to “the growth of ransomware” in paragraph 3 of the Pre-draft, which is not indexed.

Paragraph 8 reads:

> Regional organizations were recognised as key partners in developing
> practical confidence-building measures suited to regional circumstances

The Group has said that “the voluntary norms of responsible behaviour reflect the expectations of the international community”.

Some speak of “a programme of action as a permanent forum for advancing responsible behaviour”, which we share.

We also hope for “a spirit of openness and mutual respect among all participants”.
`;

const ROOT = '/ws';
const FILE = `${ROOT}/comments.md`;
const CONFIG = JSON.stringify({
  drafts: [
    { id: 'pre-draft', label: 'Pre-draft' },
    { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' },
    { id: 'first-draft', label: 'First Draft', path: 'drafts/first-draft.txt' },
  ],
  current: 'first-draft',
});

function fixtureService(submission = SUBMISSION): LanguageService {
  return createLanguageService(
    new MemoryFileSystem({
      [`${ROOT}/oewg-cite.json`]: CONFIG,
      [`${ROOT}/drafts/zero-draft.txt`]: ZERO_DRAFT,
      [`${ROOT}/drafts/first-draft.txt`]: FIRST_DRAFT,
      [FILE]: submission,
    }),
    ROOT,
  );
}

const QUOTE_CODES = new Set(['quote-differs', 'quote-elsewhere', 'quote-not-found', 'short-quote-not-found', 'uncited-quote']);

function quoteDiagnostics(service: LanguageService, file = FILE): CoreDiagnostic[] {
  return service.diagnostics(file).filter((d) => QUOTE_CODES.has(d.code));
}

/** The quotation diagnostic on the quote starting with `opening`. */
function diagnosticOn(service: LanguageService, text: string, opening: string, file = FILE): CoreDiagnostic {
  const found = quoteDiagnostics(service, file).filter((d) => text.slice(d.span.start, d.span.end).replace(/^["“\s]+/, '').startsWith(opening));
  assert.equal(found.length, 1, `one quotation diagnostic on "${opening}": ${JSON.stringify(quoteDiagnostics(service, file).map((d) => d.message))}`);
  return found[0];
}

/** The quick fixes of a quotation diagnostic (other features may offer rewrites of their own). */
function actionsFor(service: LanguageService, diagnostic: CoreDiagnostic, file = FILE): CoreCodeAction[] {
  return service.codeActions(file, diagnostic.span, [diagnostic]).filter((action) => action.fixes?.includes(diagnostic));
}

function applyEdits(text: string, action: CoreCodeAction): string {
  return [...action.edits].sort((a, b) => b.span.start - a.span.start).reduce((out, edit) => out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end), text);
}

/** `text` with exactly one occurrence of `from` replaced: the expected result of a fix, the rest byte for byte. */
function replacedOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `"${from}" occurs once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('quotation feature: diagnostics', () => {
  const service = fixtureService();
  const diagnostics = quoteDiagnostics(service);
  const on = (opening: string) => diagnosticOn(service, SUBMISSION, opening);

  it('reports exactly the misquoted, misplaced and invented quotations, in text order', () => {
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.message]),
      [
        ['quote-differs', 'warning', "quote differs from para 10: 'frequent' ≠ 'regular', 'protection' ≠ 'auspices'"],
        ['quote-elsewhere', 'warning', 'quote is not in para 4; found in para 3'],
        ['quote-elsewhere', 'warning', 'quote is not in para 9 of the Zero Draft; found in para 5 of the First Draft'],
        ['quote-elsewhere', 'warning', 'quote is not in para 7 of the Zero Draft; found in para 5 of the First Draft'],
        ['quote-not-found', 'warning', 'quote not found in para 7 or elsewhere in the Zero Draft or the First Draft; no passage comes close'],
        ['quote-elsewhere', 'warning', 'quote is not in para 3; found in para 4'],
        ['short-quote-not-found', 'hint', '“peer reviews” is not in para 6 nor anywhere else in the Zero Draft'],
        ['quote-differs', 'warning', "quote differs from para 8: 'suited' ≠ 'adapted'"],
      ],
    );
  });

  it('marks the quotation, marks included, not the citation', () => {
    const near = on('frequent and inclusive');
    assert.equal(SUBMISSION.slice(near.span.start, near.span.end), '“frequent and inclusive consultations under the protection of the United Nations”');
    const block = on('Regional organizations');
    assert.ok(SUBMISSION.slice(block.span.start, block.span.end).startsWith('Regional organizations were'), 'a block quote is marked from its first word');
    assert.ok(SUBMISSION.slice(block.span.start, block.span.end).endsWith('regional circumstances'));
  });

  it('accepts exact quotations in straight or curly quotes, with an ellipsis, and a range satisfied by one of its paragraphs', () => {
    for (const opening of ['regular and inclusive', 'information on how', 'invites States that']) {
      const start = SUBMISSION.indexOf(opening);
      assert.ok(!diagnostics.some((d) => d.span.start <= start && start < d.span.end), `no diagnostic on "${opening}"`);
    }
  });

  it('leaves short quotations alone when the cited draft has them anywhere', () => {
    const reported = diagnostics.filter((d) => d.code === 'short-quote-not-found').map((d) => SUBMISSION.slice(d.span.start, d.span.end));
    assert.deepEqual(reported, ['“peer reviews”']); // not “gender perspective” (para 9) nor “digital networks” (para 1, cited as 2)
  });

  it('skips quotations citing a draft that is not indexed, and uncited ones unless asked', () => {
    for (const opening of ['the growth of ransomware', 'the voluntary norms of', 'a spirit of openness']) {
      const start = SUBMISSION.indexOf(opening);
      assert.ok(!diagnostics.some((d) => d.span.start <= start && start < d.span.end), `no diagnostic on "${opening}"`);
    }
  });

  it('offers no renumbering when another quotation of the same citation is in the cited paragraph', () => {
    const other = on('harmful activity');
    assert.equal(other.message, 'quote is not in para 3; found in para 4');
    assert.deepEqual(actionsFor(service, other), []);
  });

  it('honours the severity the user chose', () => {
    const quiet = createLanguageService(
      new MemoryFileSystem({
        [`${ROOT}/oewg-cite.json`]: JSON.stringify({ ...JSON.parse(CONFIG), severity: { 'quote-differs': 'information' } }),
        [`${ROOT}/drafts/zero-draft.txt`]: ZERO_DRAFT,
        [`${ROOT}/drafts/first-draft.txt`]: FIRST_DRAFT,
        [FILE]: SUBMISSION,
      }),
      ROOT,
    );
    quiet.updateSettings({ severity: { 'quote-elsewhere': 'off' } });
    const codes = quoteDiagnostics(quiet).map((d) => `${d.code} ${d.severity}`);
    assert.ok(!codes.some((c) => c.startsWith('quote-elsewhere')));
    assert.deepEqual(codes.filter((c) => c.startsWith('quote-differs')), ['quote-differs information', 'quote-differs information']);
  });
});

describe('quotation feature: quick fixes', () => {
  const service = fixtureService();
  const on = (opening: string) => diagnosticOn(service, SUBMISSION, opening);

  it('cites the paragraph where the quotation is, rewriting only the number', () => {
    const diagnostic = on('growing use of ransomware against');
    const actions = actionsFor(service, diagnostic);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Cite para 3 instead', 'quickfix', true]]);
    assert.deepEqual(actions[0].edits.map((e) => e.newText), ['3']);
    const fixed = applyEdits(SUBMISSION, actions[0]);
    assert.equal(fixed, replacedOnce(SUBMISSION, 'governments” (para 4)', 'governments” (para 3)'));
    const after = fixtureService(fixed);
    assert.ok(!quoteDiagnostics(after).some((d) => fixed.slice(d.span.start, d.span.end).includes('growing use of ransomware against')), 'the fixed quotation is clean');
  });

  it('names the other draft when the quotation is only there', () => {
    const unqualified = actionsFor(service, on('a permanent forum for advancing'));
    assert.deepEqual(unqualified.map((a) => a.title), ['Cite para 5 of the First Draft instead']);
    assert.equal(applyEdits(SUBMISSION, unqualified[0]), replacedOnce(SUBMISSION, 'technologies” (para 9).', 'technologies” (para 5 of the First Draft).'));

    const qualified = actionsFor(service, on('a programme of action as a permanent forum”'));
    assert.deepEqual(qualified.map((a) => a.title), ['Cite para 5 of the First Draft instead']);
    const fixed = applyEdits(SUBMISSION, qualified[0]);
    assert.equal(fixed, replacedOnce(SUBMISSION, '(para 7 of the Zero Draft)', '(para 5 of the First Draft)'));
    assert.equal(qualified[0].edits.length, 2, 'the number and the draft name, nothing else');
    const after = fixtureService(fixed);
    const start = fixed.indexOf('a programme of action as a permanent forum”');
    assert.ok(!quoteDiagnostics(after).some((d) => d.span.start <= start && start < d.span.end), 'the fixed citation resolves to the First Draft and holds the quote');
  });

  it("replaces only the differing words with the draft's wording", () => {
    const actions = actionsFor(service, on('frequent and inclusive'));
    assert.deepEqual(actions.map((a) => a.title), ["Replace the quotation with the draft's wording"]);
    const fixed = applyEdits(SUBMISSION, actions[0]);
    assert.equal(
      fixed,
      replacedOnce(SUBMISSION, '“frequent and inclusive consultations under the protection of', '“regular and inclusive consultations under the auspices of'),
    );
    assert.equal(quoteDiagnostics(fixtureService(fixed)).filter((d) => d.code === 'quote-differs').length, 1, 'only the block quote still differs');
  });

  it('keeps the block-quote markers when rewording a block quote', () => {
    const actions = actionsFor(service, on('Regional organizations'));
    const fixed = applyEdits(SUBMISSION, actions[0]);
    assert.equal(fixed, replacedOnce(SUBMISSION, '> practical confidence-building measures suited to', '> practical confidence-building measures adapted to'));
  });

  it('deletes added words and inserts left-out ones', () => {
    const text = SUBMISSION.replace(
      '“frequent and inclusive consultations under the protection of the United Nations”',
      '“continue regular and fully inclusive consultations under the auspices of United Nations”',
    );
    const local = fixtureService(text);
    const diagnostic = diagnosticOn(local, text, 'continue regular');
    assert.equal(diagnostic.message, "quote differs from para 10: 'fully' added, 'the' left out");
    const fixed = applyEdits(text, actionsFor(local, diagnostic, FILE)[0]);
    assert.equal(fixed, replacedOnce(text, '“continue regular and fully inclusive consultations under the auspices of United', '“continue regular and inclusive consultations under the auspices of the United'));
  });

  it('offers nothing for a quotation found nowhere', () => {
    assert.deepEqual(actionsFor(service, on('a binding treaty')), []);
  });
});

describe('quotation feature: hover', () => {
  const service = fixtureService();
  const hoverOn = (opening: string) => {
    const hover = service.hover(FILE, SUBMISSION.indexOf(opening) + 2);
    assert.ok(hover, `a hover on "${opening}"`);
    return hover;
  };

  it('shows the matched passage with the differences marked', () => {
    const hover = hoverOn('frequent and inclusive');
    assert.equal(SUBMISSION.slice(hover.span.start, hover.span.end), '“frequent and inclusive consultations under the protection of the United Nations”');
    assert.equal(
      hover.markdown,
      [
        '**Quotation — near match** (2 differences) · para 10 of the Zero Draft',
        '> … ~~frequent~~ **regular** and inclusive consultations under the ~~protection~~ **auspices** of the United Nations …',
        "*~~struck~~: the quotation's words · **bold**: the draft's words*",
      ].join('\n\n'),
    );
  });

  it('says when a quotation is exact', () => {
    assert.equal(
      hoverOn('regular and inclusive').markdown,
      '**Quotation — exact** · para 10 of the Zero Draft\n\n> … regular and inclusive consultations under the auspices of the United Nations …',
    );
  });

  it('says where a misplaced quotation is, in this draft or another', () => {
    assert.match(hoverOn('growing use of ransomware against').markdown, /^\*\*Quotation — not in para 4\*\*: found in para 3 of the Zero Draft\.\n\n> … growing use/);
    assert.match(hoverOn('a permanent forum for advancing').markdown, /^\*\*Quotation — not in para 9 of the Zero Draft\*\*: found in para 5 of the First Draft\./);
  });

  it('says when a quotation is found nowhere, naming every draft searched, as the diagnostic does', () => {
    assert.match(hoverOn('a binding treaty').markdown, /^\*\*Quotation — not found\*\* in para 7 or elsewhere in the Zero Draft or the First Draft\./);
  });

  it('tells where an uncited quotation comes from', () => {
    assert.match(hoverOn('the voluntary norms of').markdown, /^\*\*Quotation — not cited\*\*: found in para 5 of the Zero Draft\./);
  });

  it('leaves the citation hover to the citation', () => {
    const hover = service.hover(FILE, SUBMISSION.indexOf('(para 4)') + 3);
    assert.ok(hover && !hover.markdown.startsWith('**Quotation'));
  });
});

describe('quotation feature: Check All Quotations', () => {
  it('also reports uncited quotations found in a draft, and adds the citation', () => {
    const service = fixtureService();
    const before = quoteDiagnostics(service).length;
    service.auditQuotations(FILE, true);
    const uncited = quoteDiagnostics(service).filter((d) => d.code === 'uncited-quote');
    assert.deepEqual(
      uncited.map((d) => [d.severity, d.message]),
      [
        ['information', 'quotation found in para 5 of the Zero Draft, but not cited'],
        ['information', 'quotation found in para 5 of the First Draft, but not cited'],
      ],
    );
    assert.equal(quoteDiagnostics(service).length, before + 2);

    const [inZero, inFirst] = uncited.map((d) => actionsFor(service, d)[0]);
    assert.equal(inZero.title, 'Add citation (para 5)');
    assert.equal(applyEdits(SUBMISSION, inZero), replacedOnce(SUBMISSION, 'international community”.', 'international community” (para 5).'));
    assert.equal(inFirst.title, 'Add citation (para 5 of the First Draft)');
    assert.equal(applyEdits(SUBMISSION, inFirst), replacedOnce(SUBMISSION, 'responsible behaviour”, which', 'responsible behaviour” (para 5 of the First Draft), which'));
    assert.ok(inFirst.edits.every((e) => e.span.start === e.span.end), 'only an insertion');

    service.auditQuotations(FILE, false);
    assert.equal(quoteDiagnostics(service).length, before);
  });

  it('leaves short uncited quotations alone', () => {
    const text = SUBMISSION + '\nWe value “peer exchanges” as a practice.\n';
    const service = fixtureService(text);
    service.auditQuotations(FILE, true);
    const start = text.indexOf('peer exchanges');
    assert.ok(!quoteDiagnostics(service).some((d) => d.span.start <= start && start < d.span.end));
  });
});

describe('quotation feature: keystrokes', () => {
  it('gives the same diagnostics after an edit elsewhere, moved with the text', () => {
    const service = fixtureService();
    const before = quoteDiagnostics(service);
    const edited = 'A new opening line.\n' + SUBMISSION;
    service.setDocument(FILE, edited, 1);
    const after = quoteDiagnostics(service);
    assert.deepEqual(
      after.map((d) => [d.code, d.message, edited.slice(d.span.start, d.span.end)]),
      before.map((d) => [d.code, d.message, SUBMISSION.slice(d.span.start, d.span.end)]),
    );
  });

  it('forgets its verdicts when a draft changes', () => {
    const service = fixtureService();
    assert.ok(quoteDiagnostics(service).some((d) => d.message.startsWith('quote is not in para 4;')));
    service.setDocument(`${ROOT}/drafts/zero-draft.txt`, ZERO_DRAFT.replace('3. States expressed concern', '3. States noted').replace('4. Some delegations', '4. States expressed concern at the growing use of ransomware against health services, schools and local governments. Some delegations'), 1);
    assert.ok(!quoteDiagnostics(service).some((d) => d.message.startsWith('quote is not in para 4;')));
  });
});

describe('quotation feature: quotations too long to compare word by word', () => {
  // A draft with one very long paragraph, and a submission quoting more than
  // MAX_ALIGNED_QUOTE_WORDS of its words.
  const longText = Array.from({ length: 400 }, (_, k) => `the Group met for session ${k + 1} and heard States`).join(', ');
  const draft = `**Open-ended Working Group on Secure Digital Cooperation**\n\nZero Draft [Test Fixture]\n\nA. Introduction\n\n1. The Working Group met in four sessions.\n\n2. ${longText}.\n`;
  const words = longText.split(' ');
  const quote = words.slice(100, 100 + MAX_ALIGNED_QUOTE_WORDS + 200).join(' ');
  const changed = quote.replace('session 40 ', 'session forty ');
  const submission = `---\ndraft: zero-draft\n---\n\nPara 2 says “${quote}”.\n\nPara 1 says “${quote}”.\n\nPara 2 says “${changed}”.\n`;
  const service = createLanguageService(
    new MemoryFileSystem({
      [`${ROOT}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] }),
      [`${ROOT}/drafts/zero-draft.txt`]: draft,
      [FILE]: submission,
    }),
    ROOT,
  );

  it('finds them as written, in the cited paragraph or elsewhere, and says when one is too long to compare more closely', () => {
    assert.notEqual(changed, quote);
    const words = MAX_ALIGNED_QUOTE_WORDS + 200;
    assert.deepEqual(
      quoteDiagnostics(service).map((d) => [d.code, d.message, submission.slice(d.span.start, d.span.end)]),
      [
        ['quote-elsewhere', 'quote is not in para 1; found in para 2', `“${quote}”`],
        [
          'quote-not-found',
          `quote too long to check closely (${words} words; the limit is ${MAX_ALIGNED_QUOTE_WORDS}): not found as written in para 2 or elsewhere in the Zero Draft`,
          `“${changed}”`,
        ],
      ],
    );
    const hover = service.hover(FILE, submission.lastIndexOf('“') + 3);
    assert.equal(
      hover?.markdown,
      `**Quotation — not found** as written in para 2 or elsewhere in the Zero Draft: quote too long to check closely (${words} words; the limit is ${MAX_ALIGNED_QUOTE_WORDS}).`,
    );
  });
});

describe('quotation feature on the real GPD response checked against the real Zero Draft', () => {
  // The response quotes the Pre-draft; front matter (which wins over its first
  // heading naming the Pre-draft) makes its citations resolve to the Zero Draft.
  const root = '/real';
  const file = `${root}/gpd.md`;
  let text: string;
  let service: ReturnType<typeof createLanguageService>;
  before(function () {
    needsCorpus(this);
    text = `---\ndraft: zero-draft\n---\n${readCorpus('gpd-response-to-pre-draft-2020-03.md')}`;
    service = createLanguageService(
      new MemoryFileSystem({
        [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'pre-draft', label: 'Pre-draft' }, { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] }),
        [`${root}/drafts/zero-draft.txt`]: readCorpus('zero-draft-2021.txt'),
        [file]: text,
      }),
      root,
    );
  });
  const quoted = (d: CoreDiagnostic) => text.slice(d.span.start, d.span.end);

  it('finds the quotation cited as para 34 in para 46, reworded', () => {
    const [elsewhere] = quoteDiagnostics(service, file).filter((d) => d.code === 'quote-elsewhere');
    assert.equal(elsewhere.message, 'quote is not in para 34; found in para 46 (near match)');
    const [fix] = actionsFor(service, elsewhere, file);
    assert.equal(fix.title, 'Cite para 46 instead');
    const fixed = applyEdits(text, fix);
    assert.equal(fixed, replacedOnce(text, 'rights” (paragraph 34)', 'rights” (paragraph 46)'));
    // Now cited where it is, the quote differs by the Zero Draft's rewording.
    const after = createLanguageService(
      new MemoryFileSystem({
        [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] }),
        [`${root}/drafts/zero-draft.txt`]: readCorpus('zero-draft-2021.txt'),
        [file]: fixed,
      }),
      root,
    );
    const differs = quoteDiagnostics(after, file).filter((d) => d.code === 'quote-differs');
    assert.deepEqual(differs.map((d) => d.message), ["quote differs from para 46: 'are' ≠ 'should be viewed as'"]);
  });

  it('reports the two capacity-building quotations cited as para 52 as found nowhere, with the closest passage in para 86', () => {
    const notFound = quoteDiagnostics(service, file).filter((d) => d.code === 'quote-not-found');
    assert.equal(notFound.length, 2);
    for (const d of notFound) assert.match(d.message, /^quote not found in para 52 or elsewhere in the Zero Draft; closest: “[^”]+” \(para 86\)$/);
    assert.deepEqual(notFound.map((d) => quoted(d).split(/\s+/)[0]), ['“demand-driven,', '“non-discriminatory,']);
  });

  it('reports nothing else: the scare-quoted term cited as para 56 is in paras 11 and 84', () => {
    assert.deepEqual(quoteDiagnostics(service, file).map((d) => d.code), ['quote-elsewhere', 'quote-not-found', 'quote-not-found']);
    const term = service.hover(file, text.indexOf('gender digital divide'));
    assert.ok(term);
    assert.match(term.markdown, /^\*\*Quotation — not in para 56\*\*: found in para 11 of the Zero Draft\. Also in para 84\./);
  });

  it('with Check All Quotations, finds the uncited quotation of the threats section in para 16', () => {
    service.auditQuotations(file, true);
    try {
      const uncited = quoteDiagnostics(service, file).filter((d) => d.code === 'uncited-quote');
      assert.deepEqual(uncited.map((d) => d.message), ['quotation found in para 16 of the Zero Draft (near match), but not cited']);
      assert.ok(quoted(uncited[0]).startsWith('“the exploitation of'));
      const [fix] = actionsFor(service, uncited[0], file);
      assert.equal(fix.title, 'Add citation (para 16)');
      assert.equal(fix.edits.length, 1);
      assert.equal(fix.edits[0].span.start, uncited[0].span.end);
      assert.equal(fix.edits[0].newText, ' (para 16)');
    } finally {
      service.auditQuotations(file, false);
    }
  });
});

describe('quotation feature on the samples, as samples/EXPECTED.md says', () => {
  it('reports the near quotation of line 25 and the misplaced one of line 29, and nothing in the other submission', () => {
    const service = createLanguageService(new DiskFileSystem(), samplesDir);
    const response = path.join(samplesDir, 'submissions', 'response-to-zero-draft.md');
    const lines = new LineMap(fs.readFileSync(response, 'utf8'));
    assert.deepEqual(
      quoteDiagnostics(service, response).map((d) => [lines.positionAt(d.span.start).line + 1, d.code, d.message]),
      [
        [25, 'quote-differs', "quote differs from para 14: 'businesses' ≠ 'enterprises'"],
        [29, 'quote-elsewhere', 'quote is not in para 23; found in para 21'],
      ],
    );
    assert.deepEqual(quoteDiagnostics(service, path.join(samplesDir, 'submissions', 'notes-on-first-draft.txt')), []);
  });
});

describe('quotation feature: fixes that keep what the author meant (test/fixtures/quotations/trust)', () => {
  // A Zero Draft and a newer, current Final Draft that drops para 4 and edits para 5 into para 4.
  const dir = path.join(fixturesDir, 'quotations', 'trust');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const submission = read('submission.md');
  const trustService = (text = submission, drafts: Record<string, string> = {}) =>
    createLanguageService(
      new MemoryFileSystem({
        [`${ROOT}/oewg-cite.json`]: read('oewg-cite.json'),
        [`${ROOT}/zero-draft.txt`]: read('zero-draft.txt'),
        [`${ROOT}/final-draft.txt`]: read('final-draft.txt'),
        ...drafts,
        [FILE]: text,
      }),
      ROOT,
    );
  const service = trustService();
  const on = (opening: string) => diagnosticOn(service, submission, opening);

  it('reports each case once, naming abbreviations as kept and the older draft a quote comes from', () => {
    assert.deepEqual(
      quoteDiagnostics(service).map((d) => [d.code, d.message]),
      [
        ['quote-differs', "quote differs from para 1: 'reports' ≠ 'report'; 'GGE' kept (abbreviation of 'Group of Governmental Experts')"],
        ['quote-differs', "quote differs from para 2: 'sustainable' left out; 'ICTs' kept (abbreviation of 'information and communications technologies')"],
        ['quote-differs', "quote differs from para 3: 'sources' ≠ 'source'"],
        ['quote-differs', "quote differs from para 3: 'infrastructures' ≠ 'infrastructure'"],
        ['quote-elsewhere', 'quotes para 5 of the Zero Draft exactly; that paragraph is para 4 of the Final Draft (edited)'],
      ],
    );
  });

  it('takes an acronym the paragraph spells out as the author’s abbreviation: no diagnostic, a near match in the hover', () => {
    const start = submission.indexOf('the 2015 report of the GGE');
    assert.ok(!quoteDiagnostics(service).some((d) => d.span.start <= start && start < d.span.end));
    const hover = service.hover(FILE, start + 4);
    assert.match(hover!.markdown, /^\*\*Quotation — near match\*\* \(GGE: abbreviation of Group of Governmental Experts\) · para 1 of the Final Draft/);
  });

  it('fixes the words that differ and keeps the acronyms and the ellipsis as written', () => {
    const cases: Array<[string, string, string]> = [
      ['the 2015 reports of the GGE', '“the 2015 reports of the GGE', '“the 2015 report of the GGE'],
      ['the value of ICTs', 'the value of ICTs for development', 'the value of ICTs for sustainable development'],
      ['sources of ICT', '“sources of ICT incidents”', '“source of ICT incidents”'],
      ['exchange views …', 'critical infrastructures,', 'critical infrastructure,'],
    ];
    for (const [opening, from, to] of cases) {
      const diagnostic = on(opening);
      const actions = actionsFor(service, diagnostic);
      assert.deepEqual(actions.map((a) => a.title), ["Replace the quotation with the draft's wording"], opening);
      const fixed = applyEdits(submission, actions[0]);
      assert.equal(fixed, replacedOnce(submission, from, to));
      const start = fixed.indexOf(to);
      assert.ok(!quoteDiagnostics(trustService(fixed)).some((d) => d.span.start <= start && start < d.span.end), `"${to}" is then found exactly`);
    }
  });

  it('prefers the exact match in the older draft to a near one in the current draft, and offers to cite it', () => {
    const diagnostic = on('capacity-building should');
    const actions = actionsFor(service, diagnostic);
    assert.deepEqual(actions.map((a) => a.title), ['Cite para 5 of the Zero Draft instead']);
    const fixed = applyEdits(submission, actions[0]);
    assert.equal(fixed, replacedOnce(submission, 'As para 5 puts it', 'As para 5 of the Zero Draft puts it'));
    const start = fixed.indexOf('capacity-building should');
    assert.ok(!quoteDiagnostics(trustService(fixed)).some((d) => d.span.start <= start && start < d.span.end));
    assert.match(service.hover(FILE, start + 3)!.markdown, /^\*\*Quotation — para 5 of the Zero Draft\*\*, exactly: that paragraph is para 4 of the Final Draft \(edited\)\./);
  });

  it('never deletes from a quote of a PDF draft a word the draft has', async () => {
    // The Zero Draft published as a UN-style PDF and read by the PDF reader, as the server reads it.
    const bytes = (await samplePdf(read('zero-draft.txt'))).bytes;
    const pdfFile = `${ROOT}/drafts/zero-draft.pdf`;
    const cache = new ExtractionCache({ extractor: IN_PROCESS_EXTRACTOR, source: { stamp: (file) => (file === pdfFile ? String(bytes.length) : undefined), read: async () => bytes } });
    const text = 'Para 3 says that the Group “encourages States to exchange national views on the source of ICT incidents”.\n';
    const pdf = createLanguageService(
      withExtractedDrafts(
        new MemoryFileSystem({ [`${ROOT}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.pdf' }] }), [pdfFile]: '', [FILE]: text }),
        cache,
      ),
      ROOT,
    );
    await refreshExtractedDrafts(pdf, cache);
    assert.equal(pdf.draft('zero-draft')!.parsed!.paragraphs.length, 6);
    const fromPdf = diagnosticOn(pdf, text, 'encourages States');
    assert.equal(fromPdf.message, "quote differs from para 3: 'national' added");
    assert.deepEqual(actionsFor(pdf, fromPdf), [], "'national' is a word of the draft: the PDF's text may have lost it here");
    // The same quote of the draft as a text file: the added word is the author's, and the fix deletes it.
    const plain = trustService(text);
    const asText = diagnosticOn(plain, text, 'encourages States');
    assert.equal(asText.message, fromPdf.message);
    assert.equal(applyEdits(text, actionsFor(plain, asText)[0]), replacedOnce(text, 'exchange national views', 'exchange views'));
  });
});

describe('quotation quick fixes, each applied on its own: samples, fixtures and the real corpus', () => {
  interface Case {
    name: string;
    file: string;
    text: string;
    /** A fresh service holding `text` as the file. */
    serve(text: string): LanguageService;
  }

  /** Where an offset of the text stands after the edits. */
  const shifted = (offset: number, action: CoreCodeAction) =>
    action.edits.reduce((at, edit) => (edit.span.end <= offset ? at + edit.newText.length - (edit.span.end - edit.span.start) : at), offset);
  const touches = (d: CoreDiagnostic, start: number, end: number) => d.span.start <= end && start <= d.span.end;
  const QUOTE_FIX = "Replace the quotation with the draft's wording";

  /**
   * Applies every quotation quick fix of the text, one at a time, and checks
   * what the fix changed and what a fresh check of the fixed text finds.
   * Returns how many fixes were applied.
   */
  function checkEveryFix(c: Case, depth = 0): number {
    const service = c.serve(c.text);
    const before = service.diagnostics(c.file);
    let applied = 0;
    // Every fix offered, asked before any is tried (`serve` may reuse the service).
    const offered = before.filter((d) => QUOTE_CODES.has(d.code)).map((d) => [d, actionsFor(service, d, c.file)] as const);
    for (const [diagnostic, actions] of offered) {
      for (const action of actions) {
        applied++;
        const where = `${c.name}: ${action.title} on ${c.text.slice(diagnostic.span.start, diagnostic.span.end).slice(0, 60)}`;
        const quote = diagnostic.span;
        const rewords = action.title === QUOTE_FIX;
        for (const edit of action.edits) {
          if (rewords) assert.ok(quote.start < edit.span.start && edit.span.end < quote.end, `${where}: the fix changes only the quote's characters`);
          else {
            assert.ok(edit.span.end <= quote.start || edit.span.start >= quote.end, `${where}: a citation fix leaves the quote as written`);
            assert.match(edit.newText, /^(?:[0-9]+[a-z]?|,? ?(?:of the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)$/, `${where}: only a number or a draft's name`);
          }
        }
        const fixed = applyEdits(c.text, action);
        if (rewords) {
          // The author's ellipses and acronyms stay as written.
          const quoted = (text: string, end: number) => text.slice(quote.start, end);
          const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
          const fixedQuote = quoted(fixed, shifted(quote.end, action));
          assert.equal(count(fixedQuote, /…|\.\.\./g), count(quoted(c.text, quote.end), /…|\.\.\./g), `${where}: ellipses kept`);
          assert.ok(count(fixedQuote, /\b\p{Lu}{2,}s?\b/gu) >= count(quoted(c.text, quote.end), /\b\p{Lu}{2,}s?\b/gu), `${where}: acronyms kept`);
        }
        const start = Math.min(quote.start, ...action.edits.map((e) => e.span.start));
        const end = Math.max(quote.end, ...action.edits.map((e) => e.span.end));
        const [fixedStart, fixedEnd] = [shifted(start, action), shifted(end, action)];
        const known = new Set(before.map((d) => `${d.code} ${d.message} ${shifted(d.span.start, action)}`));
        const after = c.serve(fixed).diagnostics(c.file);
        const atPlace = after.filter((d) => touches(d, fixedStart, fixedEnd));
        // A note on the history of the paragraph now cited is information, not a finding.
        const finding = (d: CoreDiagnostic) => d.severity === 'error' || d.severity === 'warning';
        const fresh = atPlace.filter((d) => finding(d) && !known.has(`${d.code} ${d.message} ${d.span.start}`) && !(d.code === 'quote-differs' && !rewords));
        assert.deepEqual(fresh.map((d) => `${d.code}: ${d.message}`), [], `${where}: no new finding at the fixed place`);
        const onQuote = atPlace.filter((d) => QUOTE_CODES.has(d.code));
        if (rewords) assert.deepEqual(onQuote.map((d) => d.message), [], `${where}: the fixed quote is found exactly`);
        else {
          // A quote moved to the paragraph it nearly matches differs there by the near match's words: their own fix makes it exact.
          assert.ok(onQuote.every((d) => d.code === 'quote-differs'), `${where}: the quote is then in the paragraph it cites`);
          if (onQuote.length && depth === 0) applied += checkEveryFix({ ...c, name: `${c.name} (after ${action.title})`, text: fixed }, depth + 1);
        }
      }
    }
    return applied;
  }

  it('the samples', () => {
    let applied = 0;
    for (const name of fs.readdirSync(path.join(samplesDir, 'submissions'))) {
      const file = path.join(samplesDir, 'submissions', name);
      const text = fs.readFileSync(file, 'utf8');
      applied += checkEveryFix({ name, file, text, serve: (t) => { const s = createLanguageService(new DiskFileSystem(), samplesDir); s.setDocument(file, t, 1); return s; } });
    }
    assert.ok(applied >= 2, `fixes applied: ${applied}`);
  });

  it('the fixtures', () => {
    const trust = path.join(fixturesDir, 'quotations', 'trust');
    const read = (name: string) => fs.readFileSync(path.join(trust, name), 'utf8');
    const serveTrust = (text: string) =>
      createLanguageService(
        new MemoryFileSystem({ [`${ROOT}/oewg-cite.json`]: read('oewg-cite.json'), [`${ROOT}/zero-draft.txt`]: read('zero-draft.txt'), [`${ROOT}/final-draft.txt`]: read('final-draft.txt'), [FILE]: text }),
        ROOT,
      );
    const quotations = path.join(fixturesDir, 'quotations');
    const serveQuotations = (text: string) =>
      createLanguageService(
        new MemoryFileSystem({
          [`${ROOT}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'fixture-draft', label: 'Fixture Draft', path: 'draft.txt' }] }),
          [`${ROOT}/draft.txt`]: fs.readFileSync(path.join(quotations, 'draft.txt'), 'utf8'),
          [FILE]: text,
        }),
        ROOT,
      );
    const applied =
      checkEveryFix({ name: 'quotation feature fixture', file: FILE, text: SUBMISSION, serve: fixtureService }) +
      checkEveryFix({ name: 'trust/submission.md', file: FILE, text: read('submission.md'), serve: serveTrust }) +
      checkEveryFix({ name: 'quotations/submission.md', file: FILE, text: fs.readFileSync(path.join(quotations, 'submission.md'), 'utf8'), serve: serveQuotations });
    assert.ok(applied >= 12, `fixes applied: ${applied}`);
  });

  it('the real GPD response checked against the real Zero Draft', function () {
    needsCorpus(this);
    const root = '/real';
    const file = `${root}/gpd.md`;
    const text = `---\ndraft: zero-draft\n---\n${readCorpus('gpd-response-to-pre-draft-2020-03.md')}`;
    const zero = readCorpus('zero-draft-2021.txt');
    const serve = (t: string) =>
      createLanguageService(
        new MemoryFileSystem({
          [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] }),
          [`${root}/drafts/zero-draft.txt`]: zero,
          [file]: t,
        }),
        root,
      );
    assert.ok(checkEveryFix({ name: 'gpd', file, text, serve }) >= 1);
  });

  it('quotes of the real Zero Draft, derived at test time: a word changed, left out or added, acronyms and ellipses of the author', function () {
    needsCorpus(this);
    const root = '/derived';
    const file = `${root}/comments.md`;
    const zero = readCorpus('zero-draft-2021.txt');
    const acronyms: Array<[RegExp, string]> = [
      [/\bGroup of Governmental Experts\b/g, 'GGE'],
      [/\binformation and communications? technologies\b/gi, 'ICTs'],
      [/\bconfidence-building measures\b/gi, 'CBMs'],
    ];
    const sentences = parseDraft(zero).paragraphs.flatMap((paragraph, k) => {
      const words = paragraph.text.replace(/[*"“”]/g, '').split(/\s+/).filter(Boolean);
      if (words.length < 24 || k % 2) return [];
      let quote = words.slice(2, 18);
      if (k % 3 === 0) quote[5] = 'substantive';
      else if (k % 3 === 1) quote.splice(6, 1);
      else quote.splice(4, 0, 'fully');
      if (k % 4 === 0) quote = [...quote.slice(0, 9), '…', ...quote.slice(11)];
      let written = quote.join(' ').replace(/^[^\p{L}\p{Nd}]+|[^\p{L}\p{Nd}]+$/gu, '');
      for (const [pattern, acronym] of acronyms) written = written.replace(pattern, acronym);
      return [`Paragraph ${paragraph.number} says that “${written}”.`];
    });
    const text = `---\ndraft: zero-draft\n---\n\n# Comments on the Zero Draft\n\n${sentences.join('\n\n')}\n`;
    assert.match(text, /GGE|ICTs|CBMs/, 'the derived quotes hold acronyms');
    // One service, the submission set anew for each fix (a service that follows edits answers as a fresh one does).
    const service = createLanguageService(
      new MemoryFileSystem({
        [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'zero-draft.txt' }] }),
        [`${root}/zero-draft.txt`]: zero,
        [file]: text,
      }),
      root,
    );
    let version = 0;
    const serve = (t: string) => {
      service.setDocument(file, t, ++version);
      return service;
    };
    const applied = checkEveryFix({ name: 'derived from the Zero Draft', file, text, serve });
    assert.ok(applied >= sentences.length / 2, `fixes applied: ${applied} for ${sentences.length} quotes`);
  });
});

describe('quotation feature on the real Zero Draft and a Final Draft made from it at test time', () => {
  it('finds an exact quote of the Zero Draft cited by bare number there, not a near match in the current Final Draft', function () {
    needsCorpus(this);
    const zero = readCorpus('zero-draft-2021.txt');
    const parsed = parseDraft(zero);
    // The Final Draft drops para 3 and rewords one word in the middle of para 10 (now para 9).
    const final = renderOutline(rewordParagraph(deleteParagraph(outlineOf(parsed), '3'), '10', { at: 0.5, remove: 1, insert: ['substantively'] })).text;
    const words = parsed.paragraphs.find((p) => p.number === '10')!.text.replace(/[*"“”]/g, '').split(/\s+/);
    const middle = Math.floor(words.length * 0.5);
    const quote = words.slice(middle - 6, middle + 6).join(' ');
    const text = `# Comments\n\nAs para 10 says, “${quote}”.\n`;
    const service = createLanguageService(
      new MemoryFileSystem({
        [`${ROOT}/oewg-cite.json`]: JSON.stringify({
          drafts: [
            { id: 'zero-draft', label: 'Zero Draft', path: 'zero-draft.txt' },
            { id: 'final-draft', label: 'Final Draft', path: 'final-draft.txt' },
          ],
          current: 'final-draft',
        }),
        [`${ROOT}/zero-draft.txt`]: zero,
        [`${ROOT}/final-draft.txt`]: final,
        [FILE]: text,
      }),
      ROOT,
    );
    const diagnostic = diagnosticOn(service, text, quote.slice(0, 20));
    assert.equal(diagnostic.message, 'quotes para 10 of the Zero Draft exactly; that paragraph is para 9 of the Final Draft (edited)');
    const [fix, ...others] = actionsFor(service, diagnostic);
    assert.deepEqual(others, []);
    assert.equal(applyEdits(text, fix), replacedOnce(text, 'As para 10 says', 'As para 10 of the Zero Draft says'));
  });
});
