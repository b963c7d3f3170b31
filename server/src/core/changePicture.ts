// A picture of what changed between two drafts: the older draft's paragraphs
// in a column on the left, the newer draft's on the right, and a line from
// each older paragraph to where it went, coloured by what happened to it
// (kept, renumbered, edited, merged, split, moved, deleted; new paragraphs
// marked on the right). The same self-contained SVG is written by
// `oewg-cite compare --format svg` for a briefing note and shown by the
// editor's Compare Drafts view, which adds the interactions (hover a line for
// the word differences, click to open the paragraph) from the `data-*`
// attributes and the pairs.
//
// Decisions:
// - One line per pair (older paragraph, newer paragraph it became): a merged
//   paragraph is as many lines as it has sources, a split one as many as its
//   pieces. A deleted paragraph gets a short line ending in a cross in the
//   gutter, a new one a short line starting from a dot, so every paragraph
//   of both drafts has a mark and the eye finds both at once.
// - Colours are told apart by more than hue: moved lines are dashed, deleted
//   and new ones dotted, and the legend names every kind with its count.
// - The picture is drawn with presentation attributes only (no <style>, no
//   script, no external font or image): it opens anywhere, prints, and can be
//   shown under a Content-Security-Policy that allows no inline style.
// - The hover text of a line (<title>) is the word-level difference, the same
//   words the Markdown report shows: a merged paragraph is compared with all
//   its sources read in order, the pieces of a split with their source.
import { type Alignment, countByKind, type FateKind } from './alignment';
import { compactWordDiff, summariseWordDiff, wordDiff, type WordChunk } from './wordDiff';
import { oneLine } from './wording';

export type PairKind = FateKind | 'new';

/** One line of the picture: an older paragraph and a newer one it became (either missing when deleted or new). */
export interface ChangePair {
  kind: PairKind;
  /** Index of the older paragraph in `alignment.fates`; undefined for a new paragraph. */
  olderIndex?: number;
  /** Index of the newer paragraph in `alignment.origins`; undefined for a deleted paragraph. */
  newerIndex?: number;
  older?: string;
  newer?: string;
  similarity: number;
  /** The words that differ (compacted: typography folded in, long unchanged runs cut); empty when the wording is the same. */
  diff: WordChunk[];
  /** One line for a hover: "para 12 → para 9: edited — '… agreed …' → '… decided …'". */
  summary: string;
}

/** The colour and line style of each kind, in the order of the legend. */
export const PAIR_STYLES: Record<PairKind, { colour: string; tint: string; dash?: string; label: string }> = {
  unchanged: { colour: '#8c8c8c', tint: '#f2f2f2', label: 'kept' },
  renumbered: { colour: '#1f6fd1', tint: '#e3eefb', label: 'renumbered' },
  edited: { colour: '#e08a00', tint: '#fdf0d9', label: 'edited' },
  merged: { colour: '#7b3fbf', tint: '#efe5f9', label: 'merged' },
  split: { colour: '#0f9aa8', tint: '#ddf3f5', label: 'split' },
  moved: { colour: '#c2187a', tint: '#f9e1ef', dash: '7 4', label: 'moved' },
  deleted: { colour: '#d1242f', tint: '#fbe3e4', dash: '2 3', label: 'deleted' },
  new: { colour: '#1a8d3a', tint: '#e0f3e5', dash: '2 3', label: 'new' },
};

export const PAIR_KINDS = Object.keys(PAIR_STYLES) as PairKind[];

const HOVER_CHANGES = 6;

/** "para 12 → para 9", "para 16 → (deleted)", "(new) → para 40". */
function pairName(older: string | undefined, newer: string | undefined): string {
  return `${older !== undefined ? `para ${older}` : '(new)'} → ${newer !== undefined ? `para ${newer}` : '(deleted)'}`;
}

function kindWords(kind: PairKind, textChanged: boolean): string {
  if (kind === 'moved' && textChanged) return 'moved and edited';
  if (kind === 'unchanged') return 'kept as it was';
  return kind;
}

/**
 * Every line of the picture, in the order they are drawn: first the pairs of
 * the older paragraphs in their order (one per newer paragraph each became,
 * or one for a deletion), then the new paragraphs of the newer draft.
 */
export function changePairs(alignment: Alignment): ChangePair[] {
  const olderIndex = new Map<string, number>();
  alignment.fates.forEach((fate, i) => {
    if (!olderIndex.has(fate.older)) olderIndex.set(fate.older, i);
  });
  const newerIndex = new Map<string, number>();
  alignment.origins.forEach((origin, j) => {
    if (!newerIndex.has(origin.newer)) newerIndex.set(origin.newer, j);
  });
  const joinedDiffs = new Map<string, WordChunk[]>();
  const mergedDiff = (newer: string): WordChunk[] => {
    let diff = joinedDiffs.get(`merged\n${newer}`);
    if (!diff) {
      const origin = alignment.origins[newerIndex.get(newer)!];
      const sources = origin.older.map((number) => alignment.fates[olderIndex.get(number)!]?.olderText ?? '').join(' ');
      joinedDiffs.set(`merged\n${newer}`, (diff = wordDiff(oneLine(sources), oneLine(origin.newerText))));
    }
    return diff;
  };

  const pairs: ChangePair[] = [];
  alignment.fates.forEach((fate, i) => {
    if (fate.kind === 'deleted') {
      const diff = wordDiff(oneLine(fate.olderText), '');
      pairs.push({ kind: 'deleted', olderIndex: i, older: fate.older, similarity: 0, diff, summary: `${pairName(fate.older, undefined)}: deleted` });
      return;
    }
    let diff: WordChunk[] = [];
    if (fate.kind === 'merged') diff = mergedDiff(fate.newer[0]);
    else if (fate.kind === 'split') {
      const pieces = fate.newer.map((number) => alignment.origins[newerIndex.get(number)!]?.newerText ?? '').join(' ');
      diff = wordDiff(oneLine(fate.olderText), oneLine(pieces));
    } else if (fate.diff) diff = fate.diff;
    const changed = diff.some((chunk) => chunk.kind !== 'same');
    const compact = changed ? compactWordDiff(diff, 4) : [];
    for (const newer of fate.newer) {
      const what = fate.kind === 'merged' && fate.mergedWith?.length ? `merged with para${fate.mergedWith.length > 1 ? 's' : ''} ${fate.mergedWith.join(', ')}` : fate.kind === 'split' ? `split into paras ${fate.newer.join(', ')}` : kindWords(fate.kind, fate.textChanged);
      const words = changed ? ` — ${summariseWordDiff(diff, { maxChanges: HOVER_CHANGES, maxLength: 400 })}` : fate.kind === 'unchanged' ? '' : ' — same wording';
      pairs.push({
        kind: fate.kind,
        olderIndex: i,
        newerIndex: newerIndex.get(newer),
        older: fate.older,
        newer,
        similarity: fate.similarity,
        diff: compact,
        summary: `${pairName(fate.older, newer)}: ${what}${words}`,
      });
    }
  });
  alignment.origins.forEach((origin, j) => {
    if (origin.kind !== 'new') return;
    pairs.push({ kind: 'new', newerIndex: j, newer: origin.newer, similarity: 0, diff: wordDiff('', oneLine(origin.newerText)), summary: `${pairName(undefined, origin.newer)}: new` });
  });
  return pairs;
}

// ---------------------------------------------------------------- drawing

const WIDTH = 980;
const MARGIN = 16;
const BOX_WIDTH = 370;
const LEFT_EDGE = MARGIN + BOX_WIDTH;
const RIGHT_START = WIDTH - MARGIN - BOX_WIDTH;
const ROW = 20;
const BOX = 16;
const TOP = 118;
const TEXT_CHARS = 56;
const STUB = 44;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/** Text as XML character data: escaped, and without the characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The first words of a paragraph, cut to fit the box beside its number (never inside a surrogate pair). */
function rowWords(number: string, text: string): string {
  const words = oneLine(text);
  const room = Math.max(8, TEXT_CHARS - number.length);
  return [...words].length <= room ? words : `${[...words].slice(0, room - 1).join('').replace(/\s+\S*$/, '')} …`;
}

const rowY = (index: number) => TOP + index * ROW;
const f = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function paragraphBox(side: 'older' | 'newer', index: number, number: string, text: string, kind: PairKind): string {
  const style = PAIR_STYLES[kind];
  const x = side === 'older' ? MARGIN : RIGHT_START;
  const y = rowY(index);
  const barX = side === 'older' ? LEFT_EDGE - 4 : RIGHT_START;
  return (
    `<g class="paragraph" data-side="${side}" data-index="${index}" data-number="${xmlText(number)}" data-kind="${kind}">` +
    `<title>${xmlText(`para ${number} (${PAIR_STYLES[kind].label}): ${oneLine(text)}`)}</title>` +
    `<rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${BOX}" rx="2" fill="${style.tint}" stroke="${style.colour}" stroke-opacity="0.35"/>` +
    `<rect x="${barX}" y="${y}" width="4" height="${BOX}" fill="${style.colour}"/>` +
    `<text x="${x + (side === 'older' ? 6 : 10)}" y="${y + 12}" font-size="11" fill="#1b1b1b" ${FONT}><tspan font-weight="bold">${xmlText(number)}</tspan> ${xmlText(rowWords(number, text))}</text>` +
    `</g>`
  );
}

function linkPath(pair: ChangePair): string {
  if (pair.olderIndex !== undefined && pair.newerIndex !== undefined) {
    const y1 = rowY(pair.olderIndex) + BOX / 2;
    const y2 = rowY(pair.newerIndex) + BOX / 2;
    const middle = (LEFT_EDGE + RIGHT_START) / 2;
    return `M${LEFT_EDGE} ${f(y1)} C${f(middle)} ${f(y1)} ${f(middle)} ${f(y2)} ${RIGHT_START} ${f(y2)}`;
  }
  if (pair.olderIndex !== undefined) {
    const y = rowY(pair.olderIndex) + BOX / 2;
    const end = LEFT_EDGE + STUB;
    return `M${LEFT_EDGE} ${f(y)} H${end} M${end - 4} ${f(y - 4)} l8 8 M${end - 4} ${f(y + 4)} l8 -8`;
  }
  const y = rowY(pair.newerIndex!) + BOX / 2;
  return `M${RIGHT_START - STUB} ${f(y)} H${RIGHT_START}`;
}

function link(pair: ChangePair, index: number): string {
  const style = PAIR_STYLES[pair.kind];
  const d = linkPath(pair);
  const width = pair.kind === 'unchanged' ? 1 : 1.8;
  const opacity = pair.kind === 'unchanged' ? ' stroke-opacity="0.6"' : '';
  const dot = pair.kind === 'new' ? `<circle cx="${RIGHT_START - STUB}" cy="${f(rowY(pair.newerIndex!) + BOX / 2)}" r="3" fill="${style.colour}"/>` : '';
  return (
    `<g class="pair" data-pair="${index}" data-kind="${pair.kind}"${pair.older !== undefined ? ` data-older="${xmlText(pair.older)}"` : ''}${pair.newer !== undefined ? ` data-newer="${xmlText(pair.newer)}"` : ''}>` +
    `<title>${xmlText(pair.summary)}</title>` +
    `<path d="${d}" fill="none" stroke="transparent" stroke-width="9"/>` +
    `<path class="line" d="${d}" fill="none" stroke="${style.colour}" stroke-width="${width}"${opacity}${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>` +
    dot +
    `</g>`
  );
}

function legend(counts: Record<PairKind, number>): string {
  let x = MARGIN;
  const items: string[] = [];
  for (const kind of PAIR_KINDS) {
    const style = PAIR_STYLES[kind];
    const label = `${style.label} ${counts[kind]}`;
    items.push(
      `<g class="legend" data-kind="${kind}">` +
        `<line x1="${x}" y1="62" x2="${x + 22}" y2="62" stroke="${style.colour}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>` +
        `<text x="${x + 27}" y="66" font-size="12" fill="#1b1b1b" ${FONT}>${xmlText(label)}</text>` +
        `</g>`,
    );
    x += 27 + label.length * 6.6 + 18;
  }
  return items.join('');
}

/**
 * The picture of `alignment` as a self-contained SVG document (UTF-8 text):
 * two columns of paragraphs, a line per pair, a legend with the counts.
 */
export function renderChangePicture(alignment: Alignment, olderLabel: string, newerLabel: string, pairs: ChangePair[] = changePairs(alignment)): string {
  const counts = countByKind(alignment) as Record<PairKind, number>;
  const rows = Math.max(alignment.fates.length, alignment.origins.length, 1);
  const height = TOP + rows * ROW + MARGIN;
  const olderKind = new Array<PairKind>(alignment.fates.length);
  alignment.fates.forEach((fate, i) => (olderKind[i] = fate.kind));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="change-picture" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="change-picture-title">`,
    `<title id="change-picture-title">${xmlText(`${olderLabel} → ${newerLabel}: what changed`)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="30" font-size="18" font-weight="bold" fill="#1b1b1b" ${FONT}>${xmlText(`${olderLabel} → ${newerLabel}: what changed`)}</text>`,
    legend(counts),
    `<text x="${MARGIN}" y="100" font-size="13" font-weight="bold" fill="#1b1b1b" ${FONT}>${xmlText(`${olderLabel} (${alignment.fates.length} paragraphs)`)}</text>`,
    `<text x="${RIGHT_START}" y="100" font-size="13" font-weight="bold" fill="#1b1b1b" ${FONT}>${xmlText(`${newerLabel} (${alignment.origins.length} paragraphs)`)}</text>`,
  );
  out.push('<g class="older">');
  alignment.fates.forEach((fate, i) => out.push(paragraphBox('older', i, fate.older, fate.olderText, olderKind[i])));
  out.push('</g><g class="newer">');
  alignment.origins.forEach((origin, j) => out.push(paragraphBox('newer', j, origin.newer, origin.newerText, origin.kind)));
  out.push('</g><g class="pairs">');
  // Kept paragraphs first, so that every change is drawn over them.
  const order = pairs.map((pair, index) => ({ pair, index })).sort((a, b) => Number(a.pair.kind !== 'unchanged') - Number(b.pair.kind !== 'unchanged') || a.index - b.index);
  for (const { pair, index } of order) out.push(link(pair, index));
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}
