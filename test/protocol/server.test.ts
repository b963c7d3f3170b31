// dist/server.js driven over stdio, as any editor would: hover, definition,
// diagnostics, completion, settings and file watching, on samples/ and on the
// real corpus.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { Diagnostic, TestLspClient } from '../support/lspClient';
import { needsCorpus, samplesDir } from '../support/paths';
import { samplePdf } from '../support/publishedDrafts';
import { copySamples, corpusWorkspace, makeTempDir, removeDir } from '../support/tempWorkspace';

const position = TestLspClient.positionOf;
const RESPONSE = 'submissions/response-to-zero-draft.md';
const NOTES = 'submissions/notes-on-first-draft.txt';

interface Hover {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number } };
}
interface LocationLink {
  targetUri: string;
  targetSelectionRange: { start: { line: number; character: number } };
}
interface CompletionItem {
  label: string;
  detail?: string;
}

const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);
/** Line (0-based) of "N." at the start of a line in a draft. */
function paragraphLine(draftText: string, number: string): number {
  const lines = draftText.split('\n');
  const index = lines.findIndex((line) => new RegExp(`^(\\*\\*)?${number}\\.\\s`).test(line));
  assert.ok(index >= 0, `paragraph ${number} not found in draft text`);
  return index;
}

describe('language server over stdio: severity settings', () => {
  it('publishes even the first diagnostics with the severities the user chose, leaving out values that are not severities', async () => {
    const client = new TestLspClient({ root: samplesDir, settings: { severity: { 'missing-paragraph': 'warning', 'draft-not-indexed': 'fatal' } } });
    try {
      await client.start();
      const response = read(samplesDir, RESPONSE);
      await client.open(RESPONSE, response);
      await client.waitForDiagnostics(RESPONSE, (found) => found.some((diagnostic) => diagnostic.code === 'missing-paragraph'));
      const publications = client.published.filter((params) => params.uri === client.uri(RESPONSE));
      for (const { diagnostics } of publications) {
        for (const diagnostic of diagnostics) assert.ok([1, 2, 3, 4].includes(diagnostic.severity!), JSON.stringify(diagnostic));
        assert.deepEqual([...new Set(diagnostics.filter((d) => d.code === 'missing-paragraph').map((d) => d.severity))], [2], 'a warning from the first publication on');
        assert.deepEqual([...new Set(diagnostics.filter((d) => d.code === 'draft-not-indexed').map((d) => d.severity))], [3], '"fatal" is no severity: the default stays');
      }
    } finally {
      client.stop();
    }
  });
});

describe('language server over stdio: samples/', function () {
  let client: TestLspClient;
  let response: string;
  const zeroDraft = read(samplesDir, 'drafts/zero-draft.txt');

  before(async () => {
    client = new TestLspClient({ root: samplesDir });
    await client.start();
    response = read(samplesDir, RESPONSE);
    await client.open(RESPONSE, response);
  });
  after(() => client.stop());

  it('publishes a missing-paragraph error for a paragraph the draft does not have, and nothing for valid citations', async () => {
    const diagnostics = await client.waitForDiagnostics(RESPONSE, (found) => found.length > 0);
    const missing = diagnostics.filter((diagnostic) => diagnostic.code === 'missing-paragraph');
    const at130 = position(response, 'para 130');
    const on130 = missing.find((diagnostic) => diagnostic.range.start.line === at130.line);
    assert.ok(on130, JSON.stringify(diagnostics, null, 1));
    assert.equal(on130.severity, 1);
    assert.equal(on130.source, 'oewg-cite');
    assert.match(on130.message, /^para 130: the Zero Draft has paragraphs 1–\d+$/);
    const validLine = position(response, 'para 12').line;
    assert.ok(!diagnostics.some((diagnostic) => diagnostic.range.start.line === validLine && diagnostic.code === 'missing-paragraph'));
  });

  it('reports a citation of a draft that is not indexed with its own code', async () => {
    const diagnostics = await client.waitForDiagnostics(RESPONSE, (found) => found.length > 0);
    const line = position(response, 'of the Pre-draft').line;
    const notIndexed = diagnostics.find((diagnostic) => diagnostic.code === 'draft-not-indexed' && diagnostic.range.start.line === line);
    assert.ok(notIndexed, JSON.stringify(codes(diagnostics)));
    assert.match(notIndexed.message, /Pre-draft, which is not indexed/);
    assert.equal(notIndexed.severity, 3);
  });

  it('hovers a citation with the paragraph text, its section, sub-heading and the draft', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: position(response, 'para 12', 5) });
    assert.ok(hover, 'a hover');
    assert.match(hover.contents.value, /\*\*Zero Draft, para 12\*\*/);
    assert.match(hover.contents.value, /B\. Existing and Potential Threats/);
    const paragraph12 = zeroDraft.split('\n')[paragraphLine(zeroDraft, '12')].replace(/^12\.\s*/, '');
    const firstWords = paragraph12.split(' ').slice(0, 6).join(' ').replace(/[*_]/g, '');
    assert.ok(hover.contents.value.replace(/\\/g, '').includes(firstWords), `${firstWords} in ${hover.contents.value}`);
    assert.match(hover.contents.value, /front matter/);
  });

  it('hovers a range with every paragraph in it', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: position(response, 'paras 30-32', 7) });
    for (const number of ['30', '31', '32']) assert.match(hover.contents.value, new RegExp(`Zero Draft, para ${number}\\*\\*`));
  });

  it('goes to the paragraph in the draft, one target per cited paragraph', async () => {
    const single = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: client.uri(RESPONSE) }, position: position(response, 'para 12', 6) });
    assert.equal(single.length, 1);
    assert.equal(URI.parse(single[0].targetUri).fsPath, path.join(samplesDir, 'drafts', 'zero-draft.txt'));
    assert.equal(single[0].targetSelectionRange.start.line, paragraphLine(zeroDraft, '12'));
    const list = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: client.uri(RESPONSE) }, position: position(response, 'paragraphs 24, 26 and 30', 2) });
    assert.deepEqual(list.map((link) => link.targetSelectionRange.start.line), ['24', '26', '30'].map((number) => paragraphLine(zeroDraft, number)));
  });

  it('completes paragraph numbers after "para " with their first words', async () => {
    const text = `${response}\nWe also note para `;
    await client.change(RESPONSE, text, 2);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: client.uri(RESPONSE) },
      position: position(text, 'We also note para ', 'We also note para '.length),
    });
    const labels = items.map((item) => item.label);
    assert.equal(labels[0], '1');
    assert.ok(labels.includes('59'), labels.join(','));
    assert.match(items.find((item) => item.label === '12')!.detail!, /^Zero Draft · /);
    await client.change(RESPONSE, response, 3);
  });

  it('updates diagnostics as the user types', async () => {
    await client.change(RESPONSE, `${response}\nSee also para 999.\n`, 4);
    const diagnostics = await client.waitForDiagnostics(RESPONSE, (found) => found.some((diagnostic) => diagnostic.message.startsWith('para 999')));
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'missing-paragraph'));
    await client.change(RESPONSE, response, 5);
    await client.waitForDiagnostics(RESPONSE, (found) => !found.some((diagnostic) => diagnostic.message.startsWith('para 999')));
  });

  it('a submission that names no draft resolves to the current draft, which a setting changes', async () => {
    const scratch = 'submissions/scratch.txt';
    const text = 'We welcome para 57 and para 12.\n';
    await client.open(scratch, text);
    const at = position(text, 'para 57', 5);
    let hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(scratch) }, position: at });
    assert.match(hover.contents.value, /not in the First Draft/);
    assert.match(hover.contents.value, /First Draft: the current draft/);
    const status = await client.waitForNotification('oewgCite/status');
    assert.equal(status.currentDraft.id, 'first-draft');

    await client.changeSettingsAndWait({ currentDraft: 'zero-draft' }, (params) => params.currentDraft?.id === 'zero-draft');
    hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(scratch) }, position: at });
    assert.match(hover.contents.value, /\*\*Zero Draft, para 57\*\*/);
    await client.changeSettingsAndWait({}, (params) => params.currentDraft?.id === 'first-draft');

    const since = client.notifications.length;
    await client.changeSettings({ currentDraft: 'second-draft' });
    const warning = await client.waitForNotification('window/showMessage', (params) => /oewgCite\.currentDraft/.test(params.message), 10000, since);
    assert.equal(warning.type, 2);
    assert.match(warning.message, /names "second-draft", which is not a draft of this workspace \(Zero Draft, First Draft\); the First Draft is used instead/);
    await client.changeSettingsAndWait({}, (params) => params.currentDraft?.id === 'first-draft');
  });

  it('resolves a plain-text submission by the heading that names a draft', async () => {
    const notes = read(samplesDir, NOTES);
    await client.open(NOTES, notes);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(NOTES) }, position: position(notes, 'para 57', 5) });
    assert.match(hover.contents.value, /First Draft: the draft named by the heading above/);
  });

  it('says where a cited Zero Draft paragraph went, and offers to retarget it', async () => {
    const diagnostics = await client.waitForDiagnostics(RESPONSE, (found) => found.length > 0);
    const at = position(response, 'para 12');
    const renumbered = diagnostics.find((diagnostic) => diagnostic.code === 'paragraph-renumbered' && diagnostic.range.start.line === at.line);
    assert.ok(renumbered, JSON.stringify(codes(diagnostics)));
    assert.equal(renumbered.message, 'para 12 of the Zero Draft is now para 9 of the First Draft');
    interface Action {
      title: string;
      kind: string;
      edit: { documentChanges: Array<{ edits: Array<{ newText: string; annotationId?: string }> }>; changeAnnotations?: Record<string, { needsConfirmation: boolean }> };
    }
    const range = { start: at, end: { line: at.line, character: at.character + 7 } };
    const fixes = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: client.uri(RESPONSE) }, range, context: { diagnostics: [], only: ['quickfix'] } });
    const retarget = fixes.find((action) => action.title === 'Retarget to para 9 of the First Draft');
    assert.ok(retarget, fixes.map((action) => action.title).join(' | '));
    assert.ok(fixes.every((action) => action.kind === 'quickfix'));
    assert.deepEqual(retarget.edit.documentChanges[0].edits.map((edit) => edit.newText), ['9 of the First Draft']);
    const sources = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: client.uri(RESPONSE) }, range, context: { diagnostics: [], only: ['source'] } });
    assert.equal(sources.length, 1);
    assert.match(sources[0].title, /^Update all citations in this file to the current draft \(First Draft\)/);
    assert.equal(sources[0].kind, 'source.oewgCite');
    assert.ok(Object.values(sources[0].edit.changeAnnotations!).every((annotation) => annotation.needsConfirmation), 'previewed before it is applied');
    const update = await client.request<{ title: string; edit: Action['edit'] }>('oewgCite/updateCitations', { uri: client.uri(RESPONSE) });
    assert.equal(update.title, sources[0].title);
  });

  it('answers the custom requests the VS Code client uses', async () => {
    const drafts = await client.request<Array<{ id: string; indexed: boolean; current: boolean }>>('oewgCite/drafts', {});
    assert.deepEqual(drafts.map((draft) => [draft.id, draft.indexed, draft.current]), [
      ['pre-draft', false, false],
      ['zero-draft', true, false],
      ['first-draft', true, true],
    ]);
    const recommendations = await client.request<Array<{ number: string; subheading: string }>>('oewgCite/recommendations', {});
    assert.ok(recommendations.length > 0);
    assert.ok(recommendations.every((item) => /recommend/i.test(item.subheading)));
    const comparison = await client.request<string | null>('oewgCite/compareDrafts', { older: 'zero-draft', newer: 'First Draft' });
    assert.match(comparison!, /^# Zero Draft → First Draft: where each paragraph went/);
    assert.equal(await client.request('oewgCite/compareDrafts', { older: 'pre-draft', newer: 'first-draft' }), null);
    const report = await client.request<string>('oewgCite/citationReport', { uri: client.uri(RESPONSE) });
    assert.match(report, /^# Citation report: response-to-zero-draft\.md/);
    assert.match(report, /\| para 130 \| Zero Draft \(the draft named in the front matter\) \| error: para 130/);
  });
});

interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Location['range'];
  selectionRange: Location['range'];
  children?: DocumentSymbol[];
}
interface CodeLens {
  range: Location['range'];
  command: { title: string; command: string; arguments?: [string, { line: number; character: number }, Location[]] };
}
/** "zero-draft.txt:94" (1-based line) for each location, sorted. */
const where = (locations: Location[]) => locations.map((location) => `${path.basename(URI.parse(location.uri).fsPath)}:${location.range.start.line + 1}`).sort();

describe('language server over stdio: navigation in samples/', function () {
  let client: TestLspClient;
  const response = read(samplesDir, RESPONSE);
  const zeroDraft = read(samplesDir, 'drafts/zero-draft.txt');
  const ZERO = 'drafts/zero-draft.txt';

  before(async () => {
    client = new TestLspClient({ root: samplesDir, codeLensRefresh: true });
    const result = (await client.start()) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.documentSymbolProvider && result.capabilities.workspaceSymbolProvider && result.capabilities.codeLensProvider && result.capabilities.referencesProvider);
    await client.open(RESPONSE, response);
    await client.open(ZERO, zeroDraft, 'plaintext');
  });
  after(() => client.stop());

  it('finds every citation of the paragraph the citation resolves to, with the paragraph when the editor asks for it', async () => {
    const params = (includeDeclaration: boolean) => ({ textDocument: { uri: client.uri(RESPONSE) }, position: position(response, 'paras 30-32', 6), context: { includeDeclaration } });
    const zeroLine = paragraphLine(zeroDraft, '30') + 1;
    // Lines 31 and 35 resolve to the Zero Draft by the front matter; "First Draft, paragraph 30" (line 63) does not.
    assert.deepEqual(where(await client.request<Location[]>('textDocument/references', params(true))), [`response-to-zero-draft.md:31`, `response-to-zero-draft.md:35`, `zero-draft.txt:${zeroLine}`]);
    assert.deepEqual(where(await client.request<Location[]>('textDocument/references', params(false))), [`response-to-zero-draft.md:31`, `response-to-zero-draft.md:35`]);
    const fromDraft = await client.request<Location[]>('textDocument/references', { textDocument: { uri: client.uri(ZERO) }, position: { line: zeroLine - 1, character: 0 }, context: { includeDeclaration: true } });
    assert.deepEqual(where(fromDraft), [`response-to-zero-draft.md:31`, `response-to-zero-draft.md:35`, `zero-draft.txt:${zeroLine}`]);
    const on30 = fromDraft.find((location) => location.range.start.line === 30)!;
    assert.equal(response.split('\n')[30].slice(on30.range.start.character, on30.range.end.character), '30');
  });

  it('gives the outline of a draft: sections holding sub-headings holding paragraphs', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(ZERO) } });
    assert.deepEqual(symbols.map((symbol) => symbol.name.slice(0, 2)), ['A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.']);
    assert.ok(symbols.every((symbol) => symbol.kind === 3), 'sections are namespaces');
    const threats = symbols[1];
    assert.deepEqual(threats.children!.map((child) => [child.kind, child.name.split(' — ')[0]]), [[15, 'para 8'], [2, 'Discussions'], [2, 'Conclusions']]);
    const para12 = threats.children![2].children![0];
    assert.match(para12.name, /^para 12 — States agreed that malicious ICT activity/);
    assert.equal(para12.selectionRange.start.line, paragraphLine(zeroDraft, '12'));
    assert.deepEqual([para12.selectionRange.start.character, para12.selectionRange.end.character], [0, 3]);
    const submission = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(RESPONSE) } });
    assert.deepEqual(submission.map((symbol) => symbol.name), ['Civic Cyber Forum: comments on the Zero Draft']);
    assert.equal(submission[0].children!.length, 10);
  });

  it('finds paragraphs by number and by words across the drafts', async () => {
    const byNumber = await client.request<Array<{ name: string; kind: number; containerName: string; location: Location }>>('workspace/symbol', { query: 'para 12' });
    assert.deepEqual(byNumber.slice(0, 2).map((symbol) => [symbol.containerName, path.basename(URI.parse(symbol.location.uri).fsPath), symbol.kind]), [
      ['First Draft', 'first-draft.md', 15],
      ['Zero Draft', 'zero-draft.txt', 15],
    ]);
    assert.equal(byNumber[1].location.range.start.line, paragraphLine(zeroDraft, '12'));
    const byWords = await client.request<Array<{ name: string }>>('workspace/symbol', { query: 'critical infrastructure' });
    assert.ok(byWords.length > 0 && byWords.every((symbol) => /critical infrastructure/.test(symbol.name)), JSON.stringify(byWords));
  });

  it('puts "cited N times" on each paragraph of a draft, with the arguments of the references view', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(ZERO) } });
    assert.equal(lenses.length, 59);
    const lens30 = lenses.find((lens) => lens.range.start.line === paragraphLine(zeroDraft, '30'))!;
    assert.equal(lens30.command.title, 'cited 2 times');
    assert.equal(lens30.command.command, 'oewgCite.showReferences');
    const [uri, at, locations] = lens30.command.arguments!;
    assert.equal(uri, client.uri(ZERO));
    assert.deepEqual(at, { line: paragraphLine(zeroDraft, '30'), character: 0 });
    assert.deepEqual(where(locations), ['response-to-zero-draft.md:31', 'response-to-zero-draft.md:35']);
    const lens1 = lenses.find((lens) => lens.range.start.line === paragraphLine(zeroDraft, '1'))!;
    assert.deepEqual(lens1.command, { title: 'not cited', command: '' });
  });

  it('asks the editor to refresh the lenses when a submission changes, and counts the new citation', async () => {
    const since = client.notifications.length;
    await client.change(RESPONSE, `${response}\nWe come back to para 1 at the end.\n`, 2);
    await client.waitForNotification('workspace/codeLens/refresh', () => true, 10000, since);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(ZERO) } });
    const lens1 = lenses.find((lens) => lens.range.start.line === paragraphLine(zeroDraft, '1'))!;
    assert.equal(lens1.command.title, 'cited 1 time');
    await client.change(RESPONSE, response, 3);
  });
});

describe('language server over stdio: drafts and configuration change on disk', function () {
  let root: string;
  let client: TestLspClient;

  beforeEach(async () => {
    root = copySamples();
    client = new TestLspClient({ root });
    await client.start();
  });
  afterEach(async () => {
    await client.stop();
    removeDir(root);
  });

  it('a stale citation clears when the draft on disk gains the paragraph, and comes back when it loses it', async () => {
    const response = read(root, RESPONSE);
    await client.open(RESPONSE, response);
    const has130 = (found: Diagnostic[]) => found.some((diagnostic) => diagnostic.code === 'missing-paragraph' && diagnostic.message.startsWith('para 130'));
    await client.waitForDiagnostics(RESPONSE, has130);

    const draftFile = path.join(root, 'drafts', 'zero-draft.txt');
    const original = fs.readFileSync(draftFile, 'utf8');
    const lastNumber = Number([...original.matchAll(/^(\d+)\. /gm)].pop()![1]);
    const extra = Array.from({ length: 130 - lastNumber }, (_, i) => `${lastNumber + i + 1}. States agreed to keep numbering the paragraphs of this draft.`).join('\n\n');
    fs.writeFileSync(draftFile, `${original.trimEnd()}\n\n${extra}\n`);
    await client.fileChanged('drafts/zero-draft.txt');
    await client.waitForDiagnostics(RESPONSE, (found) => !has130(found));

    fs.writeFileSync(draftFile, original);
    await client.fileChanged('drafts/zero-draft.txt');
    await client.waitForDiagnostics(RESPONSE, has130);
  });

  it('a broken oewg-cite.json gets a diagnostic in the file and a message, and the server keeps serving', async () => {
    const configFile = path.join(root, 'oewg-cite.json');
    fs.writeFileSync(configFile, '{ "drafts": [ { "id": "zero-draft", "path": "drafts/zero-draft.txt" }, ], "current": "first-draft", ');
    await client.fileChanged('oewg-cite.json');
    const problems = await client.waitForDiagnostics('oewg-cite.json', (found) => found.length > 0);
    assert.ok(problems.every((problem) => problem.code === 'config-error'));
    assert.ok(problems.some((problem) => /invalid JSON/.test(problem.message)));
    const message = await client.waitForNotification('window/showMessage', (params) => /oewg-cite\.json has \d+ problem/.test(params.message));
    assert.equal(message.type, 1);

    const response = read(root, RESPONSE);
    await client.open(RESPONSE, response);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(RESPONSE) }, position: position(response, 'para 12', 5) });
    assert.match(hover.contents.value, /Zero Draft, para 12/, 'still serving with what could be read');
  });
});

describe('language server over stdio: the real corpus', function () {
  let root: string;
  let client: TestLspClient;
  const submission = '# Notes\n\nWe support the call in para 74 to publicly reaffirm commitments, and paras 91-94.\n\nSee also paragraph 130.\n';

  before(async function () {
    needsCorpus(this);
    root = corpusWorkspace({ 'notes.md': submission });
    client = new TestLspClient({ root });
    await client.start();
  });
  after(async () => {
    await client?.stop();
    if (root) removeDir(root);
  });

  it('discovers the real Zero Draft under drafts/ without configuration and hovers its paragraph 74', async () => {
    await client.open('notes.md', submission);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('notes.md') }, position: position(submission, 'para 74', 6) });
    assert.match(hover.contents.value, /\*\*Zero Draft, para 74\*\* · E\. Confidence-building Measures · \*The OEWG recommends that\*/);
    assert.match(hover.contents.value, /re-affirm/);
    const diagnostics = await client.waitForDiagnostics('notes.md', (found) => found.length > 0);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.message),
      ['para 130: the Zero Draft has paragraphs 1–117'],
    );
  });

  it('inside the draft, "paragraph 85 of this report" hovers and jumps to the draft\'s own paragraph 85', async () => {
    const draftFile = 'drafts/zero-draft-2021.txt';
    const text = read(root, draftFile);
    await client.open(draftFile, text);
    const at = position(text, 'paragraph 85 of this report', 11);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(draftFile) }, position: at });
    assert.match(hover.contents.value, /\*\*Zero Draft, para 85\*\* · F\. Capacity-building · \*Discussions\*/);
    assert.match(hover.contents.value, /Zero Draft: this draft/);
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: client.uri(draftFile) }, position: at });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetSelectionRange.start.line, paragraphLine(text, '85'));
    const diagnostics = await client.waitForDiagnostics(draftFile, () => true);
    assert.deepEqual(diagnostics, [], 'the real draft reads cleanly and cites only paragraphs it has');
  });

  it('references, outline and lenses on the real Zero Draft', async () => {
    const draftFile = 'drafts/zero-draft-2021.txt';
    const text = read(root, draftFile);
    await client.open(draftFile, text);
    const crossReference = position(text, 'paragraph 85 of this report', 11);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: client.uri(draftFile) }, position: crossReference, context: { includeDeclaration: true } });
    assert.deepEqual(where(references), [`zero-draft-2021.txt:${crossReference.line + 1}`, `zero-draft-2021.txt:${paragraphLine(text, '85') + 1}`].sort());
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(draftFile) } });
    assert.deepEqual(symbols.map((symbol) => symbol.name.split('. ')[0]), ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    const count = (nodes: DocumentSymbol[]): number => nodes.reduce((sum, node) => sum + (node.kind === 15 ? 1 : 0) + count(node.children ?? []), 0);
    assert.equal(count(symbols), 117);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(draftFile) } });
    assert.equal(lenses.length, 117);
    const lens74 = lenses.find((lens) => lens.range.start.line === paragraphLine(text, '74'))!;
    assert.match(lens74.command.title, /^cited \d+ times?$/);
    assert.ok(where(lens74.command.arguments![2]).includes(`notes.md:${position(submission, 'para 74').line + 1}`));
    const lens85 = lenses.find((lens) => lens.range.start.line === paragraphLine(text, '85'))!;
    assert.match(lens85.command.title, / · 1 cross-reference$/);
  });

  it('the GPD response cites the Pre-draft: draft-not-indexed, never missing-paragraph', async () => {
    const text = read(root, 'gpd-response.md');
    await client.open('gpd-response.md', text);
    const diagnostics = await client.waitForDiagnostics('gpd-response.md', (found) => found.length > 0);
    assert.ok(diagnostics.length >= 15, `${diagnostics.length} diagnostics`);
    assert.deepEqual([...new Set(codes(diagnostics))], ['draft-not-indexed']);
  });
});

describe('language server over stdio: PDF and Word drafts', function () {
  this.timeout(60000);
  const NOTES_MD = 'notes.md';
  const notes = 'We support para 17 of the Zero Draft and para 12 of the First Draft; para 3 of the Final Draft goes too far.\n';
  let root: string;
  let client: TestLspClient;
  let pdf: Uint8Array;

  before(async () => {
    root = makeTempDir('lsp-published');
    const sample = read(samplesDir, 'drafts/zero-draft.txt');
    pdf = (await samplePdf(sample)).bytes;
    fs.mkdirSync(path.join(root, 'drafts'));
    fs.writeFileSync(path.join(root, 'drafts', 'zero-draft.pdf'), pdf);
    fs.copyFileSync(path.join(samplesDir, 'drafts', 'first-draft.md'), path.join(root, 'drafts', 'first-draft.md'));
    fs.writeFileSync(path.join(root, 'drafts', 'final-draft.docx'), 'PK\u0003\u0004 this is no Word file');
    fs.writeFileSync(
      path.join(root, 'oewg-cite.json'),
      JSON.stringify({
        drafts: [
          { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.pdf' },
          { id: 'first-draft', label: 'First Draft', path: 'drafts/first-draft.md' },
          { id: 'final-draft', label: 'Final Draft', path: 'drafts/final-draft.docx' },
        ],
        current: 'first-draft',
      }),
    );
    fs.writeFileSync(path.join(root, NOTES_MD), notes);
    client = new TestLspClient({ root });
    await client.start();
    await client.open(NOTES_MD, notes);
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('goes to the paragraph in the read-only text view of a PDF draft, whose text the server gives', async () => {
    await client.waitForNotification('oewgCite/status', (status) => status.draftCount === 2);
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: client.uri(NOTES_MD) }, position: position(notes, 'para 17', 6) });
    assert.equal(links.length, 1);
    const target = URI.parse(links[0].targetUri);
    assert.equal(target.scheme, 'oewg-draft');
    assert.equal(target.with({ scheme: 'file' }).fsPath, path.join(root, 'drafts', 'zero-draft.pdf'));
    const answer = await client.request<{ text?: string; error?: string }>('oewgCite/draftText', { uri: links[0].targetUri });
    assert.ok(answer.text, JSON.stringify(answer));
    const { line, character } = links[0].targetSelectionRange.start;
    assert.match(answer.text.split('\n')[line].slice(character), /^17\. States reaffirmed that the Charter/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(NOTES_MD) }, position: position(notes, 'para 17', 6) });
    assert.match(hover.contents.value, /\*\*Zero Draft, para 17\*\* · C\. International Law · \*Discussions\*/);
  });

  it('a Word draft that cannot be read: a message, its citations not indexed with the reason, and the other drafts keep answering', async () => {
    const message = await client.waitForNotification('window/showMessage', (params) => /final-draft\.docx/.test(params.message));
    assert.match(message.message, /^oewg-cite: cannot read .*final-draft\.docx: not a Word \.docx file, or a damaged one .*the other drafts are checked as usual\.$/);
    const diagnostics = await client.waitForDiagnostics(NOTES_MD, (found) => found.some((d) => d.code === 'draft-not-indexed'));
    const notIndexed = diagnostics.find((d) => d.code === 'draft-not-indexed')!;
    assert.match(notIndexed.message, /^para 3 cites the Final Draft, which is not indexed \(cannot read .*final-draft\.docx: not a Word \.docx file/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(NOTES_MD) }, position: position(notes, 'para 12', 6) });
    assert.match(hover.contents.value, /\*\*First Draft, para 12\*\*/);
  });

  it('a PDF draft damaged on disk: its citations become not indexed and its view is told to refresh; mended, it answers again', async () => {
    const file = path.join(root, 'drafts', 'zero-draft.pdf');
    const since = client.notifications.length;
    fs.writeFileSync(file, pdf.slice(0, 900));
    await client.fileChanged('drafts/zero-draft.pdf');
    await client.waitForNotification('oewgCite/draftTextChanged', (params) => params.uri.endsWith('zero-draft.pdf'), 10000, since);
    const broken = await client.waitForDiagnostics(NOTES_MD, (found) => found.some((d) => d.code === 'draft-not-indexed' && /Zero Draft/.test(d.message)));
    assert.match(broken.find((d) => d.code === 'draft-not-indexed' && /Zero Draft/.test(d.message))!.message, /cannot read .*zero-draft\.pdf: the PDF (is damaged or truncated|cannot be read|has no text layer)/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(NOTES_MD) }, position: position(notes, 'para 12', 6) });
    assert.match(hover.contents.value, /\*\*First Draft, para 12\*\*/, 'the other drafts still answer');
    fs.writeFileSync(file, pdf);
    await client.fileChanged('drafts/zero-draft.pdf');
    const mended = await client.waitForDiagnostics(NOTES_MD, (found) => !found.some((d) => d.code === 'draft-not-indexed' && /Zero Draft/.test(d.message)));
    assert.ok(mended.some((d) => d.code === 'paragraph-renumbered' && /^para 17 of the Zero Draft is now para \d+ of the First Draft/.test(d.message)), JSON.stringify(mended));
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: client.uri(NOTES_MD) }, position: position(notes, 'para 17', 6) });
    assert.equal(URI.parse(links[0].targetUri).scheme, 'oewg-draft');
  });

  it('the text request answers only for PDF and Word files', async () => {
    const answer = await client.request<{ text?: string; error?: string }>('oewgCite/draftText', { uri: client.uri('drafts/first-draft.md') });
    assert.equal(answer.text, undefined);
    assert.match(answer.error!, /is not a PDF or Word \(\.docx\) draft$/);
  });
});
