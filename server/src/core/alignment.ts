// Where each paragraph of an older draft went in a newer one.
//
// Drafts of a negotiated report change in recognisable ways: paragraphs are
// renumbered, reworded, merged, split, dropped (often whole "Discussions"
// sub-sections) and sometimes whole sections change places. The alignment
// works in passes, most certain first:
//   1. paragraphs whose normalised wording is identical are paired: wordings
//      found once in each draft anchor the order, repeated wordings pair with
//      the copy in their own place, what is left pairs by wording;
//   2. the rest are compared on IDF-weighted word bags and word 3-gram
//      shingles (similarity = mean of the two Dice coefficients), candidates
//      found through an inverted index of shingles plus the paragraphs near
//      where the order says a paragraph should land; pairs are taken greedily,
//      best first, close pairs before loose ones, with a bonus for landing
//      between the paragraph's matched neighbours;
//   3. an unpaired older paragraph largely contained in one newer paragraph —
//      counting only what the newer paragraph's other sources do not already
//      account for — was merged into it; an unpaired newer paragraph largely
//      contained in one older paragraph, likewise, is a piece of its split;
//   4. what is still unpaired is paired with a looser threshold where its
//      matched neighbours leave room for it;
//   5. one-to-one pairs whose section left the order of sections, or that
//      left the order of their section, are "moved".
import type { Paragraph, ParsedDraft, Section } from './model';
import { diffArrays } from 'diff';
import { foldTypography } from './textNormalise';
import { comparableWords, wordDiff, type WordChunk } from './wordDiff';

/**
 * What happened to a paragraph of the older draft.
 * - unchanged: same wording, same number.
 * - renumbered: same wording, another number, still in the same order among
 *   its neighbours.
 * - moved: became one paragraph of the newer draft but left the order of the
 *   draft, with its section or on its own. Sections are ordered by where
 *   their paragraphs landed; those off the heaviest order-preserving chain of
 *   sections (weighed by their paragraphs in the older draft) moved, so when
 *   two sections swap places the smaller one moved (the later one, if equal).
 *   Within the sections that stayed, a paragraph off the longest
 *   order-preserving chain of paragraphs moved on its own. Its wording may
 *   also have changed: see `textChanged`.
 * - edited: became one paragraph of the newer draft, in order, and its text
 *   changed: reworded, or only respelt or repunctuated (see `change`). In
 *   negotiated text every character is agreed language: "re-affirm" →
 *   "reaffirm" is an edit. Typography is not (curly or straight quotes, the
 *   kind of dash, spacing, footnote markers, emphasis).
 * - merged: it and at least one other older paragraph became one newer paragraph.
 * - split: it became several newer paragraphs.
 * - deleted: nothing in the newer draft comes from it.
 */
export type FateKind = 'unchanged' | 'renumbered' | 'moved' | 'edited' | 'merged' | 'split' | 'deleted';

/**
 * What changed in a paragraph's text, for a one-to-one match:
 * - wording: words were added, removed or replaced;
 * - spelling: the same words, spelt otherwise: hyphenation ("re-affirm" →
 *   "reaffirm"), capitals ("member states" → "Member States"), apostrophes;
 * - punctuation: the same words as written, other punctuation (a comma, a
 *   semicolon for a full stop).
 */
export type TextChange = 'wording' | 'spelling' | 'punctuation';

/** Where one paragraph of the older draft went. */
export interface ParagraphFate {
  /** Its number in the older draft. */
  older: string;
  kind: FateKind;
  /** The newer paragraph numbers it became, in order; empty when deleted. */
  newer: string[];
  /**
   * How much of it survives, in [0, 1]: 1 for the same wording; for merged, how
   * much of it the merged paragraph contains; 0 when deleted.
   */
  similarity: number;
  /** Whether its text changed: wording, spelling or punctuation (typography such as curly quotes, dashes or spacing does not count). */
  textChanged: boolean;
  /** For a one-to-one match whose text changed (edited, moved): what kind of change. */
  change?: TextChange;
  /** For merged: the other older paragraphs that went into the same newer paragraph. */
  mergedWith?: string[];
  /** For a one-to-one match whose text changed (edited, moved): the word differences. */
  diff?: WordChunk[];
  /** Its text in the older draft. */
  olderText: string;
}

/** Where one paragraph of the newer draft came from. */
export interface ParagraphOrigin {
  /** Its number in the newer draft. */
  newer: string;
  /** The kind of the older paragraph(s) it comes from, or 'new'. */
  kind: FateKind | 'new';
  /** The older paragraph numbers it comes from; empty when new. */
  older: string[];
  similarity: number;
  /** Its text in the newer draft. */
  newerText: string;
}

export interface Alignment {
  /** One per paragraph of the older draft, in its order. */
  fates: ParagraphFate[];
  /** One per paragraph of the newer draft, in its order. */
  origins: ParagraphOrigin[];
}

/** The thresholds of the passes; the defaults suit OEWG drafts. */
export interface AlignmentOptions {
  /** A one-to-one pair this similar is taken before any looser one. */
  closeSimilarity: number;
  /** The lowest similarity for a one-to-one pair anywhere in the draft. */
  editedSimilarity: number;
  /** The lowest similarity for a pair that sits where the order expects it. */
  gapSimilarity: number;
  /** How much of a paragraph must be found in another for a merge or split. */
  containment: number;
}

export const defaultAlignmentOptions: AlignmentOptions = {
  closeSimilarity: 0.75,
  editedSimilarity: 0.5,
  gapSimilarity: 0.3,
  containment: 0.7,
};

// Ranking bonus for a pair that lands between the newer positions of the
// older paragraph's matched neighbours.
const IN_ORDER_BONUS = 0.1;
// Shingles shared by more paragraphs than this ("States agreed that") are too
// common to find candidates with; they still count in the similarity.
const COMMON_SHINGLE = 50;
const CANDIDATES_PER_PARAGRAPH = 8;
const ORDER_WINDOW = 2;
const MAX_GAP = 40;
// Between two anchors, beyond this many paragraphs added or removed, finding
// the longest common run of identical wordings costs more than it is worth:
// identical wordings there are then paired in order of appearance only.
const MAX_EDITS_IN_ORDER = 2000;

/** A paragraph's wording, reduced to what the comparison uses. */
interface Features {
  key: string;
  words: Map<number, number>;
  shingles: Set<number>;
  wordWeight: number;
  shingleWeight: number;
}

interface Overlap {
  similarity: number;
  /** Share of the first paragraph found in the second. */
  firstInSecond: number;
  /** Share of the second paragraph found in the first. */
  secondInFirst: number;
}

class Vocabulary<Term> {
  private readonly ids = new Map<Term, number>();
  readonly documentFrequency: number[] = [];

  id(term: Term): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.documentFrequency.length;
      this.ids.set(term, id);
      this.documentFrequency.push(0);
    }
    return id;
  }
}

interface RawFeatures {
  key: string;
  words: Map<number, number>;
  shingles: Set<number>;
}

// A shingle is keyed by a 31-bit hash of its three word ids rather than by a
// string: on drafts of thousands of paragraphs, building and hashing millions
// of shingle strings would be the slowest part of the alignment. Two shingles
// that share a hash count as one (among a million distinct shingles, a few
// hundred pairs do); similarities move by a hair, and identical wordings are
// paired on their full text anyway.
const NO_WORD = 0;

function shingleHash(first: number, second: number, third: number): number {
  let h = Math.imul(first, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ second, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13) ^ third, 0xc2b2ae3d);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/**
 * The comparable words of a paragraph, read once per parsed paragraph: the
 * current draft is aligned with every older one a submission cites, and its
 * paragraphs would otherwise be read again for each.
 */
const wordsOfParagraph = new WeakMap<Paragraph, string[]>();

function paragraphWords(paragraph: Paragraph): string[] {
  let words = wordsOfParagraph.get(paragraph);
  if (!words) wordsOfParagraph.set(paragraph, (words = comparableWords(paragraph.text)));
  return words;
}

function rawFeatures(tokens: readonly string[], words: Vocabulary<string>, shingles: Vocabulary<number>): RawFeatures {
  const bag = new Map<number, number>();
  const ids: number[] = [];
  for (const token of tokens) {
    const id = words.id(token);
    ids.push(id + 1);
    bag.set(id, (bag.get(id) ?? 0) + 1);
  }
  while (ids.length > 0 && ids.length < 3) ids.unshift(NO_WORD);
  const set = new Set<number>();
  for (let i = 0; i + 3 <= ids.length; i++) set.add(shingles.id(shingleHash(ids[i], ids[i + 1], ids[i + 2])));
  for (const id of bag.keys()) words.documentFrequency[id]++;
  for (const id of set) shingles.documentFrequency[id]++;
  return { key: tokens.join(' '), words: bag, shingles: set };
}

function inverseFrequencies<Term>(vocabulary: Vocabulary<Term>, paragraphCount: number): Float64Array {
  const idf = new Float64Array(vocabulary.documentFrequency.length);
  vocabulary.documentFrequency.forEach((df, id) => {
    idf[id] = Math.log(1 + paragraphCount / df);
  });
  return idf;
}

function weigh(raw: RawFeatures, wordIdf: Float64Array, shingleIdf: Float64Array): Features {
  let wordWeight = 0;
  for (const [id, count] of raw.words) wordWeight += count * wordIdf[id];
  let shingleWeight = 0;
  for (const id of raw.shingles) shingleWeight += shingleIdf[id];
  return { ...raw, wordWeight, shingleWeight };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

/** Similarity (Dice) and containment both ways, half on word bags, half on shingles. */
function overlapOf(a: Features, b: Features, wordIdf: Float64Array, shingleIdf: Float64Array): Overlap {
  let words = 0;
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  for (const [id, count] of small) {
    const other = large.get(id);
    if (other !== undefined) words += Math.min(count, other) * wordIdf[id];
  }
  let shingles = 0;
  const [fewer, more] = a.shingles.size <= b.shingles.size ? [a.shingles, b.shingles] : [b.shingles, a.shingles];
  for (const id of fewer) if (more.has(id)) shingles += shingleIdf[id];
  return {
    similarity:
      (ratio(2 * words, a.wordWeight + b.wordWeight) + ratio(2 * shingles, a.shingleWeight + b.shingleWeight)) / 2,
    firstInSecond: (ratio(words, a.wordWeight) + ratio(shingles, a.shingleWeight)) / 2,
    secondInFirst: (ratio(words, b.wordWeight) + ratio(shingles, b.shingleWeight)) / 2,
  };
}

/**
 * How much of `part` is found in `whole` beyond what `explained` already
 * accounts for: a paragraph that repeats its neighbour word for word adds
 * nothing to a merged paragraph, however much of it the merged text contains.
 */
function exclusiveShare(
  part: Features,
  whole: Features,
  explained: Features[],
  wordIdf: Float64Array,
  shingleIdf: Float64Array,
): number {
  let words = 0;
  for (const [id, count] of part.words) {
    let available = whole.words.get(id) ?? 0;
    for (const e of explained) available -= e.words.get(id) ?? 0;
    if (available > 0) words += Math.min(count, available) * wordIdf[id];
  }
  let shingles = 0;
  for (const id of part.shingles) {
    if (whole.shingles.has(id) && !explained.some((e) => e.shingles.has(id))) shingles += shingleIdf[id];
  }
  return (ratio(words, part.wordWeight) + ratio(shingles, part.shingleWeight)) / 2;
}

function combine(parts: Features[], wordIdf: Float64Array, shingleIdf: Float64Array): Features {
  const words = new Map<number, number>();
  const shingles = new Set<number>();
  for (const part of parts) {
    for (const [id, count] of part.words) words.set(id, (words.get(id) ?? 0) + count);
    for (const id of part.shingles) shingles.add(id);
  }
  return weigh({ key: parts.map((p) => p.key).join(' '), words, shingles }, wordIdf, shingleIdf);
}

/** Paragraphs of the other draft, among the eligible ones, that share uncommon shingles with `features`, most shared first. */
function shingleCandidates(
  features: Features,
  index: Map<number, number[]>,
  shingleIdf: Float64Array,
  limit: number,
  eligible: (other: number) => boolean,
): number[] {
  const shared = new Map<number, number>();
  for (const id of features.shingles) {
    const postings = index.get(id);
    if (!postings || postings.length > COMMON_SHINGLE) continue;
    for (const j of postings) if (eligible(j)) shared.set(j, (shared.get(j) ?? 0) + shingleIdf[id]);
  }
  return [...shared.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, limit)
    .map(([j]) => j);
}

function invertedIndex(features: Features[]): Map<number, number[]> {
  const index = new Map<number, number[]>();
  features.forEach((f, i) => {
    for (const id of f.shingles) {
      const postings = index.get(id);
      if (postings) postings.push(i);
      else index.set(id, [i]);
    }
  });
  return index;
}

/**
 * Indices of the heaviest subsequence whose keys strictly increase. Among
 * equally heavy predecessors the earlier one is kept, so when two equal
 * sections swap, the later one of the older draft is the one that moved.
 */
function heaviestIncreasingChain(keys: number[], weights: number[]): Set<number> {
  const best = weights.slice();
  const previous = new Array<number>(keys.length).fill(-1);
  for (let k = 0; k < keys.length; k++) {
    for (let m = 0; m < k; m++) {
      if (keys[m] < keys[k] && best[m] + weights[k] > best[k]) {
        best[k] = best[m] + weights[k];
        previous[k] = m;
      }
    }
  }
  let end = -1;
  for (let k = 0; k < keys.length; k++) if (end < 0 || best[k] > best[end]) end = k;
  const chain = new Set<number>();
  for (let k = end; k >= 0; k = previous[k]) chain.add(k);
  return chain;
}

function sectionKey(section: Section | undefined): string {
  return section ? `${section.span.start}:${section.letter ?? ''}:${section.title}` : '';
}

/**
 * Older indices of the one-to-one pairs that left the order of the draft.
 * First by sections: each older section stands where the median of its
 * paragraphs landed, and the sections off the heaviest order-preserving chain
 * (weighed by how many paragraphs they had in the older draft, so that a few
 * missed matches cannot tip the balance) moved with all their paragraphs.
 * Then by paragraphs, among the sections that stayed: those off the longest
 * order-preserving chain moved on their own.
 */
function outOfOrder(pairs: Array<[number, number]>, older: ParsedDraft): Set<number> {
  const groups = new Map<string, { size: number; first: number; pairs: Array<[number, number]> }>();
  older.paragraphs.forEach((p, i) => {
    const key = sectionKey(p.section);
    const group = groups.get(key);
    if (group) group.size++;
    else groups.set(key, { size: 1, first: i, pairs: [] });
  });
  for (const pair of pairs) groups.get(sectionKey(older.paragraphs[pair[0]].section))!.pairs.push(pair);
  const placed = [...groups.values()].filter((g) => g.pairs.length > 0).sort((a, b) => a.first - b.first);
  const median = (g: { pairs: Array<[number, number]> }) => {
    const positions = g.pairs.map(([, j]) => j).sort((a, b) => a - b);
    return positions[(positions.length - 1) >> 1];
  };
  const chain = heaviestIncreasingChain(placed.map(median), placed.map((g) => g.size));
  const moved = new Set<number>();
  const staying: Array<[number, number]> = [];
  placed.forEach((g, k) => {
    if (chain.has(k)) staying.push(...g.pairs);
    else for (const [i] of g.pairs) moved.add(i);
  });
  staying.sort((a, b) => a[0] - b[0]);
  const inOrder = longestIncreasingRun(staying.map(([, j]) => j));
  staying.forEach(([i], position) => {
    if (!inOrder.has(position)) moved.add(i);
  });
  return moved;
}

/** Indices (into `keys`) of a longest strictly increasing subsequence. */
function longestIncreasingRun(keys: number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(keys.length).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[tails[mid]] < keys[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const run = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) run.add(i);
  return run;
}

/** The working state of one alignment. */
class Aligner {
  readonly olderFeatures: Features[];
  readonly newerFeatures: Features[];
  readonly wordIdf: Float64Array;
  readonly shingleIdf: Float64Array;
  /** One-to-one pairs: older index → newer index, and back. */
  readonly pairOf = new Map<number, number>();
  readonly pairedFrom = new Map<number, number>();
  /** Older index → newer index it merged into. */
  readonly mergedInto = new Map<number, number>();
  /** Newer index → older index it is a split piece of. */
  readonly splitFrom = new Map<number, number>();
  private readonly overlaps = new Map<number, Overlap>();
  private readonly olderIndex: Map<number, number[]>;
  private readonly newerIndex: Map<number, number[]>;

  constructor(
    readonly older: ParsedDraft,
    readonly newer: ParsedDraft,
    readonly options: AlignmentOptions,
  ) {
    const words = new Vocabulary<string>();
    const shingles = new Vocabulary<number>();
    const olderRaw = older.paragraphs.map((p) => rawFeatures(paragraphWords(p), words, shingles));
    const newerRaw = newer.paragraphs.map((p) => rawFeatures(paragraphWords(p), words, shingles));
    const total = olderRaw.length + newerRaw.length;
    this.wordIdf = inverseFrequencies(words, total);
    this.shingleIdf = inverseFrequencies(shingles, total);
    this.olderFeatures = olderRaw.map((r) => weigh(r, this.wordIdf, this.shingleIdf));
    this.newerFeatures = newerRaw.map((r) => weigh(r, this.wordIdf, this.shingleIdf));
    this.olderIndex = invertedIndex(this.olderFeatures);
    this.newerIndex = invertedIndex(this.newerFeatures);
  }

  overlap(i: number, j: number): Overlap {
    const key = i * (this.newerFeatures.length + 1) + j;
    let found = this.overlaps.get(key);
    if (!found) {
      found = overlapOf(this.olderFeatures[i], this.newerFeatures[j], this.wordIdf, this.shingleIdf);
      this.overlaps.set(key, found);
    }
    return found;
  }

  isOlderTaken(i: number): boolean {
    return this.pairOf.has(i) || this.mergedInto.has(i);
  }

  isNewerTaken(j: number): boolean {
    return this.pairedFrom.has(j) || this.splitFrom.has(j);
  }

  pair(i: number, j: number): void {
    this.pairOf.set(i, j);
    this.pairedFrom.set(j, i);
  }

  /**
   * Pairs identical wordings, patience-diff style. Wordings that occur once in
   * each draft are anchors, kept where they are in order (the longest
   * increasing run); between two anchors, the longest common subsequence of
   * the wordings pairs repeated ones, so that a draft that repeats a wording
   * pairs each copy with the copy in its own place; what is still unpaired
   * (sections that moved) then pairs up by wording, in order.
   */
  pairIdenticalWording(): void {
    const ids = new Map<string, number>();
    const idOf = (f: Features) => {
      let id = ids.get(f.key);
      if (id === undefined) ids.set(f.key, (id = ids.size));
      return id;
    };
    const olderIds = this.olderFeatures.map(idOf);
    const newerIds = this.newerFeatures.map(idOf);

    const olderCount = new Int32Array(ids.size);
    const newerCount = new Int32Array(ids.size);
    const newerAt = new Int32Array(ids.size);
    for (const id of olderIds) olderCount[id]++;
    newerIds.forEach((id, j) => {
      newerCount[id]++;
      newerAt[id] = j;
    });
    const unique = olderIds
      .map((id, i): [number, number] => [i, newerAt[id]])
      .filter(([i]) => olderCount[olderIds[i]] === 1 && newerCount[olderIds[i]] === 1);
    const inOrder = longestIncreasingRun(unique.map(([, j]) => j));
    const anchors = unique.filter((_, k) => inOrder.has(k));
    for (const [i, j] of anchors) this.pair(i, j);

    let olderFrom = 0;
    let newerFrom = 0;
    for (const [i, j] of [...anchors, [olderIds.length, newerIds.length]]) {
      if (i > olderFrom && j > newerFrom) this.pairCommonRun(olderIds, newerIds, olderFrom, i, newerFrom, j);
      olderFrom = i + 1;
      newerFrom = j + 1;
    }

    const waiting = new Map<number, number[]>();
    newerIds.forEach((id, j) => {
      if (this.pairedFrom.has(j)) return;
      const queue = waiting.get(id);
      if (queue) queue.push(j);
      else waiting.set(id, [j]);
    });
    olderIds.forEach((id, i) => {
      if (this.pairOf.has(i)) return;
      const j = waiting.get(id)?.shift();
      if (j !== undefined) this.pair(i, j);
    });
  }

  /** Pairs the longest common subsequence of wordings in older[olderFrom, olderTo) and newer[newerFrom, newerTo). */
  private pairCommonRun(olderIds: number[], newerIds: number[], olderFrom: number, olderTo: number, newerFrom: number, newerTo: number): void {
    const common = diffArrays(olderIds.slice(olderFrom, olderTo), newerIds.slice(newerFrom, newerTo), {
      maxEditLength: MAX_EDITS_IN_ORDER,
    });
    if (!common) return;
    let i = olderFrom;
    let j = newerFrom;
    for (const change of common) {
      if (change.added) j += change.count;
      else if (change.removed) i += change.count;
      else for (let k = 0; k < change.count; k++) this.pair(i++, j++);
    }
  }

  /**
   * For an older paragraph, the newer positions of its nearest matched
   * neighbours: a newer paragraph strictly between them is where the order
   * expects it.
   */
  neighbourBounds(): { before: Int32Array; after: Int32Array } {
    const n = this.olderFeatures.length;
    const before = new Int32Array(n);
    const after = new Int32Array(n);
    let last = -1;
    for (let i = 0; i < n; i++) {
      before[i] = last;
      const j = this.pairOf.get(i) ?? this.mergedInto.get(i);
      if (j !== undefined) last = j;
    }
    let next = this.newerFeatures.length;
    for (let i = n - 1; i >= 0; i--) {
      after[i] = next;
      const j = this.pairOf.get(i) ?? this.mergedInto.get(i);
      if (j !== undefined) next = j;
    }
    return { before, after };
  }

  /** Candidate pairs among unmatched paragraphs: shared shingles both ways, and the order window. */
  candidatePairs(): Array<[number, number]> {
    const olderFree = this.olderFeatures.map((_, i) => i).filter((i) => !this.isOlderTaken(i));
    const newerFree = this.newerFeatures.map((_, j) => j).filter((j) => !this.isNewerTaken(j));
    const newerFreeSet = new Set(newerFree);
    const isNewerFree = (j: number) => newerFreeSet.has(j);
    const isOlderFree = (i: number) => !this.isOlderTaken(i);
    const seen = new Set<number>();
    const pairs: Array<[number, number]> = [];
    const add = (i: number, j: number) => {
      const key = i * (this.newerFeatures.length + 1) + j;
      if (seen.has(key)) return;
      seen.add(key);
      pairs.push([i, j]);
    };
    const { before } = this.neighbourBounds();
    for (const i of olderFree) {
      for (const j of shingleCandidates(this.olderFeatures[i], this.newerIndex, this.shingleIdf, CANDIDATES_PER_PARAGRAPH, isNewerFree)) {
        add(i, j);
      }
      const expected = before[i] + 1;
      for (let j = expected - ORDER_WINDOW; j <= expected + ORDER_WINDOW; j++) {
        if (newerFreeSet.has(j)) add(i, j);
      }
    }
    for (const j of newerFree) {
      for (const i of shingleCandidates(this.newerFeatures[j], this.olderIndex, this.shingleIdf, CANDIDATES_PER_PARAGRAPH, isOlderFree)) {
        add(i, j);
      }
    }
    return pairs;
  }

  /** Greedy one-to-one pairing, best ranked first, of pairs at least `threshold` similar. */
  pairSimilar(threshold: number): void {
    const { before, after } = this.neighbourBounds();
    const ranked = this.candidatePairs()
      .map(([i, j]) => {
        const similarity = this.overlap(i, j).similarity;
        const inOrder = j > before[i] && j < after[i];
        return { i, j, similarity, rank: similarity + (inOrder ? IN_ORDER_BONUS : 0) };
      })
      .filter((c) => c.similarity >= threshold)
      .sort((x, y) => y.rank - x.rank || x.i - y.i || x.j - y.j);
    for (const { i, j } of ranked) {
      if (!this.isOlderTaken(i) && !this.isNewerTaken(j)) this.pair(i, j);
    }
  }

  /**
   * Older paragraphs largely contained in a newer one were merged into it;
   * newer paragraphs largely contained in an older one are pieces of its split.
   */
  findMergesAndSplits(): void {
    const minimum = this.options.containment;
    const notSplit = (j: number) => !this.splitFrom.has(j);
    const notMerged = (i: number) => !this.mergedInto.has(i);
    const sourcesOf = new Map<number, Features[]>();
    for (let i = 0; i < this.olderFeatures.length; i++) {
      if (this.isOlderTaken(i)) continue;
      let best = -1;
      let bestShare = minimum;
      for (const j of shingleCandidates(this.olderFeatures[i], this.newerIndex, this.shingleIdf, CANDIDATES_PER_PARAGRAPH, notSplit)) {
        const share = exclusiveShare(this.olderFeatures[i], this.newerFeatures[j], this.explainedNewer(j, sourcesOf), this.wordIdf, this.shingleIdf);
        if (share >= bestShare) {
          best = j;
          bestShare = share;
        }
      }
      if (best >= 0) {
        this.mergedInto.set(i, best);
        sourcesOf.set(best, [...(sourcesOf.get(best) ?? []), this.olderFeatures[i]]);
      }
    }
    const piecesOf = new Map<number, Features[]>();
    for (let j = 0; j < this.newerFeatures.length; j++) {
      if (this.isNewerTaken(j) || sourcesOf.has(j)) continue;
      let best = -1;
      let bestShare = minimum;
      for (const i of shingleCandidates(this.newerFeatures[j], this.olderIndex, this.shingleIdf, CANDIDATES_PER_PARAGRAPH, notMerged)) {
        const share = exclusiveShare(this.newerFeatures[j], this.olderFeatures[i], this.explainedOlder(i, piecesOf), this.wordIdf, this.shingleIdf);
        if (share >= bestShare) {
          best = i;
          bestShare = share;
        }
      }
      if (best >= 0) {
        this.splitFrom.set(j, best);
        piecesOf.set(best, [...(piecesOf.get(best) ?? []), this.newerFeatures[j]]);
      }
    }
  }

  /** What of newer paragraph j its one-to-one partner and merge sources found so far account for. */
  private explainedNewer(j: number, sourcesOf: Map<number, Features[]>): Features[] {
    const partner = this.pairedFrom.get(j);
    const sources = sourcesOf.get(j) ?? [];
    return partner === undefined ? sources : [this.olderFeatures[partner], ...sources];
  }

  /** What of older paragraph i its one-to-one partner and split pieces found so far account for. */
  private explainedOlder(i: number, piecesOf: Map<number, Features[]>): Features[] {
    const partner = this.pairOf.get(i);
    const pieces = piecesOf.get(i) ?? [];
    return partner === undefined ? pieces : [this.newerFeatures[partner], ...pieces];
  }

  /**
   * Pairs what is left, loosely, where its matched neighbours leave room: in
   * the gap between them, or — when a section move has broken the order there —
   * just after the previous neighbour's place or just before the next one's.
   */
  fillGaps(threshold: number): void {
    const mergeTargets = new Set(this.mergedInto.values());
    const newerCount = this.newerFeatures.length;
    // Pairing paragraph i only moves the "previous neighbour" of later
    // paragraphs, which the running `last` keeps up to date.
    const { after } = this.neighbourBounds();
    let last = -1;
    let run = 0;
    for (let i = 0; i < this.olderFeatures.length; i++) {
      const matched = this.pairOf.get(i) ?? this.mergedInto.get(i);
      if (matched !== undefined) {
        last = matched;
        run = 0;
        continue;
      }
      run++;
      const next = after[i];
      const reach = Math.min(MAX_GAP, run + ORDER_WINDOW);
      const places = new Set<number>();
      if (last < next && next - last - 1 <= MAX_GAP) {
        for (let j = last + 1; j < next; j++) places.add(j);
      } else {
        for (let j = last + 1; j <= Math.min(newerCount - 1, last + reach); j++) places.add(j);
        for (let j = Math.max(0, next - reach); j < next; j++) places.add(j);
      }
      let best = -1;
      let bestSimilarity = threshold;
      for (const j of places) {
        if (this.isNewerTaken(j) || mergeTargets.has(j)) continue;
        const similarity = this.overlap(i, j).similarity;
        if (similarity > bestSimilarity || (similarity === bestSimilarity && best < 0)) {
          best = j;
          bestSimilarity = similarity;
        }
      }
      if (best >= 0) {
        this.pair(i, best);
        last = best;
        run = 0;
      }
    }
  }

  result(): Alignment {
    const olderParagraphs = this.older.paragraphs;
    const newerParagraphs = this.newer.paragraphs;
    const fates: ParagraphFate[] = olderParagraphs.map((p) => ({
      older: p.number,
      kind: 'deleted',
      newer: [],
      similarity: 0,
      textChanged: true,
      olderText: p.text,
    }));
    const origins: ParagraphOrigin[] = newerParagraphs.map((p) => ({
      newer: p.number,
      kind: 'new',
      older: [],
      similarity: 0,
      newerText: p.text,
    }));

    const piecesOf = new Map<number, number[]>();
    for (const [j, i] of this.splitFrom) {
      const pieces = piecesOf.get(i) ?? [];
      pieces.push(j);
      piecesOf.set(i, pieces);
    }
    const sourcesOf = new Map<number, number[]>();
    for (const [i, j] of this.mergedInto) {
      const sources = sourcesOf.get(j) ?? [];
      sources.push(i);
      sourcesOf.set(j, sources);
    }
    for (const [j, sources] of sourcesOf) {
      const paired = this.pairedFrom.get(j);
      if (paired !== undefined && !piecesOf.has(paired)) {
        this.pairOf.delete(paired);
        this.pairedFrom.delete(j);
        this.mergedInto.set(paired, j);
        sources.push(paired);
      }
      sources.sort((a, b) => a - b);
    }

    for (const [j, sources] of sourcesOf) {
      if (sources.length < 2) {
        // One older paragraph inside a newer one that otherwise holds new text
        // is an edit; inside a piece of another paragraph's split, it is lost
        // in a rearrangement too tangled to name.
        this.mergedInto.delete(sources[0]);
        sourcesOf.delete(j);
        if (!this.pairedFrom.has(j)) this.pair(sources[0], j);
        continue;
      }
      for (const i of sources) {
        const fate = fates[i];
        fate.kind = 'merged';
        fate.newer = [newerParagraphs[j].number];
        fate.similarity = this.overlap(i, j).firstInSecond;
        fate.textChanged = true;
        fate.mergedWith = sources.filter((k) => k !== i).map((k) => olderParagraphs[k].number);
      }
      origins[j].kind = 'merged';
      origins[j].older = sources.map((i) => olderParagraphs[i].number);
      const together = combine(sources.map((i) => this.olderFeatures[i]), this.wordIdf, this.shingleIdf);
      origins[j].similarity =
        together.key === this.newerFeatures[j].key
          ? 1
          : overlapOf(together, this.newerFeatures[j], this.wordIdf, this.shingleIdf).similarity;
    }

    for (const [i, pieces] of piecesOf) {
      const paired = this.pairOf.get(i);
      if (paired !== undefined) {
        pieces.push(paired);
        this.pairOf.delete(i);
        this.pairedFrom.delete(paired);
      }
      pieces.sort((a, b) => a - b);
      if (pieces.length < 2) {
        this.pair(i, pieces[0]);
        continue;
      }
      const whole = combine(pieces.map((j) => this.newerFeatures[j]), this.wordIdf, this.shingleIdf);
      const similarity =
        whole.key === this.olderFeatures[i].key
          ? 1
          : overlapOf(this.olderFeatures[i], whole, this.wordIdf, this.shingleIdf).similarity;
      const fate = fates[i];
      fate.kind = 'split';
      fate.newer = pieces.map((j) => newerParagraphs[j].number);
      fate.similarity = similarity;
      fate.textChanged = whole.key !== this.olderFeatures[i].key;
      for (const j of pieces) {
        origins[j].kind = 'split';
        origins[j].older = [olderParagraphs[i].number];
        origins[j].similarity = this.overlap(i, j).secondInFirst;
      }
    }

    const oneToOne = [...this.pairOf.entries()];
    const moved = outOfOrder(oneToOne, this.older);
    for (const [i, j] of oneToOne) {
      const older = olderParagraphs[i];
      const newer = newerParagraphs[j];
      const sameWords = this.olderFeatures[i].key === this.newerFeatures[j].key;
      const change = sameWords ? writtenChange(older.text, newer.text) : 'wording';
      const kind: FateKind = moved.has(i)
        ? 'moved'
        : change
          ? 'edited'
          : older.number === newer.number
            ? 'unchanged'
            : 'renumbered';
      const similarity = sameWords ? 1 : this.overlap(i, j).similarity;
      const fate = fates[i];
      fate.kind = kind;
      fate.newer = [newer.number];
      fate.similarity = similarity;
      fate.textChanged = change !== undefined;
      if (change) {
        fate.change = change;
        fate.diff = wordDiff(older.text, newer.text);
      }
      origins[j].kind = kind;
      origins[j].older = [older.number];
      origins[j].similarity = similarity;
    }
    return { fates, origins };
  }
}

// ---------- spelling and punctuation ----------

const FOOTNOTE_MARKERS = /[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]+/g;
// Markdown footnote references and emphasis, and the backslash of an escape: how a draft is typeset, not what it says.
const MARKUP = /\[\^[^\]\s]+\]|[*_`\\]/g;
const LINE_BREAK_HYPHEN = '\u0000';
// A word as written: letters and digits, joined by apostrophes or hyphens
// (one at a line end may be the typesetter's), or by an en dash between letters.
const WRITTEN_WORD = /[\p{L}\p{M}\p{Nd}]+(?:(?:['\u2019\u02BC]|[-\u00AD\u2010\u2011](?:[ \t]*\r?\n[ \t]*)?|(?<=\p{L})\u2013(?=\p{L}))[\p{L}\p{M}\p{Nd}]+)*/gu;

function typeset(text: string): string {
  return text.replace(FOOTNOTE_MARKERS, '').replace(MARKUP, '').normalize('NFKC');
}

/** The words as written, with typography folded: straight apostrophes, plain hyphens, a line-end hyphen marked as such. */
function writtenWords(text: string): string[] {
  return (typeset(text).match(WRITTEN_WORD) ?? []).map((word) =>
    word
      .replace(/[\u2019\u02BC]/g, "'")
      .replace(/\u00AD/g, '')
      .replace(/[-\u2010\u2011][ \t]*\r?\n[ \t]*/g, LINE_BREAK_HYPHEN)
      .replace(/[\u2010\u2011\u2013]/g, '-'),
  );
}

/** A word broken at a line end reads either way: "non-\ngovernmental" is "non-governmental" or "nongovernmental". */
function readings(word: string): string[] {
  return word.includes(LINE_BREAK_HYPHEN) ? [word.split(LINE_BREAK_HYPHEN).join('-'), word.split(LINE_BREAK_HYPHEN).join('')] : [word];
}

function sameSpelling(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((word, k) => word === b[k] || readings(word).some((x) => readings(b[k]).includes(x)));
}

/** The punctuation of a text in order, typography folded, words and spacing left out. */
function punctuation(text: string): string {
  return foldTypography(typeset(text)).replace(WRITTEN_WORD, ' ').replace(/\s+/g, '');
}

/**
 * What changed between two texts that have the same words once typography,
 * case and hyphenation are set aside: their spelling, their punctuation, or
 * nothing a reader of negotiated text would count.
 */
export function writtenChange(older: string, newer: string): TextChange | undefined {
  // Most paragraphs of two drafts are the same text to the letter.
  if (older === newer) return undefined;
  if (!sameSpelling(writtenWords(older), writtenWords(newer))) return 'spelling';
  if (punctuation(older) !== punctuation(newer)) return 'punctuation';
  return undefined;
}

/** Aligns the paragraphs of an older draft with those of a newer one. */
export function alignDrafts(
  older: ParsedDraft,
  newer: ParsedDraft,
  options: Partial<AlignmentOptions> = {},
): Alignment {
  const settings = { ...defaultAlignmentOptions, ...options };
  const aligner = new Aligner(older, newer, settings);
  aligner.pairIdenticalWording();
  aligner.pairSimilar(settings.closeSimilarity);
  aligner.pairSimilar(settings.editedSimilarity);
  aligner.findMergesAndSplits();
  aligner.fillGaps(settings.gapSimilarity);
  return aligner.result();
}

const fateIndexes = new WeakMap<Alignment, Map<string, ParagraphFate>>();
const originIndexes = new WeakMap<Alignment, Map<string, ParagraphOrigin>>();

function firstByNumber<T>(items: T[], numberOf: (item: T) => string): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) if (!index.has(numberOf(item))) index.set(numberOf(item), item);
  return index;
}

/** Where paragraph `olderNumber` of the older draft went; undefined if the older draft has no such paragraph. */
export function whereDidItGo(alignment: Alignment, olderNumber: string): ParagraphFate | undefined {
  let index = fateIndexes.get(alignment);
  if (!index) {
    index = firstByNumber(alignment.fates, (f) => f.older);
    fateIndexes.set(alignment, index);
  }
  return index.get(olderNumber);
}

/** Where paragraph `newerNumber` of the newer draft came from; undefined if the newer draft has no such paragraph. */
export function whereDidItComeFrom(alignment: Alignment, newerNumber: string): ParagraphOrigin | undefined {
  let index = originIndexes.get(alignment);
  if (!index) {
    index = firstByNumber(alignment.origins, (o) => o.newer);
    originIndexes.set(alignment, index);
  }
  return index.get(newerNumber);
}

/** How many older paragraphs of each kind, and how many new ones. */
export function countByKind(alignment: Alignment): Record<FateKind | 'new', number> {
  const counts: Record<FateKind | 'new', number> = {
    unchanged: 0,
    renumbered: 0,
    moved: 0,
    edited: 0,
    merged: 0,
    split: 0,
    deleted: 0,
    new: 0,
  };
  for (const fate of alignment.fates) counts[fate.kind]++;
  for (const origin of alignment.origins) if (origin.kind === 'new') counts.new++;
  return counts;
}
