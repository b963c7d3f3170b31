// Generates server/src/core/data/un-documents.json, the catalogue of UN
// documents the extension ships, from ../shared/un-symbols.json (the
// researched facts with their sources). The generated file is committed so
// the extension works without ../shared.
//
// Only facts pass: the symbol (in the canonical form undocs.org takes: no
// spaces, part letter and parenthesised session glued, no reissue asterisk),
// aliases, kind, title, date, body and how it was adopted, each as the source
// states it; null stays null. The research notes are left out (they discuss
// sources, not documents), except the first sentence of a few that say
// plainly what a document did ("Established the OEWG (2019-2021)."); so are
// the notes on sources inside a fact ("119 in favour (dig.watch); full tally
// not in stored excerpt" → "119 in favour").
//
//   node scripts/build-catalogue.mjs                  write the data file
//   node scripts/build-catalogue.mjs --print          print it instead
//   node scripts/build-catalogue.mjs --source <file>  read another source
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'server', 'src', 'core', 'data', 'un-documents.json');

/** Documents whose research note opens with a plain statement of what the document did. */
const NOTE_KEPT = new Set(['A/RES/53/70', 'A/RES/73/27', 'A/RES/73/266', 'A/RES/75/240', 'A/AC.290/2021/CRP.2']);

export function canonicalSymbol(written) {
  return written.replace(/\s+/g, '').replace(/\*$/, '');
}

function firstSentence(text) {
  const end = /\.(?=\s+[A-Z])/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

function factOrNull(value) {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

// What the research says about its own sources, not about the document: a
// source named in brackets ("(dig.watch)", "(UNODA page; fact sheet)"), or a
// remark on what the stored excerpts hold ("full tally not in stored excerpt").
const SOURCE_WORDS = /\b(?:dig\.watch|diplo|unoda|fact sheet|page|wording|excerpts?|stored|sources?|press release|survey|letter of transmittal)\b/i;

/**
 * How a document was adopted, as a fact: research notes on sources dropped,
 * a source's words unquoted. "recorded vote; 119 in favour (dig.watch); full
 * tally not in stored excerpt" → "recorded vote; 119 in favour". Null when
 * nothing is left.
 */
export function voteFact(value) {
  const written = factOrNull(value);
  if (!written) return null;
  const clauses = written
    .replace(/\s*\(([^()]*)\)/g, (bracket, inside) => (SOURCE_WORDS.test(inside) ? '' : bracket))
    .split(';')
    .map((clause) =>
      clause
        .trim()
        .replace(/^['‘’"“”](.*)['‘’"“”]$/, '$1')
        .trim(),
    )
    .filter((clause) => clause !== '' && !SOURCE_WORDS.test(clause));
  return clauses.length ? clauses.join('; ') : null;
}

export function buildDocuments(source) {
  return source.map((entry) => {
    const document = {
      symbol: canonicalSymbol(entry.symbol),
      aliases: Array.isArray(entry.aliases) ? entry.aliases.filter((alias) => typeof alias === 'string') : [],
      kind: entry.kind,
      title: factOrNull(entry.title),
      date: factOrNull(entry.date),
      body: factOrNull(entry.body),
      vote: voteFact(entry.vote),
    };
    if (NOTE_KEPT.has(entry.symbol) && typeof entry.notes === 'string') document.note = firstSentence(entry.notes);
    return document;
  });
}

export function render(source) {
  const data = {
    generatedBy: 'scripts/build-catalogue.mjs from ../shared/un-symbols.json: do not edit by hand',
    documents: buildDocuments(source),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const sourceArgument = process.argv.indexOf('--source');
  const sourceFile = sourceArgument > 0 ? resolve(process.argv[sourceArgument + 1]) : join(root, '..', 'shared', 'un-symbols.json');
  const text = render(JSON.parse(readFileSync(sourceFile, 'utf8')));
  if (process.argv.includes('--print')) process.stdout.write(text);
  else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
