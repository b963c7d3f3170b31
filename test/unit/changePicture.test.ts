// The picture of what changed between two drafts (core/changePicture.ts):
// well-formed SVG, one line per pair in the colour of its kind, a box for
// every paragraph of both drafts, on the samples and on the real Zero Draft
// edited into a known next draft.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as sax from 'sax';
import { alignDrafts, countByKind, type Alignment } from '../../server/src/core/alignment';
import { changePairs, PAIR_KINDS, PAIR_STYLES, renderChangePicture, type PairKind } from '../../server/src/core/changePicture';
import { parseDraft } from '../../server/src/core/draftParser';
import {
  addParagraph,
  deleteParagraph,
  mergeParagraphs,
  outlineOf,
  renderOutline,
  rewordParagraph,
  splitParagraph,
  swapSections,
} from '../support/draftEdits';
import { needsCorpus, readCorpus, samplesDir } from '../support/paths';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parses `xml` with a strict XML parser (any error throws) into a small tree. */
function parseXml(xml: string): Element {
  const parser = sax.parser(true, {});
  const root: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: Element[] = [root];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const element: Element = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (text) => {
    for (const element of stack) element.text += text;
  };
  parser.write(xml).close();
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0];
}

function all(element: Element, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (e: Element) => {
    if (test(e)) found.push(e);
    e.children.forEach(walk);
  };
  walk(element);
  return found;
}

/** What XML keeps of a text: a lone surrogate becomes U+FFFD. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const childNamed = (element: Element, name: string) => element.children.find((child) => child.name === name);

/** The drawn line of each pair, in pair order, with what the picture says of it. */
function drawnPairs(svg: Element): Array<{ index: number; kind: string; older?: string; newer?: string; colour: string; title: string }> {
  return all(svg, (e) => e.attributes.class === 'pair')
    .map((g) => ({
      index: Number(g.attributes['data-pair']),
      kind: g.attributes['data-kind'],
      older: g.attributes['data-older'],
      newer: g.attributes['data-newer'],
      colour: all(g, (e) => e.attributes.class === 'line')[0].attributes.stroke,
      title: childNamed(g, 'title')!.text,
    }))
    .sort((a, b) => a.index - b.index);
}

/** What every picture must show of its alignment. */
function checkPicture(alignment: Alignment, olderLabel: string, newerLabel: string): { svg: Element; drawn: ReturnType<typeof drawnPairs> } {
  const text = renderChangePicture(alignment, olderLabel, newerLabel);
  const svg = parseXml(text);
  assert.equal(svg.name, 'svg');
  assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg');
  // Self-contained: nothing fetched, nothing run, no style sheet a CSP would block.
  assert.deepEqual(all(svg, (e) => ['script', 'style', 'image', 'use', 'foreignObject', 'a'].includes(e.name)).map((e) => e.name), []);
  assert.doesNotMatch(text, /href|url\(|@import|on\w+=/i);

  const pairs = changePairs(alignment);
  const drawn = drawnPairs(svg);
  // One line per pair: an older paragraph per newer paragraph it became, one per deletion, one per new paragraph.
  const expected = alignment.fates.reduce((sum, fate) => sum + Math.max(1, fate.newer.length), 0) + alignment.origins.filter((o) => o.kind === 'new').length;
  assert.equal(pairs.length, expected);
  assert.equal(drawn.length, expected);
  drawn.forEach((line, i) => {
    const pair = pairs[i];
    assert.equal(line.index, i);
    assert.equal(line.kind, pair.kind);
    assert.equal(line.older, pair.older);
    assert.equal(line.newer, pair.newer);
    assert.equal(line.colour, PAIR_STYLES[pair.kind].colour, `pair ${i} (${pair.kind}) drawn in its colour`);
    assert.equal(line.title, wellFormed(pair.summary));
  });
  for (const fate of alignment.fates) {
    const lines = drawn.filter((line) => line.older === fate.older);
    if (fate.kind === 'deleted') assert.deepEqual(lines.map((line) => [line.kind, line.newer]), [['deleted', undefined]]);
    else assert.deepEqual(lines.map((line) => line.newer), fate.newer, `para ${fate.older} has a line to each paragraph it became`);
  }

  // A box for every paragraph of both drafts, in order, tinted by its kind.
  const boxes = (side: string) => all(svg, (e) => e.attributes.class === 'paragraph' && e.attributes['data-side'] === side);
  assert.deepEqual(boxes('older').map((g) => g.attributes['data-number']), alignment.fates.map((f) => f.older));
  assert.deepEqual(boxes('newer').map((g) => g.attributes['data-number']), alignment.origins.map((o) => o.newer));
  assert.deepEqual(boxes('older').map((g) => g.attributes['data-kind']), alignment.fates.map((f) => f.kind));
  assert.deepEqual(boxes('newer').map((g) => g.attributes['data-kind']), alignment.origins.map((o) => o.kind));

  // The legend names every kind with its count and colour.
  const counts = countByKind(alignment);
  const legend = all(svg, (e) => e.attributes.class === 'legend');
  assert.deepEqual(
    legend.map((g) => [g.attributes['data-kind'], g.text]),
    PAIR_KINDS.map((kind) => [kind, `${PAIR_STYLES[kind].label} ${counts[kind]}`]),
  );
  legend.forEach((g) => assert.equal(childNamed(g, 'line')!.attributes.stroke, PAIR_STYLES[g.attributes['data-kind'] as PairKind].colour));
  assert.equal(childNamed(svg, 'title')!.text, `${olderLabel} → ${newerLabel}: what changed`);
  return { svg, drawn };
}

describe('the picture of what changed (changePicture)', () => {
  it('gives every kind its own colour', () => {
    const colours = PAIR_KINDS.map((kind) => PAIR_STYLES[kind].colour);
    assert.equal(new Set(colours).size, PAIR_KINDS.length);
    assert.deepEqual(PAIR_KINDS, ['unchanged', 'renumbered', 'edited', 'merged', 'split', 'moved', 'deleted', 'new']);
  });

  it('draws the samples: every kind of change, a line per pair, well-formed SVG', () => {
    const read = (name: string) => parseDraft(fs.readFileSync(path.join(samplesDir, 'drafts', name), 'utf8'));
    const alignment = alignDrafts(read('zero-draft.txt'), read('first-draft.md'));
    const { drawn } = checkPicture(alignment, 'Zero Draft', 'First Draft');
    // samples/drafts/CHANGES.md: the First Draft has each kind of change.
    assert.deepEqual(PAIR_KINDS.filter((kind) => !drawn.some((line) => line.kind === kind)), []);
    const merged = drawn.filter((line) => line.kind === 'merged');
    assert.ok(merged.length >= 2 && merged.every((line) => line.newer === merged[0].newer), 'merged paragraphs meet in one');
    const edited = drawn.find((line) => line.kind === 'edited')!;
    assert.match(edited.title, /^para \d+ → para \d+: edited — '.*' → '.*'/);
  });

  it('escapes what a draft says and drops what XML cannot hold', () => {
    const older = parseDraft('A. Opening\n\n1. States said <b>"x & y"</b> \u0001here.\n\n2. The Group met \uD800 twice.\n');
    const newer = parseDraft('A. Opening\n\n1. States said <b>"x & z"</b> here.\n\n2. A new <script>alert(1)</script> paragraph.\n\n3. The Group met twice.\n');
    const alignment = alignDrafts(older, newer);
    const { svg } = checkPicture(alignment, 'Draft <1>', 'Draft "2" & more');
    const words = all(svg, (e) => e.name === 'text').map((e) => e.text).join('\n');
    assert.match(words, /States said "x & y" here/);
    assert.match(words, /<script>alert\(1\)<\/script>/);
    assert.match(words, /Draft <1> \(2 paragraphs\)/);
    assert.match(words, /met \uFFFD twice/);
    assert.ok(!words.includes('\u0001'));
  });

  describe('on the real Zero Draft, edited into a known next draft', () => {
    let alignment: Alignment;
    before(function () {
      needsCorpus(this);
      const zeroDraft = parseDraft(readCorpus('zero-draft-2021.txt'));
      let outline = outlineOf(zeroDraft);
      outline = swapSections(outline, 'C', 'D');
      outline = mergeParagraphs(outline, '19', '20');
      outline = splitParagraph(outline, '88');
      outline = rewordParagraph(outline, '74', { at: 0.2, remove: 2, insert: ['reaffirm'] });
      outline = deleteParagraph(outline, '113');
      outline = addParagraph(outline, '110', 'States agreed to review at their next session how this report is implemented, and invited the Chair to set out the options in a short note.');
      alignment = alignDrafts(zeroDraft, parseDraft(renderOutline(outline).text));
    });

    it('draws each edit as a line of its kind, with the word differences on the edited one', () => {
      const { drawn, svg } = checkPicture(alignment, 'Zero Draft', 'Edited Draft');
      const of = (older: string) => drawn.filter((line) => line.older === older);
      assert.deepEqual(of('19').map((line) => line.kind), ['merged']);
      assert.deepEqual(of('20').map((line) => line.newer), of('19').map((line) => line.newer));
      assert.deepEqual(of('88').map((line) => line.kind), ['split', 'split']);
      assert.deepEqual(of('113').map((line) => [line.kind, line.newer]), [['deleted', undefined]]);
      assert.deepEqual(of('74').map((line) => line.kind), ['edited']);
      assert.match(of('74')[0].title, /reaffirm/);
      assert.ok(of('1').every((line) => line.kind === 'unchanged'));
      assert.equal(drawn.filter((line) => line.kind === 'new').length, 1);
      assert.ok(drawn.some((line) => line.kind === 'moved'), 'the swapped sections moved');
      assert.ok(drawn.some((line) => line.kind === 'renumbered'));
      assert.equal(all(svg, (e) => e.attributes.class === 'paragraph').length, alignment.fates.length + alignment.origins.length);
    });
  });
});
