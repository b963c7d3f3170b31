// The analysis of a checked file (a submission or a draft), made of the
// analyses of its blocks (see blocks.ts). A block's analysis — its citations,
// the draft each resolves to, and what every feature finds in it — depends on
// its text and on what is decided outside it: the draft the front matter
// names, the draft named by the last heading above it, whether any text comes
// before it (the first lines may be the document's title), and whether the
// file is itself a draft. It is kept under exactly that key, so a keystroke
// re-analyses the block it touched and reuses every other one wherever it now
// stands. A text with footnotes of its own is one block (a note is read where
// the text refers to it). The whole workspace (drafts, configuration,
// settings) is fixed for the lifetime of an Analyser: the workspace state
// makes a new one when any of it changes.
import { blockAt, shiftCitation, shiftSpan, splitBlocks } from './blocks';
import { BoundedCache } from './cache';
import { scanCitations, ScanCitationsOptions } from './citations';
import type { DocumentAnalysis, DraftEntry } from './features';
import { CoreDiagnostic, DraftInfo, Span } from './model';
import { documentContext, DocumentContext, DraftHeading, FrontMatter, mayHaveFootnotes, readFrontMatter, resolveCitation } from './resolver';

/** Enough for every block of a few long submissions and their recent edits (undo brings blocks back). */
const MAX_CACHED_BLOCKS = 50000;

/** One block's analysis: a DocumentAnalysis of the block's text alone, spans relative to the block. */
export interface BlockAnalysis extends DocumentAnalysis {
  /** What the features found in the block, once asked (relative spans). */
  findings?: CoreDiagnostic[];
}

/** What the blocks above decide for a block: the draft the last heading named, and whether no text came before it. */
export interface BlockPlacement {
  inherited?: DraftInfo;
  startsDocument: boolean;
}

export interface PlacedBlock extends Span {
  analysis: BlockAnalysis;
  /** What the blocks above decided for this one. */
  before: BlockPlacement;
}

export interface FileAnalysis {
  text: string;
  frontMatter?: FrontMatter;
  ownDraft?: DraftEntry;
  /** The blocks in text order, covering the text. */
  blocks: PlacedBlock[];
  /** The block holding `offset`. */
  blockAt(offset: number): PlacedBlock;
  /** The file as one analysis, spans into the whole text (assembled from the blocks on first use). */
  whole(): DocumentAnalysis;
}

export interface AnalyserOptions {
  drafts: readonly DraftInfo[];
  current?: DraftInfo;
  scan: ScanCitationsOptions;
}

interface FileKey {
  text: string;
  context: string;
  analysis: FileAnalysis;
}

export class Analyser {
  /** The draft headings of a block's text (relative spans). */
  private readonly headings = new BoundedCache<string, DraftHeading[]>(MAX_CACHED_BLOCKS);
  /** Block analyses by text, then by what was decided above the block. */
  private readonly blocks = new BoundedCache<string, Map<string, BlockAnalysis>>(MAX_CACHED_BLOCKS);
  private readonly files = new Map<string, FileKey>();

  constructor(private readonly options: AnalyserOptions) {}

  /** The analysis of `file` with this text; `audit` is part of what its findings depend on ("Check All Quotations"). */
  analyse(file: string, text: string, ownDraft: DraftEntry | undefined, audit: boolean): FileAnalysis {
    const fileContext = `${ownDraft?.info.id ?? ''}\u0000${audit ? 'audit' : ''}`;
    const known = this.files.get(file);
    if (known && known.text === text && known.context === fileContext) return known.analysis;
    const analysis = (known && known.context === fileContext && this.rebuild(known.analysis, text, ownDraft, fileContext)) || this.build(text, ownDraft, fileContext);
    this.files.set(file, { text, context: fileContext, analysis });
    return analysis;
  }

  forget(file: string): void {
    this.files.delete(file);
  }

  private build(text: string, ownDraft: DraftEntry | undefined, fileContext: string): FileAnalysis {
    const frontMatter = readFrontMatter(text);
    const placer = this.placer(text, frontMatter, ownDraft, fileContext, { startsDocument: true });
    // A footnote is read where the text refers to it, which may be any block: such a text is one block.
    for (const span of mayHaveFootnotes(text) ? [{ start: 0, end: text.length }] : splitBlocks(text)) placer.place(span);
    return fileAnalysis(text, frontMatter, ownDraft, placer.placed);
  }

  /**
   * The analysis of a new text of a file from the analysis of its previous
   * text: the blocks before the change are kept where they stand, the blocks
   * after it are moved (their analyses reused while what the blocks above
   * decide for them is unchanged), and only the blocks around the change are
   * cut and looked up again. Undefined when the change reaches what every
   * block depends on (the front matter's draft, footnotes).
   */
  private rebuild(old: FileAnalysis, text: string, ownDraft: DraftEntry | undefined, fileContext: string): FileAnalysis | undefined {
    if (old.blocks.length === 1) return undefined;
    const prefix = commonPrefixLength(old.text, text);
    const suffix = commonSuffixLength(old.text, text, prefix);
    const delta = text.length - old.text.length;
    // The front matter stands before the change (or there is none, and the text does not open one): it is as it was.
    const unchanged = old.frontMatter ? prefix > old.frontMatter.span.end : !text.startsWith('---');
    const frontMatter = unchanged ? old.frontMatter : readFrontMatter(text);
    if (frontMatter?.draft?.name !== old.frontMatter?.draft?.name) return undefined;
    // A text of several blocks has no footnotes: the changed lines alone may bring one.
    const changedLines = text.slice(text.lastIndexOf('\n', prefix - 1) + 1, lineEndAt(text, text.length - suffix));
    if (mayHaveFootnotes(changedLines)) return undefined;
    // The cut before the changed block depends on that block's first lines: cut again from the block before it.
    const restart = Math.max(0, blockAt(old.blocks, prefix) - 1);
    const placer = this.placer(text, frontMatter, ownDraft, fileContext, old.blocks[restart].before);
    placer.placed.push(...old.blocks.slice(0, restart));
    // An old block that lies wholly in the unchanged end, found by where it now starts.
    const unchangedFrom = old.text.length - suffix;
    const movedBlockAt = (start: number) => {
      const oldStart = start - delta;
      if (oldStart < unchangedFrom) return undefined;
      const j = blockAt(old.blocks, oldStart);
      return old.blocks[j].start === oldStart ? j : undefined;
    };
    let resumeAt: number | undefined;
    for (const span of splitBlocks(text, old.blocks[restart].start, (cut) => movedBlockAt(cut) !== undefined)) {
      resumeAt = movedBlockAt(span.start);
      if (resumeAt !== undefined) break;
      placer.place(span);
    }
    for (let j = resumeAt ?? old.blocks.length; j < old.blocks.length; j++) {
      const block = old.blocks[j];
      if (placer.continuesAs(block.before)) {
        // What the blocks above decide is as before: every block from here on is as before, moved.
        for (let k = j; k < old.blocks.length; k++) placer.placed.push(movedBlock(old.blocks[k], delta));
        break;
      }
      placer.place({ start: block.start + delta, end: block.end + delta });
    }
    return fileAnalysis(text, frontMatter, ownDraft, placer.placed);
  }

  /** Places blocks of `text` one after the other, carrying what each decides for the ones below it. */
  private placer(text: string, frontMatter: FrontMatter | undefined, ownDraft: DraftEntry | undefined, fileContext: string, from: BlockPlacement) {
    const frontMatterDraft = frontMatter?.draft?.name;
    const contentFrom = frontMatter?.span.end ?? 0;
    const placed: PlacedBlock[] = [];
    let state: BlockPlacement = from;
    const place = (span: Span) => {
      const blockText = text.slice(span.start, span.end);
      const { inherited, startsDocument } = state;
      // The document's first lines may be its title, which names the draft it answers.
      const headings = startsDocument
        ? documentContext(blockText, this.options.drafts).draftHeadings
        : this.headings.getOrCompute(blockText, () => documentContext(blockText, this.options.drafts, false).draftHeadings);
      const key = `${frontMatterDraft ?? ''}\u0000${inherited?.id ?? ''}\u0000${fileContext}${startsDocument ? '\u0000first' : ''}`;
      let byContext = this.blocks.get(blockText);
      if (!byContext) byContext = this.blocks.set(blockText, new Map());
      let analysis = byContext.get(key);
      if (!analysis) {
        analysis = this.analyseBlock(blockText, headings, inherited, frontMatterDraft, ownDraft, startsDocument);
        byContext.set(key, analysis);
      }
      placed.push({ start: span.start, end: span.end, analysis, before: state });
      const last = headings.length ? headings[headings.length - 1].draft : inherited;
      const stillFirst = startsDocument && !/\S/.test(text.slice(Math.max(span.start, contentFrom), span.end));
      if (last !== inherited || stillFirst !== startsDocument) state = { inherited: last, startsDocument: stillFirst };
    };
    return {
      placed,
      place,
      /** Whether the blocks placed so far leave the next one as `before` says. */
      continuesAs: (before: BlockPlacement) => before.inherited === state.inherited && before.startsDocument === state.startsDocument,
    };
  }

  private analyseBlock(
    text: string,
    headings: DraftHeading[],
    inherited: DraftInfo | undefined,
    frontMatterDraft: string | undefined,
    ownDraft: DraftEntry | undefined,
    startsDocument: boolean,
  ): BlockAnalysis {
    const citations = scanCitations(text, this.options.scan);
    // What was decided above the block stands before its first character.
    const above: DraftHeading[] = inherited ? [{ span: { start: -1, end: -1 }, draft: inherited }] : [];
    // A text with footnotes is one block: its notes are the whole text's. Found once, and only in such a text.
    let footnotes: DocumentContext['footnotes'];
    const drafts = this.options.drafts;
    const context: DocumentContext = {
      frontMatter: frontMatterDraft !== undefined ? { span: { start: 0, end: 0 }, draft: { name: frontMatterDraft, span: { start: 0, end: 0 } } } : undefined,
      draftHeadings: [...above, ...headings],
      get footnotes() {
        return (footnotes ??= mayHaveFootnotes(text) ? documentContext(text, drafts, startsDocument).footnotes : []);
      },
    };
    const resolveOptions = { drafts: this.options.drafts, current: this.options.current, selfDraft: ownDraft?.info };
    const footnoteCitations = scanCitations(text, { ...this.options.scan, unit: 'footnote' });
    return {
      text,
      citations,
      context,
      ownDraft,
      targets: citations.map((citation) => resolveCitation(citation, context, resolveOptions)),
      footnoteCitations,
      footnoteTargets: footnoteCitations.map((citation) => resolveCitation(citation, context, resolveOptions)),
    };
  }
}

function fileAnalysis(text: string, frontMatter: FrontMatter | undefined, ownDraft: DraftEntry | undefined, placed: PlacedBlock[]): FileAnalysis {
  let whole: DocumentAnalysis | undefined;
  return {
    text,
    frontMatter,
    ownDraft,
    blocks: placed,
    blockAt: (offset) => placed[blockAt(placed, offset)],
    whole: () => (whole ??= assemble(text, frontMatter, ownDraft, placed)),
  };
}

/** The end of the line holding `offset` (where its "\n" stands, or the end of the text). */
function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

function movedBlock(block: PlacedBlock, delta: number): PlacedBlock {
  return delta === 0 ? block : { start: block.start + delta, end: block.end + delta, analysis: block.analysis, before: block.before };
}

/** How many characters two texts share at their start: compared a stretch at a time, then a character at a time. */
export function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let at = 0;
  for (let stretch = 1024; at < length; ) {
    const end = Math.min(length, at + stretch);
    if (a.slice(at, end) === b.slice(at, end)) {
      at = end;
      stretch *= 2;
    } else if (stretch > 16) {
      stretch >>= 2;
    } else {
      while (at < end && a.charCodeAt(at) === b.charCodeAt(at)) at++;
      return at;
    }
  }
  return at;
}

/** How many characters two texts share at their end, not reaching back into the first `prefix` of either. */
export function commonSuffixLength(a: string, b: string, prefix: number): number {
  const length = Math.min(a.length, b.length) - prefix;
  let taken = 0;
  for (let stretch = 1024; taken < length; ) {
    const size = Math.min(length - taken, stretch);
    if (a.slice(a.length - taken - size, a.length - taken) === b.slice(b.length - taken - size, b.length - taken)) {
      taken += size;
      stretch *= 2;
    } else if (stretch > 16) {
      stretch >>= 2;
    } else {
      while (taken < length && a.charCodeAt(a.length - 1 - taken) === b.charCodeAt(b.length - 1 - taken)) taken++;
      return taken;
    }
  }
  return taken;
}

function assemble(text: string, frontMatter: FrontMatter | undefined, ownDraft: DraftEntry | undefined, blocks: readonly PlacedBlock[]): DocumentAnalysis {
  const citations = [];
  const targets = [];
  const footnoteCitations = [];
  const footnoteTargets = [];
  const draftHeadings: DraftHeading[] = [];
  for (const block of blocks) {
    const { analysis, start } = block;
    for (const citation of analysis.citations) citations.push(shiftCitation(citation, start));
    targets.push(...analysis.targets);
    for (const citation of analysis.footnoteCitations ?? []) footnoteCitations.push(shiftCitation(citation, start));
    footnoteTargets.push(...(analysis.footnoteTargets ?? []));
    for (const heading of analysis.context.draftHeadings) {
      if (heading.span.start >= 0) draftHeadings.push({ span: shiftSpan(heading.span, start), draft: heading.draft });
    }
  }
  return { text, citations, targets, footnoteCitations, footnoteTargets, context: { frontMatter, draftHeadings }, ownDraft };
}
