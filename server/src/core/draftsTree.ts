// The drafts view's content for one draft: its sections in order, each with
// its paragraphs (number, first words, sub-heading, how often the
// submissions cite it, and where it is). Pure: the LSP layer turns the spans
// into places in the file.
import type { ParsedDraft, Span } from './model';
import { firstWords, sectionLabel } from './wording';

const FIRST_WORDS = 10;

export interface TreeParagraphEntry {
  number: string;
  firstWords: string;
  subheading?: string;
  cited: number;
  span: Span;
}

export interface TreeSectionEntry {
  /** "A. Introduction"; empty for the paragraphs before the first section. */
  label: string;
  paragraphs: TreeParagraphEntry[];
}

/** The sections of `draft` in order, each with its paragraphs; `counts` by paragraph number. */
export function draftTree(draft: ParsedDraft, counts: ReadonlyMap<string, number>): TreeSectionEntry[] {
  const sections: TreeSectionEntry[] = [];
  let current: TreeSectionEntry | undefined;
  let currentSection: unknown = null;
  for (const paragraph of draft.paragraphs) {
    if (!current || paragraph.section !== currentSection) {
      currentSection = paragraph.section;
      current = { label: paragraph.section ? sectionLabel(paragraph.section) : '', paragraphs: [] };
      sections.push(current);
    }
    current.paragraphs.push({
      number: paragraph.number,
      firstWords: firstWords(paragraph.text, FIRST_WORDS),
      subheading: paragraph.subheading,
      cited: counts.get(paragraph.number) ?? 0,
      span: paragraph.numberSpan,
    });
  }
  return sections;
}
