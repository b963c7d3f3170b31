// Same-shaped documents for ours and for VS Code's Markdown language service:
// N short paragraphs, each with one reference — "para 42" of the Zero Draft for
// us, a link [para 42](#42-its-first-four-words) to one of the draft's
// paragraphs made into a heading for the peer — one in 25 pointing nowhere.
import * as fs from 'fs';
import * as path from 'path';
import { parseDraft } from '../../server/src/core/draftParser';
import { ParsedDraft } from '../../server/src/core/model';
import { corpusDir, samplesDir } from '../support/paths';

export interface Draft {
  text: string;
  parsed: ParsedDraft;
  /** Where the text came from, for the report. */
  source: string;
}

/** The real Zero Draft, or the sample one when the corpus is not beside the checkout. */
export function loadZeroDraft(): Draft {
  const real = path.join(corpusDir, 'zero-draft-2021.txt');
  const file = fs.existsSync(real) ? real : path.join(samplesDir, 'drafts', 'zero-draft.txt');
  const text = fs.readFileSync(file, 'utf8');
  const source = file === real ? 'the real Zero Draft (corpus)' : `samples/drafts/zero-draft.txt — the corpus is missing at ${real}`;
  return { text, parsed: parseDraft(text), source };
}

export interface Shaped {
  text: string;
  /** How many references point nowhere (the diagnostics both services should give). */
  broken: number;
  /** Two places in the prose, a third and two thirds in, where a keystroke changes one letter. */
  editOffsets: [number, number];
  /** Offset inside the last reference ("para N"), for hovers. */
  lastReference: number;
}

const TOPICS = ['norms', 'confidence-building', 'capacity-building', 'international law', 'the regular dialogue', 'threats'];
const OPENING = 'We welcome ';

/** The paragraphs of a document: `reference(number, exists)` writes one reference. */
function shaped(head: string, numbers: readonly string[], count: number, reference: (number: string, exists: boolean) => string): Shaped {
  const parts = [head];
  let length = head.length;
  let broken = 0;
  const editAt = [Math.floor(count / 3), Math.floor((2 * count) / 3)];
  const editOffsets: number[] = [];
  let lastReference = 0;
  for (let i = 0; i < count; i++) {
    const missing = i % 25 === 12;
    const number = missing ? String(numbers.length + 1 + (i % 40)) : numbers[(i * 7) % numbers.length];
    if (missing) broken++;
    if (editAt.includes(i)) editOffsets.push(length + OPENING.indexOf('l')); // the "l" of "welcome"
    const written = reference(number, !missing);
    lastReference = length + OPENING.length + written.indexOf(number) + 1;
    const paragraph = `${OPENING}${written} and its wording on ${TOPICS[i % TOPICS.length]}, as it stands.\n\n`;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return { text: parts.join(''), broken, editOffsets: editOffsets as [number, number], lastReference };
}

/** Ours: a submission citing the draft's paragraphs, "para N" in each paragraph. */
export function citingSubmission(draft: Draft, count: number): Shaped {
  const head = '---\ndraft: zero-draft\n---\n\n# Response to the Zero Draft\n\n';
  return shaped(head, draft.parsed.paragraphs.map((p) => p.number), count, (number) => `para ${number}`);
}

/**
 * The peer: one Markdown file, the draft's paragraphs as `## N. first words`
 * headings (`## N.` with `words` 0), then links to them.
 */
export function linkingMarkdown(draft: Draft, count: number, slugify: (heading: string) => string, words = 4): Shaped & { headings: number } {
  const slugs = new Map<string, string>();
  const headings = draft.parsed.paragraphs.map((p) => {
    const opening = p.text.replace(/[*_#[\]()`<>]/g, '').split(/\s+/).filter(Boolean).slice(0, words);
    const heading = [`${p.number}.`, ...opening].join(' ');
    slugs.set(p.number, slugify(heading));
    return `## ${heading}\n\n`;
  });
  const head = `# Zero Draft, paragraph by paragraph\n\n${headings.join('')}# Response to the Zero Draft\n\n`;
  const numbers = draft.parsed.paragraphs.map((p) => p.number);
  const result = shaped(head, numbers, count, (number, exists) => `[para ${number}](#${exists ? slugs.get(number) : `${number}-no-such-paragraph`})`);
  return { ...result, headings: headings.length };
}

/** The text after changing the letter at `offset` (a keystroke that keeps the length). */
export function keystroke(text: string, offset: number): { text: string; letter: string } {
  const letter = text[offset] === 'l' ? 'k' : 'l';
  return { text: text.slice(0, offset) + letter + text.slice(offset + 1), letter };
}
