// One fixture harness for the feature tests: a workspace written as one
// string, several files in it, each introduced by a line "//- /path", and the
// cursor marked "$0" in one of them. The service is the real one, over an
// in-memory twin of the disk.
//
//   const f = fixture(`
//   //- /oewg-cite.json
//   { "drafts": [{ "id": "zero-draft", "path": "drafts/zero.txt" }] }
//   //- /drafts/zero.txt
//   1. States agreed that …
//   //- /submissions/notes.md
//   We welcome para $01.
//   `);
//   f.service.hover(f.cursor.file, f.cursor.offset)
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../../server/src/core/languageService';
import type { Span } from '../../server/src/core/model';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { samplesDir } from './paths';

export const FIXTURE_ROOT = '/fixture';
const CURSOR = '$0';

export interface Fixture {
  service: LanguageService;
  files: MemoryFileSystem;
  /** Where "$0" stood (absent when no file marks it). */
  cursor: { file: string; offset: number };
  /** The absolute path of a fixture file ("/submissions/notes.md" or "submissions/notes.md"). */
  path(name: string): string;
  /** A file's text as the fixture wrote it (without the cursor mark). */
  text(name: string): string;
  /** The span of the `nth` occurrence of `needle` in a file. */
  spanOf(name: string, needle: string, nth?: number): Span;
}

/** The files of samples/ (the sample workspace), as fixture files, for fixtures that build on it. */
export function sampleFiles(...names: string[]): string {
  return names.map((name) => `//- /${name}\n${fs.readFileSync(path.join(samplesDir, name), 'utf8')}`).join('\n');
}

export function fixture(source: string, settings: ServiceSettings = {}): Fixture {
  const files = new MemoryFileSystem();
  let cursor = { file: '', offset: -1 };
  const chunks = source.split(/^\/\/- (\S+)[ \t]*\n/m);
  if (chunks[0].trim()) throw new Error('a fixture starts with a "//- /path" line');
  for (let i = 1; i < chunks.length; i += 2) {
    const file = path.posix.join(FIXTURE_ROOT, chunks[i]);
    // The line break before the next "//-" belongs to the fixture's layout, not to the file.
    let text = i + 2 < chunks.length ? chunks[i + 1].replace(/\n$/, '') : chunks[i + 1];
    const at = text.indexOf(CURSOR);
    if (at >= 0) {
      if (cursor.offset >= 0) throw new Error('a fixture marks one cursor');
      cursor = { file, offset: at };
      text = text.slice(0, at) + text.slice(at + CURSOR.length);
    }
    files.files.set(file, text);
  }
  const service = createLanguageService(files, FIXTURE_ROOT, settings);
  const resolve = (name: string) => path.posix.join(FIXTURE_ROOT, name);
  const text = (name: string) => {
    const found = files.files.get(resolve(name));
    if (found === undefined) throw new Error(`no file ${name} in the fixture`);
    return found;
  };
  return {
    service,
    files,
    cursor,
    path: resolve,
    text,
    spanOf(name, needle, nth = 1) {
      let at = -1;
      for (let i = 0; i < nth; i++) {
        at = text(name).indexOf(needle, at + 1);
        if (at < 0) throw new Error(`"${needle}" is not in ${name} ${nth} times`);
      }
      return { start: at, end: at + needle.length };
    },
  };
}
