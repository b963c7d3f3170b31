// Every word the core recognises, one object per language (see types.ts), and
// the registry of languages. Adding a language is one new file beside en.ts
// and one line in VOCABULARIES; docs/ARCHITECTURE.md says what else to check.
import { english } from './en';
import type { Vocabulary } from './types';

export type { KeywordForms, KnownDraft, UnitKind, Vocabulary } from './types';
export { citationPatterns, completionTrigger, usualSubheading } from './patterns';
export { english } from './en';

/** Every language the core reads, English first. */
export const VOCABULARIES: readonly Vocabulary[] = [english];

/** The vocabulary used when nothing else is asked for. */
export const DEFAULT_VOCABULARY: Vocabulary = english;

/** The vocabulary of a language ("en", "en-GB"), if the core reads it. */
export function vocabularyFor(language: string): Vocabulary | undefined {
  const primary = language.toLowerCase().split(/[-_]/)[0];
  return VOCABULARIES.find((vocabulary) => vocabulary.language === primary);
}

const combined = new Map<string, Vocabulary>();

/**
 * One vocabulary holding the words of several (a submission that cites in two
 * languages): every list is the union of theirs, in order, without repeats.
 * The same languages give the same object, so patterns built from it are
 * built once.
 */
export function combineVocabularies(vocabularies: readonly Vocabulary[]): Vocabulary {
  if (vocabularies.length === 1) return vocabularies[0];
  const key = vocabularies.map((vocabulary) => vocabulary.language).join('+');
  let result = combined.get(key);
  if (!result) {
    result = { ...(union(vocabularies) as Vocabulary), language: key, name: vocabularies.map((vocabulary) => vocabulary.name).join(' + ') };
    combined.set(key, result);
  }
  return result;
}

function union(values: readonly unknown[]): unknown {
  if (values.every(Array.isArray)) {
    const seen = new Map<string, unknown>();
    for (const item of (values as unknown[][]).flat()) seen.set(JSON.stringify(item), seen.get(JSON.stringify(item)) ?? item);
    return [...seen.values()];
  }
  if (values.every((value) => value !== null && typeof value === 'object')) {
    const keys = new Set(values.flatMap((value) => Object.keys(value as object)));
    return Object.fromEntries([...keys].map((key) => [key, union(values.map((value) => (value as Record<string, unknown>)[key]).filter((v) => v !== undefined))]));
  }
  return values[0];
}
