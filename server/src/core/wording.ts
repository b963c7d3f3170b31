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

/** Whether the numbers are plain and each follows the one before: "41", "42", "43". */
export function isRun(numbers: readonly string[]): boolean {
  return numbers.every((number, k) => /^\d+$/.test(number) && (k === 0 || Number(number) === Number(numbers[k - 1]) + 1));
}

/**
 * The numbers as an author writes them: runs of three or more as ranges with
 * the author's dash, the rest as a list: "41–44", "41, 43 and 44", "10 and 11".
 */
export function writeNumbers(numbers: readonly string[], style: { dash: string; comma: string; conjunction: string } = { dash: '–', comma: ', ', conjunction: ' and ' }): string {
  const items: string[] = [];
  for (let k = 0; k < numbers.length; ) {
    let end = k;
    while (end + 1 < numbers.length && isRun(numbers.slice(k, end + 2))) end++;
    if (end - k >= 2) {
      items.push(`${numbers[k]}${style.dash}${numbers[end]}`);
      k = end + 1;
    } else {
      items.push(numbers[k]);
      k++;
    }
  }
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(style.comma)}${style.conjunction}${items[items.length - 1]}`;
}

/** "para 51", "paras 41–43", "paras 10 and 11", "paras 30, 32 and 16": how titles, messages and hovers name numbers. */
export function describeNumbers(numbers: readonly string[]): string {
  return `${numbers.length === 1 ? 'para' : 'paras'} ${writeNumbers(numbers)}`;
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

