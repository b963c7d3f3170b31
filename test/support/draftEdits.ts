// Makes a "next draft" out of a parsed draft by known edits, the way a Chair's
// team does between two drafts: sub-sections dropped, sections swapped,
// paragraphs merged, split, reworded, deleted, added, everything renumbered.
// Each paragraph carries where it came from, so the known answer for every
// paragraph of the older draft follows from the edits, not from the alignment.
import type { Paragraph, ParsedDraft, Section, Span } from '../../server/src/core/model';
import type { FateKind } from '../../server/src/core/alignment';

/** A paragraph of the draft being made, with its provenance. */
export interface EditedParagraph {
  text: string;
  /** Older paragraph numbers it comes from; empty for a new paragraph. */
  from: string[];
  reworded: boolean;
  /** Taken out of its place and put elsewhere on its own (see moveParagraph). */
  moved?: boolean;
}

export interface OutlineBlock {
  subheading?: string;
  paragraphs: EditedParagraph[];
}

export interface OutlineSection {
  letter?: string;
  title?: string;
  blocks: OutlineBlock[];
}

export interface DraftOutline {
  title?: string;
  sections: OutlineSection[];
}

/** What the alignment should say about one older paragraph. */
export interface ExpectedFate {
  kind: FateKind;
  newer: string[];
}

export interface KnownAnswer {
  /** Older paragraph number → its expected fate. */
  fates: Map<string, ExpectedFate>;
  /** Numbers of the newer paragraphs that come from nothing. */
  added: string[];
}

/** The draft as nested sections, sub-section blocks and paragraphs, each paragraph its own origin. */
export function outlineOf(draft: ParsedDraft): DraftOutline {
  const sections: OutlineSection[] = [];
  let currentSection: Section | undefined;
  let section: OutlineSection | undefined;
  let block: OutlineBlock | undefined;
  for (const p of draft.paragraphs) {
    if (!section || p.section !== currentSection) {
      currentSection = p.section;
      section = { letter: p.section?.letter, title: p.section?.title, blocks: [] };
      sections.push(section);
      block = undefined;
    }
    if (!block || block.subheading !== p.subheading) {
      block = { subheading: p.subheading, paragraphs: [] };
      section.blocks.push(block);
    }
    block.paragraphs.push({ text: p.text, from: [p.number], reworded: false });
  }
  return { title: draft.title, sections };
}

function mapParagraphs(
  outline: DraftOutline,
  edit: (p: EditedParagraph) => EditedParagraph[],
): DraftOutline {
  return {
    ...outline,
    sections: outline.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => ({ ...b, paragraphs: b.paragraphs.flatMap(edit) })),
    })),
  };
}

/** The first paragraph that carries older paragraph `number` (alone, merged or as a split piece). */
function requireParagraph(outline: DraftOutline, number: string): EditedParagraph {
  for (const s of outline.sections)
    for (const b of s.blocks) for (const p of b.paragraphs) if (p.from.includes(number)) return p;
  throw new Error(`no paragraph ${number} left to edit`);
}

/** Drops every sub-section with this sub-heading, paragraphs and all. */
export function dropSubsections(outline: DraftOutline, subheading: string): DraftOutline {
  return {
    ...outline,
    sections: outline.sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.subheading !== subheading) })),
  };
}

/** Two sections change places, letters and all (the newer draft then reads "D." before "C."). */
export function swapSections(outline: DraftOutline, first: string, second: string): DraftOutline {
  const a = outline.sections.findIndex((s) => s.letter === first);
  const b = outline.sections.findIndex((s) => s.letter === second);
  if (a < 0 || b < 0) throw new Error(`no sections ${first} and ${second} to swap`);
  const sections = [...outline.sections];
  [sections[a], sections[b]] = [sections[b], sections[a]];
  return { ...outline, sections };
}

/** The paragraph carrying `second` is appended to the one carrying `first`, where that one stands. */
export function mergeParagraphs(outline: DraftOutline, first: string, second: string): DraftOutline {
  const head = requireParagraph(outline, first);
  const tail = requireParagraph(outline, second);
  if (head === tail) throw new Error(`paragraphs ${first} and ${second} are already one`);
  return mapParagraphs(outline, (p) => {
    if (p === tail) return [];
    if (p === head) return [{ text: `${p.text} ${tail.text}`, from: [...p.from, ...tail.from], reworded: p.reworded || tail.reworded }];
    return [p];
  });
}

/** The paragraph is cut in two at the sentence end nearest its middle. */
export function splitParagraph(outline: DraftOutline, number: string): DraftOutline {
  const whole = requireParagraph(outline, number);
  const ends = [...whole.text.matchAll(/[.;:] (?=\p{Lu})/gu)].map((m) => m.index + 1);
  if (ends.length === 0) throw new Error(`paragraph ${number} has one sentence: nothing to split`);
  const middle = whole.text.length / 2;
  const cut = ends.reduce((best, e) => (Math.abs(e - middle) < Math.abs(best - middle) ? e : best));
  return mapParagraphs(outline, (p) =>
    p === whole
      ? [
          { text: p.text.slice(0, cut).trim(), from: p.from, reworded: p.reworded },
          { text: p.text.slice(cut).trim(), from: p.from, reworded: p.reworded },
        ]
      : [p],
  );
}

/**
 * Rewords a few words: at `at` (a share of the paragraph's length) `remove`
 * words are taken out and `insert` put in their place.
 */
export function rewordParagraph(
  outline: DraftOutline,
  number: string,
  change: { at: number; remove: number; insert: string[] },
): DraftOutline {
  const target = requireParagraph(outline, number);
  return mapParagraphs(outline, (p) => {
    if (p !== target) return [p];
    const words = p.text.split(' ');
    const start = Math.min(words.length - 1, Math.floor(words.length * change.at));
    words.splice(start, change.remove, ...change.insert);
    return [{ ...p, text: words.join(' '), reworded: true }];
  });
}

export function deleteParagraph(outline: DraftOutline, number: string): DraftOutline {
  const target = requireParagraph(outline, number);
  return mapParagraphs(outline, (p) => (p === target ? [] : [p]));
}

/** A new paragraph right after older paragraph `after`. */
export function addParagraph(outline: DraftOutline, after: string, text: string): DraftOutline {
  const anchor = requireParagraph(outline, after);
  return mapParagraphs(outline, (p) => (p === anchor ? [p, { text, from: [], reworded: false }] : [p]));
}

/** The paragraph is taken out of its place and put right after the one carrying `after`. */
export function moveParagraph(outline: DraftOutline, number: string, after: string): DraftOutline {
  const target = requireParagraph(outline, number);
  const anchor = requireParagraph(outline, after);
  const without = mapParagraphs(outline, (p) => (p === target ? [] : [p]));
  return mapParagraphs(without, (p) => (p === anchor ? [p, { ...target, moved: true }] : [p]));
}

/** Every paragraph of the outline in order with the number it gets when numbered anew from 1. */
export function numberedParagraphs(outline: DraftOutline): Array<{ number: string; paragraph: EditedParagraph; section: OutlineSection }> {
  const numbered: Array<{ number: string; paragraph: EditedParagraph; section: OutlineSection }> = [];
  for (const section of outline.sections)
    for (const block of section.blocks)
      for (const paragraph of block.paragraphs) numbered.push({ number: String(numbered.length + 1), paragraph, section });
  return numbered;
}

/**
 * The draft as plain text — title, "A. Title" section lines, sub-heading lines,
 * "N. text" paragraphs, blank lines between — and the same draft as a
 * ParsedDraft built directly (for tests that do not go through the parser).
 * Line breaks inside a paragraph (bullet lists) are flattened to spaces so a
 * list heading is never mistaken for a sub-heading.
 */
export function renderOutline(outline: DraftOutline): { text: string; draft: ParsedDraft } {
  let text = '';
  const span = (line: string): Span => {
    const start = text.length;
    text += `${line}\n\n`;
    return { start, end: start + line.length };
  };
  if (outline.title) span(outline.title);
  const paragraphs: Paragraph[] = [];
  const sections: Section[] = [];
  for (const s of outline.sections) {
    let section: Section | undefined;
    if (s.title !== undefined) {
      const heading = s.letter ? `${s.letter}. ${s.title}` : s.title;
      section = { letter: s.letter, title: s.title, span: span(heading) };
      sections.push(section);
    }
    for (const block of s.blocks) {
      if (block.subheading) span(block.subheading);
      for (const p of block.paragraphs) {
        const number = String(paragraphs.length + 1);
        const body = p.text.replace(/\s*\n\s*/g, ' ');
        const where = span(`${number}. ${body}`);
        paragraphs.push({
          number,
          ordinal: paragraphs.length + 1,
          text: body,
          section,
          subheading: block.subheading,
          span: where,
          pieces: [{ start: where.start + number.length + 2, end: where.end }],
          numberSpan: { start: where.start, end: where.start + number.length + 1 },
          footnoteRefs: [],
        });
      }
    }
  }
  return { text, draft: { title: outline.title, paragraphs, sections, footnotes: [], problems: [] } };
}

/**
 * The alignment every older paragraph should get, by the definitions in
 * alignment.ts. A section "moved" when it is off the heaviest chain of
 * sections that keep their older order, each weighed by its paragraphs in the
 * older draft; the chain is found here by trying every subset, and an answer
 * with two equally heavy chains is arbitrary, so it throws.
 */
export function knownAnswer(older: ParsedDraft, outline: DraftOutline): KnownAnswer {
  const numbered = numberedParagraphs(outline);
  const carriers = new Map<string, Array<{ number: string; paragraph: EditedParagraph }>>();
  for (const entry of numbered)
    for (const source of entry.paragraph.from) {
      const list = carriers.get(source) ?? [];
      list.push(entry);
      carriers.set(source, list);
    }
  const isOneToOne = (p: EditedParagraph) => p.from.length === 1 && carriers.get(p.from[0])!.length === 1;
  const movedSections = sectionsOffTheChain(older, outline, isOneToOne);
  const sectionOf = new Map(numbered.map((e) => [e.paragraph, e.section]));

  const fates = new Map<string, ExpectedFate>();
  for (const p of older.paragraphs) {
    const went = carriers.get(p.number) ?? [];
    const newer = went.map((e) => e.number);
    let kind: FateKind;
    if (went.length === 0) kind = 'deleted';
    else if (went.length > 1) kind = 'split';
    else if (went[0].paragraph.from.length > 1) kind = 'merged';
    else if (went[0].paragraph.moved || movedSections.has(sectionOf.get(went[0].paragraph)!.letter!)) kind = 'moved';
    else if (went[0].paragraph.reworded) kind = 'edited';
    else kind = newer[0] === p.number ? 'unchanged' : 'renumbered';
    fates.set(p.number, { kind, newer });
  }
  const added = numbered.filter((e) => e.paragraph.from.length === 0).map((e) => e.number);
  return { fates, added };
}

function sectionsOffTheChain(
  older: ParsedDraft,
  outline: DraftOutline,
  isOneToOne: (p: EditedParagraph) => boolean,
): Set<string> {
  const olderLetters = [...new Set(older.paragraphs.map((p) => p.section?.letter))];
  const placed = outline.sections
    .filter((s) => s.blocks.some((b) => b.paragraphs.some(isOneToOne)))
    .map((s) => ({
      letter: s.letter!,
      rank: olderLetters.indexOf(s.letter),
      weight: older.paragraphs.filter((p) => p.section?.letter === s.letter).length,
    }));
  let heaviest = -1;
  let chains: number[] = [];
  for (let subset = 0; subset < 1 << placed.length; subset++) {
    const members = placed.filter((_, k) => subset & (1 << k));
    if (!members.every((m, k) => k === 0 || members[k - 1].rank < m.rank)) continue;
    const weight = members.reduce((sum, m) => sum + m.weight, 0);
    if (weight > heaviest) [heaviest, chains] = [weight, [subset]];
    else if (weight === heaviest) chains.push(subset);
  }
  if (chains.length > 1) throw new Error('two section orders are equally heavy: which sections moved is arbitrary');
  return new Set(placed.filter((_, k) => !(chains[0] & (1 << k))).map((m) => m.letter));
}

// A small word stock for synthetic drafts: plain drafting vocabulary, so the
// synthetic text has the same kind of common words and rarer terms.
const STOCK = (
  'states agreed that the group recalled noted stressed underscored encouraged recommended voluntary ' +
  'norms international law confidence capacity building measures cooperation security stability ' +
  'peaceful open accessible environment information communications technologies critical ' +
  'infrastructure incidents response teams points of contact regional organizations private sector ' +
  'civil society academia technical community dialogue regular institutional mandate report ' +
  'assembly resolution secretary general views assessments national surveys implementation guidance ' +
  'exchange good practices lessons learned transparency trust predictability risks misperception ' +
  'escalation conflict prevention sovereignty equality disputes settlement human rights freedoms ' +
  'gender divide development sustainable digital connectivity resilience vulnerabilities supply ' +
  'chains integrity products ransomware health facilities energy water transport finance elections ' +
  'attribution evidence cooperation assistance requests training curricula exercises certification ' +
  'portal repository roadmap programme action forum consensus inclusive action oriented mechanisms ' +
  'funding partnerships triangular south north coordination duplication efforts mandates bodies'
).split(' ');

/** A deterministic pseudo-random generator (mulberry32), so synthetic drafts are reproducible. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sentence-like run of stock words, capitalised, ending in a full stop. */
export function syntheticText(random: () => number, words: number): string {
  const chosen = Array.from({ length: words }, () => STOCK[Math.floor(random() * STOCK.length)]);
  const sentences: string[] = [];
  for (let i = 0; i < chosen.length; i += 12) {
    const sentence = chosen.slice(i, i + 12).join(' ');
    sentences.push(`${sentence[0].toUpperCase()}${sentence.slice(1)}.`);
  }
  return sentences.join(' ');
}

/**
 * A synthetic draft outline: lettered sections of the given sizes, each with an
 * opening paragraph, a "Discussions" block and a "Conclusions" block.
 */
export function syntheticOutline(seed: number, sectionSizes: number[]): DraftOutline {
  const random = randomSource(seed);
  let number = 0;
  const paragraph = (): EditedParagraph => ({
    text: syntheticText(random, 20 + Math.floor(random() * 50)),
    from: [String(++number)],
    reworded: false,
  });
  const sections = sectionSizes.map((size, s): OutlineSection => {
    const discussions = Math.floor((size - 1) / 2);
    const conclusions = size - 1 - discussions;
    const blocks: OutlineBlock[] = [{ paragraphs: [paragraph()] }];
    if (discussions > 0) blocks.push({ subheading: 'Discussions', paragraphs: Array.from({ length: discussions }, paragraph) });
    if (conclusions > 0) blocks.push({ subheading: 'Conclusions', paragraphs: Array.from({ length: conclusions }, paragraph) });
    return { letter: String.fromCharCode(65 + (s % 26)), title: `Section ${s + 1}`, blocks };
  });
  return { title: 'Synthetic Draft Report', sections };
}
