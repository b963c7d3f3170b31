// Word-level differences between two versions of a paragraph, and the text
// normalisation that decides when two wordings are "the same" for a drafter:
// case, curly or straight quotes, dashes, "re-affirm"/"reaffirm", spacing,
// emphasis marks and footnote markers do not change what a paragraph says.
import { diffWords } from 'diff';
import { oneLine } from './wording';

export type WordChunkKind = 'same' | 'added' | 'removed';

/** One run of the word diff: text both versions share, or text only one has. */
export interface WordChunk {
  kind: WordChunkKind;
  text: string;
}

// The same words as textNormalise.normaliseText gives, computed on the whole
// text at once: the alignment normalises every paragraph of two drafts, and
// on drafts of thousands of paragraphs word-by-word folding is its slowest
// part. One deliberate difference: an en dash between two letters
// ("South–South") joins a compound the way a hyphen does (an em dash, often
// set without spaces around an aside, still separates words).
const FOOTNOTE_MARKERS = /[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]+/g;
const APOSTROPHES = /[\u2019\u02BC]/g;
const HYPHEN_IN_WORD = /([\p{L}\p{M}\p{Nd}])[-\u00AD\u2010\u2011](?:[ \t]*\r?\n[ \t]*)?(?=[\p{L}\p{M}\p{Nd}])/gu;
const EN_DASH_IN_WORD = /(\p{L})\u2013(?=\p{L})/gu;
const WORD = /[\p{L}\p{M}\p{Nd}]+(?:'[\p{L}\p{M}\p{Nd}]+)*/gu;

/**
 * The words of a text as compared for sameness: lower case, footnote markers
 * dropped, hyphenated words joined, punctuation and spacing ignored.
 */
export function comparableWords(text: string): string[] {
  const folded = text
    .replace(FOOTNOTE_MARKERS, '')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC')
    .replace(APOSTROPHES, "'")
    .replace(EN_DASH_IN_WORD, '$1')
    .replace(HYPHEN_IN_WORD, '$1');
  return folded.match(WORD) ?? [];
}

/** True when two texts say the same thing word for word once typography is set aside. */
export function sameWording(a: string, b: string): boolean {
  const wa = comparableWords(a);
  const wb = comparableWords(b);
  return wa.length === wb.length && wa.every((w, i) => w === wb[i]);
}

/** The word differences from `a` (older) to `b` (newer), as jsdiff sees them. */
export function wordDiff(a: string, b: string): WordChunk[] {
  const chunks: WordChunk[] = [];
  for (const change of diffWords(a, b)) {
    const kind: WordChunkKind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = chunks[chunks.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else chunks.push({ kind, text: change.value });
  }
  return chunks;
}

/** A run of changed chunks between two unchanged ones. */
interface Hunk {
  removed: string;
  added: string;
}

/** The diff as alternating unchanged text and hunks: [same, hunk, same, hunk, …, same]. */
function toHunks(chunks: WordChunk[]): { same: string[]; hunks: Hunk[] } {
  const same = [''];
  const hunks: Hunk[] = [];
  let open = false;
  for (const chunk of chunks) {
    if (chunk.kind === 'same') {
      if (open) same.push('');
      same[same.length - 1] += chunk.text;
      open = false;
      continue;
    }
    if (!open) hunks.push({ removed: '', added: '' });
    open = true;
    const hunk = hunks[hunks.length - 1];
    if (chunk.kind === 'removed') hunk.removed += chunk.text;
    else hunk.added += chunk.text;
  }
  if (open) same.push('');
  return { same, hunks };
}

function isCosmetic(hunk: Hunk): boolean {
  return sameWording(hunk.removed, hunk.added);
}

/** The number of changes a reader would count: typography-only ones only when there is nothing else. */
export function countChanges(chunks: WordChunk[]): number {
  const { hunks } = toHunks(chunks);
  const real = hunks.filter((h) => !isCosmetic(h)).length;
  return real > 0 ? real : hunks.length;
}

/**
 * The diff reduced to what a reader needs: typography-only changes folded into
 * the unchanged text when there are real changes (they are kept when they are
 * the only change); at most `maxChanges` changes; unchanged runs cut to
 * `context` words on each side of a change, with "…" for what was left out.
 */
export function compactWordDiff(chunks: WordChunk[], context = 3, maxChanges = Infinity): WordChunk[] {
  const { same, hunks } = toHunks(chunks);
  const hideCosmetic = hunks.some((h) => !isCosmetic(h));
  // Fold cosmetic hunks into the unchanged text around them (in their newer form).
  const runs = [same[0]];
  const shown: Hunk[] = [];
  hunks.forEach((hunk, k) => {
    if (hideCosmetic && isCosmetic(hunk)) runs[runs.length - 1] += hunk.added + same[k + 1];
    else {
      shown.push(hunk);
      runs.push(same[k + 1]);
    }
  });
  const kept = shown.slice(0, maxChanges);
  const result: WordChunk[] = [];
  const pushSame = (text: string, isFirst: boolean, isLast: boolean) => {
    const trimmed = trimUnchanged(text, isFirst, isLast, context);
    if (trimmed !== '') result.push({ kind: 'same', text: trimmed });
  };
  pushSame(runs[0], true, kept.length === 0);
  kept.forEach((hunk, k) => {
    if (hunk.removed !== '') result.push({ kind: 'removed', text: hunk.removed });
    if (hunk.added !== '') result.push({ kind: 'added', text: hunk.added });
    pushSame(runs[k + 1], false, k === kept.length - 1);
  });
  const last = result[result.length - 1];
  if (kept.length < shown.length && !last.text.endsWith('…')) {
    // Changes were left out after this point: say that the text goes on.
    if (last.kind === 'same') last.text = `${last.text.trimEnd()} …`;
    else result.push({ kind: 'same', text: ' …' });
  }
  return result;
}

function trimUnchanged(text: string, isFirst: boolean, isLast: boolean, context: number): string {
  const lead = /^\s*/.exec(text)![0];
  const trail = text.slice(text.trimEnd().length);
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  if (isFirst && isLast) return text;
  if (isFirst) {
    return words.length > context ? `… ${words.slice(-context).join(' ')}${trail}` : text;
  }
  if (isLast) {
    return words.length > context ? `${lead}${words.slice(0, context).join(' ')} …` : text;
  }
  if (words.length > 2 * context + 1) {
    return `${lead}${words.slice(0, context).join(' ')} … ${words.slice(-context).join(' ')}${trail}`;
  }
  return text;
}

/**
 * One side of a diff as text: the unchanged runs and the chunks of `kind`.
 * jsdiff gives the space between two words to one of the chunks, so leaving a
 * chunk out may glue its neighbours together, or leave a space before a full
 * stop; the junction is mended.
 */
export function diffSide(chunks: WordChunk[], kind: 'removed' | 'added'): string {
  let text = '';
  let skipped = false;
  let spaced = false;
  for (const chunk of chunks) {
    if (chunk.kind !== 'same' && chunk.kind !== kind) {
      skipped = true;
      spaced ||= /\s/.test(chunk.text);
      continue;
    }
    if (skipped) {
      if (/^[.,;:!?)\]]/.test(chunk.text)) text = text.trimEnd();
      else if (spaced && /\S$/.test(text) && /^\S/.test(chunk.text)) text += ' ';
    }
    text += chunk.text;
    skipped = spaced = false;
  }
  return text;
}

function squeeze(text: string, maxLength: number): string {
  const flat = oneLine(text);
  if (flat.length <= maxLength) return flat;
  const cut = flat.lastIndexOf(' ', maxLength - 2);
  return `${flat.slice(0, cut > 0 ? cut : maxLength - 2).trimEnd()} …`;
}

/**
 * A one-line account of a change for hovers and diagnostics:
 * `'… States publicly re-affirm their …' → '… States reaffirm their …'`,
 * with the first `maxChanges` changes and a count of the others.
 */
export function summariseWordDiff(
  chunks: WordChunk[],
  options: { context?: number; maxChanges?: number; maxLength?: number } = {},
): string {
  const total = countChanges(chunks);
  if (total === 0) return 'no change in wording';
  const maxChanges = options.maxChanges ?? 2;
  const compact = compactWordDiff(chunks, options.context ?? 3, maxChanges);
  const maxLength = options.maxLength ?? 160;
  const summary = `'${squeeze(diffSide(compact, 'removed'), maxLength)}' → '${squeeze(diffSide(compact, 'added'), maxLength)}'`;
  const more = total - maxChanges;
  return more > 0 ? `${summary} (and ${more} more ${more === 1 ? 'change' : 'changes'})` : summary;
}
