// The alignment of two drafts as a Markdown report a drafter can read: what
// happened to how many paragraphs, where each one went, what was dropped,
// added, merged, split and reworded.
import { countByKind, type Alignment, type FateKind, type ParagraphFate } from './alignment';
import { compactWordDiff, type WordChunk } from './wordDiff';
import { escapeMarkdown, firstWords } from './wording';

const KIND_ORDER: Array<FateKind | 'new'> = ['unchanged', 'renumbered', 'moved', 'edited', 'merged', 'split', 'deleted', 'new'];

function similarityCell(fate: ParagraphFate): string {
  return fate.kind === 'deleted' ? '—' : fate.similarity.toFixed(2);
}

/** ", spelling only", ", punctuation only" for an edit that kept every word. */
function onlyNote(fate: ParagraphFate): string {
  return fate.change === 'spelling' || fate.change === 'punctuation' ? `${fate.change} only` : '';
}

function kindCell(fate: ParagraphFate): string {
  if (fate.kind === 'merged' && fate.mergedWith?.length) return `merged (with ${fate.mergedWith.join(', ')})`;
  const only = onlyNote(fate);
  if (fate.kind === 'moved' && fate.textChanged) return `moved (edited${only ? `, ${only}` : ''})`;
  if (fate.kind === 'edited' && only) return `edited (${only})`;
  return fate.kind;
}

/** Word differences inline: unchanged text plain, ~~removed~~, **added**. */
export function renderDiffMarkdown(chunks: WordChunk[]): string {
  let out = '';
  for (const chunk of compactWordDiff(chunks)) {
    const flat = chunk.text.replace(/\s+/g, ' ');
    if (chunk.kind === 'same') {
      out += escapeMarkdown(flat);
      continue;
    }
    // Emphasis markers must hug the words, so the spaces jsdiff gave the
    // chunk go outside them; a removal and the addition after it stay apart.
    const [, lead, core, trail] = /^(\s*)(.*?)(\s*)$/.exec(flat)!;
    const mark = chunk.kind === 'removed' ? '~~' : '**';
    const glued = chunk.kind === 'added' && out.endsWith('~~') && lead === '';
    out += `${glued ? ' ' : lead}${mark}${escapeMarkdown(core)}${mark}${trail}`;
  }
  return out.trim();
}

/** A Markdown report of how `olderLabel` became `newerLabel`. */
export function renderAlignmentReport(alignment: Alignment, olderLabel: string, newerLabel: string): string {
  const out: string[] = [];
  const counts = countByKind(alignment);
  out.push(`# ${olderLabel} → ${newerLabel}: where each paragraph went`, '');
  out.push(
    `${olderLabel}: ${alignment.fates.length} paragraphs. ${newerLabel}: ${alignment.origins.length} paragraphs.`,
    '',
  );

  out.push('## Summary', '', '| what happened | paragraphs |', '|---|---:|');
  for (const kind of KIND_ORDER) {
    const label = kind === 'new' ? `new in ${newerLabel}` : kind;
    out.push(`| ${label} | ${counts[kind]} |`);
  }
  out.push('');

  out.push(`## Renumbering`, '', `| ${olderLabel} | ${newerLabel} | what happened | similarity |`, '|---:|---:|---|---:|');
  for (const fate of alignment.fates) {
    const newer = fate.newer.length ? fate.newer.join(', ') : '—';
    out.push(`| ${fate.older} | ${newer} | ${kindCell(fate)} | ${similarityCell(fate)} |`);
  }
  out.push('');

  const deleted = alignment.fates.filter((f) => f.kind === 'deleted');
  out.push(`## Deleted from ${olderLabel}`, '');
  if (deleted.length === 0) out.push('None.');
  for (const fate of deleted) out.push(`- **${fate.older}** — ${escapeMarkdown(firstWords(fate.olderText, 12))}`);
  out.push('');

  const added = alignment.origins.filter((o) => o.kind === 'new');
  out.push(`## New in ${newerLabel}`, '');
  if (added.length === 0) out.push('None.');
  for (const origin of added) out.push(`- **${origin.newer}** — ${escapeMarkdown(firstWords(origin.newerText, 12))}`);
  out.push('');

  const merges = alignment.origins.filter((o) => o.kind === 'merged');
  const splits = alignment.fates.filter((f) => f.kind === 'split');
  out.push('## Merged and split', '');
  if (merges.length === 0 && splits.length === 0) out.push('None.');
  for (const origin of merges) {
    out.push(`- paras ${origin.older.join(', ')} → para ${origin.newer} (merged, similarity ${origin.similarity.toFixed(2)})`);
  }
  for (const fate of splits) {
    out.push(`- para ${fate.older} → paras ${fate.newer.join(', ')} (split, similarity ${fate.similarity.toFixed(2)})`);
  }
  out.push('');

  const reworded = alignment.fates.filter((f) => f.diff !== undefined);
  out.push('## Reworded', '');
  if (reworded.length === 0) out.push('None.');
  for (const fate of reworded) {
    out.push(
      `- **${fate.older} → ${fate.newer.join(', ')}** (${kindCell(fate)}, similarity ${fate.similarity.toFixed(2)}): ${renderDiffMarkdown(fate.diff!)}`,
    );
  }
  out.push('');
  return out.join('\n');
}
