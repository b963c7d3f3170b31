// The small pieces of wording every feature writes the same way: Markdown
// escaping, the first words of a paragraph, "paras 16–18", a section's label,
// a paragraph shown in a hover. One place, so a hover reads alike wherever it
// comes from. Span arithmetic lives in spans.ts.
import type { Paragraph, ParsedDraft, Section } from './model';

/** Escapes what Markdown would read as emphasis, code, links, strike-through or table cells. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~|[\]<>#])/g, '\\$1');
}

/** The text on one line, runs of white space as one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first `count` words, with " …" when there are more. */
export function firstWords(text: string, count: number): string {
  const words = oneLine(text).split(' ');
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')} …`;
}

/** "para 130", "paras 118–120", "paras 12, 14 and 20". */
export function describeNumbers(numbers: readonly string[]): string {
  if (numbers.length === 1) return `para ${numbers[0]}`;
  const consecutive = numbers.every((number, index) => index === 0 || Number(number) === Number(numbers[index - 1]) + 1);
  if (consecutive && numbers.every((number) => /^\d+$/.test(number))) return `paras ${numbers[0]}–${numbers[numbers.length - 1]}`;
  return `paras ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** "has paragraphs 1–117", "has no numbered paragraphs". */
export function describeParagraphs(draft: ParsedDraft): string {
  const paragraphs = draft.paragraphs;
  if (paragraphs.length === 0) return 'has no numbered paragraphs';
  return `has paragraphs ${paragraphs[0].number}–${paragraphs[paragraphs.length - 1].number}`;
}

/** "E. Confidence-building Measures"; the title alone for an unlettered section. */
export function sectionLabel(section: Section): string {
  return section.letter ? `${section.letter}. ${section.title}` : section.title;
}

/**
 * "**Zero Draft, para 74** · E. Confidence-building Measures · *The OEWG recommends that*"
 * and the text (`name`: the draft's or document's name), everything taken
 * from the document escaped.
 */
export function paragraphMarkdown(name: string, paragraph: Paragraph, maxWords?: number): string {
  const where = [
    `**${escapeMarkdown(name)}, para ${paragraph.number}**`,
    paragraph.section ? escapeMarkdown(sectionLabel(paragraph.section)) : undefined,
    paragraph.subheading ? `*${escapeMarkdown(paragraph.subheading)}*` : undefined,
  ].filter(Boolean);
  const text = maxWords ? firstWords(paragraph.text, maxWords) : paragraph.text;
  const quoted = text
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n>\n');
  return `${where.join(' · ')}\n\n${quoted}`;
}

