// Word-level differences between two versions of a paragraph, and the text
// normalisation that decides when two wordings are "the same" for a drafter:
// case, curly or straight quotes, dashes, "re-affirm"/"reaffirm", spacing,
// emphasis marks and footnote markers do not change what a paragraph says.
import { diffWords } from 'diff';
import { normaliseText } from './textNormalise';

export type WordChunkKind = 'same' | 'added' | 'removed';

/** One run of the word diff: text both versions share, or text only one has. */
export interface WordChunk {
  kind: WordChunkKind;
  text: string;
}

// Footnote markers glued to a word ("recognized¹") must vanish before the
// shared normalisation folds superscripts into ordinary digits.
const FOOTNOTE_MARKERS = /[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]+/g;
// An en or em dash between two letters ("South–South") joins a compound the
// way a hyphen does; the shared normalisation reads it as a word break.
const DASH_IN_WORD = /(\p{L})[\u2012\u2013\u2014](?=\p{L})/gu;

/**
 * The words of a text as compared for sameness: lower case, footnote markers
 * dropped, hyphenated words joined, punctuation and spacing ignored.
 */
export function comparableWords(text: string): string[] {
  const normal = normaliseText(text.replace(FOOTNOTE_MARKERS, '').replace(DASH_IN_WORD, '$1-'));
  return normal === '' ? [] : normal.split(' ');
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

function isCosmetic(hunk: Hunk): boolean {
  return sameWording(hunk.removed, hunk.added);
}

/**
 * The diff reduced to what a reader needs: typography-only changes folded into
 * the unchanged text when there are real changes (they are kept when they are
 * the only change), and long unchanged runs cut to `context` words on each
 * side of a change, with "…" for what was left out.
 */
export function compactWordDiff(chunks: WordChunk[], context = 3): WordChunk[] {
  const hunks = collectHunks(chunks);
  const hideCosmetic = hunks.some((h) => !isCosmetic(h));
  const folded: WordChunk[] = [];
  const push = (kind: WordChunkKind, text: string) => {
    if (text === '') return;
    const last = folded[folded.length - 1];
    if (last && last.kind === kind) last.text += text;
    else folded.push({ kind, text });
  };
  let i = 0;
  while (i < chunks.length) {
    if (chunks[i].kind === 'same') {
      push('same', chunks[i].text);
      i++;
      continue;
    }
    const hunk: Hunk = { removed: '', added: '' };
    while (i < chunks.length && chunks[i].kind !== 'same') {
      if (chunks[i].kind === 'removed') hunk.removed += chunks[i].text;
      else hunk.added += chunks[i].text;
      i++;
    }
    if (hideCosmetic && isCosmetic(hunk)) {
      push('same', hunk.added);
    } else {
      push('removed', hunk.removed);
      push('added', hunk.added);
    }
  }
  return folded.map((chunk, index) =>
    chunk.kind === 'same'
      ? { kind: 'same', text: trimUnchanged(chunk.text, index === 0, index === folded.length - 1, context) }
      : chunk,
  );
}

function collectHunks(chunks: WordChunk[]): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  for (const chunk of chunks) {
    if (chunk.kind === 'same') {
      current = undefined;
      continue;
    }
    if (!current) {
      current = { removed: '', added: '' };
      hunks.push(current);
    }
    if (chunk.kind === 'removed') current.removed += chunk.text;
    else current.added += chunk.text;
  }
  return hunks;
}

function trimUnchanged(text: string, isFirst: boolean, isLast: boolean, context: number): string {
  const lead = /^\s*/.exec(text)![0];
  const trail = /\s*$/.exec(text)![0];
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

function squeeze(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}

/**
 * A one-line account of a change for hovers and diagnostics:
 * `'… States publicly re-affirm their …' → '… States reaffirm their …'`.
 */
export function summariseWordDiff(chunks: WordChunk[], options: { context?: number; maxLength?: number } = {}): string {
  if (!chunks.some((c) => c.kind !== 'same')) return 'no change in wording';
  const compact = compactWordDiff(chunks, options.context ?? 3);
  const maxLength = options.maxLength ?? 120;
  const before = compact.filter((c) => c.kind !== 'added').map((c) => c.text).join('');
  const after = compact.filter((c) => c.kind !== 'removed').map((c) => c.text).join('');
  return `'${squeeze(before, maxLength)}' → '${squeeze(after, maxLength)}'`;
}
