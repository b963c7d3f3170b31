// The requests behind the drafts view and the picture of what changed
// (oewgCite/draftsTree, oewgCite/alignment), driven over stdio on a copy of
// samples/.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as sax from 'sax';
import type { AlignmentResult, DraftTreeNode } from '../../server/src/protocol';
import { TestLspClient } from '../support/lspClient';
import { copySamples, removeDir } from '../support/tempWorkspace';

const FIRST_DRAFT = 'drafts/first-draft.md';

interface CodeLens {
  range: { start: { line: number; character: number } };
  command?: { title: string };
}

describe('language server over stdio: the drafts view and the picture of what changed', function () {
  let root: string;
  let client: TestLspClient;
  before(async () => {
    root = copySamples();
    client = new TestLspClient({ root });
    await client.start();
  });
  after(async () => {
    await client.stop();
    removeDir(root);
  });

  it('lists the drafts in negotiation order, the current one marked, without their paragraphs', async () => {
    const drafts = await client.request<DraftTreeNode[]>('oewgCite/draftsTree', {});
    assert.deepEqual(drafts.map((draft) => [draft.id, draft.label, draft.indexed, draft.current]), [
      ['pre-draft', 'Pre-draft', false, false],
      ['zero-draft', 'Zero Draft', true, false],
      ['first-draft', 'First Draft', true, true],
    ]);
    assert.ok(drafts.every((draft) => draft.sections === undefined));
    assert.equal(drafts[2].uri, client.uri(FIRST_DRAFT));
    assert.equal(drafts[0].uri, undefined, 'the Pre-draft has no file');
  });

  it('gives a draft\'s sections and paragraphs with their first words, places and the same counts as the code lenses', async () => {
    const [draft] = await client.request<DraftTreeNode[]>('oewgCite/draftsTree', { draft: 'First Draft' });
    assert.equal(draft.id, 'first-draft');
    const text = fs.readFileSync(path.join(root, FIRST_DRAFT), 'utf8');
    const lines = text.split('\n');
    const sections = draft.sections!;
    // Sections as the draft's headings name them, in order.
    const headings = lines.filter((line) => /^#*\s*\**[A-H]\.\s/.test(line)).map((line) => line.replace(/^#*\s*\**/, '').replace(/\**\s*$/, ''));
    assert.deepEqual(sections.map((section) => section.label), headings);
    const paragraphs = sections.flatMap((section) => section.paragraphs);
    assert.equal(paragraphs.length, draft.paragraphCount);
    for (const paragraph of paragraphs) {
      // The place is the paragraph's number in the draft, and the first words follow it.
      const { start } = paragraph.location!.range;
      assert.equal(paragraph.location!.uri, client.uri(FIRST_DRAFT));
      const line = lines[start.line].slice(start.character);
      assert.ok(line.startsWith(paragraph.number), `${paragraph.number}: ${line}`);
      const firstWord = paragraph.firstWords.split(' ')[0];
      assert.ok(line.includes(firstWord), `${paragraph.number}: "${firstWord}" in ${line}`);
    }

    await client.open(FIRST_DRAFT, text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(FIRST_DRAFT) } });
    const lensCount = (title: string) => Number(/^cited (\d+) times?/.exec(title)?.[1] ?? 0);
    const byLine = new Map(lenses.map((lens) => [lens.range.start.line, lens]));
    for (const paragraph of paragraphs) {
      const lens = byLine.get(paragraph.location!.range.start.line);
      const title = lens?.command?.title ?? (await client.request<CodeLens>('codeLens/resolve', lens)).command!.title;
      assert.equal(paragraph.cited, lensCount(title), `para ${paragraph.number}: ${title}`);
    }
    assert.ok(paragraphs.some((paragraph) => paragraph.cited > 0), 'the sample submissions cite the First Draft');
  });

  it('counts a new citation in a submission', async () => {
    const cited = async (number: string) => {
      const [draft] = await client.request<DraftTreeNode[]>('oewgCite/draftsTree', { draft: 'first-draft' });
      return draft.sections!.flatMap((section) => section.paragraphs).find((paragraph) => paragraph.number === number)!.cited;
    };
    const before = await cited('12');
    const file = 'submissions/new-notes.md';
    fs.writeFileSync(path.join(root, file), '# Notes on the First Draft\n\nWe welcome para 12. We also note paras 12-13.\n');
    await client.fileChanged(file, 1);
    assert.equal(await cited('12'), before + 2, 'two more citations name para 12: as a number and as the start of a range');
  });

  it('answers a draft it does not know with a clear error, and malformed params with InvalidParams', async () => {
    const unknown = await client.requestError('oewgCite/draftsTree', { draft: 'second-draft' });
    assert.match(unknown.message, /no draft "second-draft" \(pre-draft, zero-draft, first-draft\)/);
    const malformed = await client.requestError('oewgCite/draftsTree', { draft: 7 });
    assert.equal(malformed.code, -32602);
    const [pre] = await client.request<DraftTreeNode[]>('oewgCite/draftsTree', { draft: 'pre-draft' });
    assert.deepEqual(pre.sections, [], 'a draft that is not indexed has no paragraphs');
  });

  it('gives the alignment of two drafts: pairs with kinds and word differences, the picture and the report', async () => {
    const result = (await client.request<AlignmentResult | null>('oewgCite/alignment', { older: 'zero-draft', newer: 'First Draft' }))!;
    assert.equal(result.older.label, 'Zero Draft');
    assert.equal(result.newer.label, 'First Draft');
    assert.match(result.report, /^# Zero Draft → First Draft: where each paragraph went/);
    const kinds = new Set(result.pairs.map((pair) => pair.kind));
    assert.deepEqual([...kinds].sort(), ['deleted', 'edited', 'merged', 'moved', 'new', 'renumbered', 'split', 'unchanged']);
    const edited = result.pairs.find((pair) => pair.kind === 'edited')!;
    assert.ok(edited.diff.some((chunk) => chunk.kind === 'added') || edited.diff.some((chunk) => chunk.kind === 'removed'));
    // Every pair names paragraphs that have places in their drafts.
    for (const pair of result.pairs) {
      if (pair.older !== undefined) assert.ok(result.older.paragraphs.some((p) => p.number === pair.older && p.location), pair.summary);
      if (pair.newer !== undefined) assert.ok(result.newer.paragraphs.some((p) => p.number === pair.newer && p.location), pair.summary);
    }
    // The picture draws exactly these pairs, in this order.
    const drawn: Array<[string, string | undefined, string | undefined]> = [];
    const parser = sax.parser(true, {});
    parser.onerror = (error) => assert.fail(error);
    parser.onopentag = (tag) => {
      const attributes = tag.attributes as Record<string, string>;
      if (attributes.class === 'pair') drawn[Number(attributes['data-pair'])] = [attributes['data-kind'], attributes['data-older'], attributes['data-newer']];
    };
    parser.write(result.svg).close();
    assert.deepEqual(drawn, result.pairs.map((pair) => [pair.kind, pair.older, pair.newer]));
    assert.equal(await client.request('oewgCite/alignment', { older: 'pre-draft', newer: 'first-draft' }), null);
    assert.equal((await client.requestError('oewgCite/alignment', { older: 'zero-draft' })).code, -32602);
  });
});
