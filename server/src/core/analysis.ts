// The analysis of a checked file (a submission or a draft), made of the
// analyses of its blocks (see blocks.ts). A block's analysis — its citations,
// the draft each resolves to, and what every feature finds in it — depends on
// its text and on three things decided outside it: the draft the front matter
// names, the draft named by the last heading above it, and whether the file
// is itself a draft. It is kept under exactly that key, so a keystroke
// re-analyses the block it touched and reuses every other one wherever it now
// stands. The whole workspace (drafts, configuration, settings) is fixed for
// the lifetime of an Analyser: the workspace state makes a new one when any
// of it changes.
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

export interface PlacedBlock extends Span {
  analysis: BlockAnalysis;
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
    const analysis = this.build(text, ownDraft, fileContext);
    this.files.set(file, { text, context: fileContext, analysis });
    return analysis;
  }

  forget(file: string): void {
    this.files.delete(file);
  }

  private build(text: string, ownDraft: DraftEntry | undefined, fileContext: string): FileAnalysis {
    const frontMatter = readFrontMatter(text);
    const frontMatterDraft = frontMatter?.draft?.name;
    const placed: PlacedBlock[] = [];
    let inherited: DraftHeading | undefined;
    const keyOf = (heading: DraftHeading | undefined) => `${frontMatterDraft ?? ''}\u0000${heading?.draft.id ?? ''}\u0000${fileContext}`;
    let key = keyOf(undefined);
    // The document's first lines may be its title, which names the draft it answers.
    let startsDocument = true;
    const contentFrom = frontMatter?.span.end ?? 0;
    // A footnote is read where the text refers to it, which may be any block: such a text is one block.
    const blocks = mayHaveFootnotes(text) ? [{ start: 0, end: text.length }] : splitBlocks(text);
    for (const span of blocks) {
      const blockText = text.slice(span.start, span.end);
      const first = startsDocument;
      const headings = first
        ? documentContext(blockText, this.options.drafts).draftHeadings
        : this.headings.getOrCompute(blockText, () => documentContext(blockText, this.options.drafts, false).draftHeadings);
      if (startsDocument && /\S/.test(text.slice(Math.max(span.start, contentFrom), span.end))) startsDocument = false;
      if (first) key = `${keyOf(inherited)}\u0000first`;
      else if (key.endsWith('\u0000first')) key = keyOf(inherited);
      let byContext = this.blocks.get(blockText);
      if (!byContext) byContext = this.blocks.set(blockText, new Map());
      let analysis = byContext.get(key);
      if (!analysis) {
        analysis = this.analyseBlock(blockText, headings, inherited, frontMatterDraft, ownDraft, first);
        byContext.set(key, analysis);
      }
      placed.push({ start: span.start, end: span.end, analysis });
      if (headings.length && headings[headings.length - 1].draft !== inherited?.draft) {
        inherited = headings[headings.length - 1];
        key = keyOf(inherited);
      }
    }
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

  private analyseBlock(
    text: string,
    headings: DraftHeading[],
    inherited: DraftHeading | undefined,
    frontMatterDraft: string | undefined,
    ownDraft: DraftEntry | undefined,
    startsDocument: boolean,
  ): BlockAnalysis {
    const citations = scanCitations(text, this.options.scan);
    // What was decided above the block stands before its first character.
    const above: DraftHeading[] = inherited ? [{ span: { start: -1, end: -1 }, draft: inherited.draft }] : [];
    const own = documentContext(text, this.options.drafts, startsDocument);
    const context: DocumentContext = {
      frontMatter: frontMatterDraft !== undefined ? { span: { start: 0, end: 0 }, draft: { name: frontMatterDraft, span: { start: 0, end: 0 } } } : undefined,
      draftHeadings: [...above, ...headings],
      // A text with footnotes is one block: its notes are the whole text's.
      get footnotes() {
        return own.footnotes;
      },
    };
    const resolveOptions = { drafts: this.options.drafts, current: this.options.current, selfDraft: ownDraft?.info };
    return { text, citations, context, ownDraft, targets: citations.map((citation) => resolveCitation(citation, context, resolveOptions)) };
  }
}

function assemble(text: string, frontMatter: FrontMatter | undefined, ownDraft: DraftEntry | undefined, blocks: readonly PlacedBlock[]): DocumentAnalysis {
  const citations = [];
  const targets = [];
  const draftHeadings: DraftHeading[] = [];
  for (const block of blocks) {
    const { analysis, start } = block;
    for (const citation of analysis.citations) citations.push(shiftCitation(citation, start));
    targets.push(...analysis.targets);
    for (const heading of analysis.context.draftHeadings) {
      if (heading.span.start >= 0) draftHeadings.push({ span: shiftSpan(heading.span, start), draft: heading.draft });
    }
  }
  return { text, citations, targets, context: { frontMatter, draftHeadings }, ownDraft };
}
