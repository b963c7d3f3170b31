// dist/cli.js: `oewg-cite check | index`, the editor's checks from a
// terminal. Exit codes: 0 no error found, 1 errors found, 2 bad usage or
// configuration.
import * as fs from 'fs';
import * as path from 'path';
import { renderChangePicture } from '../core/changePicture';
import { CONFIG_FILE_NAME } from '../core/config';
import { parseDraft } from '../core/draftParser';
import { createLanguageService, DIAGNOSTIC_CODES, ServiceSettings } from '../core/languageService';
import { LineMap } from '../core/lines';
import { CoreDiagnostic, Span } from '../core/model';
import { DiskFileSystem, readRegularFile, stripBom } from '../core/workspace';
import { firstWords, sectionLabel } from '../core/wording';
import { DEFAULT_MAX_DRAFT_SIZE_MB, DEFAULT_MAX_WORD_XML_MB, readLimits } from '../core/readPolicy';
import { isExtractedDraft, refreshExtractedDrafts, unnumberedDraftWarning, withExtractedDrafts } from '../core/draftExtraction';
import { createDraftExtraction } from '../extraction';
import { describeWordLocation, locateInWord, wordPlaces } from '../core/wordSubmission';

const USAGE = `usage:
  oewg-cite check [FILE...] [--config FILE] [--draft FILE]... [--current ID] [--format text|json] [--quotes all]
      Check the paragraph citations of submissions (default: every submission
      the configuration names). Prints file:line:col severity code message;
      for a Word (.docx) submission, file ¶ N (its paragraph) and an excerpt.
      --quotes all also reports quotations that cite nothing but are found in a draft.
  oewg-cite index DRAFT [--json | --text]
      Parse a draft (.txt, .md, .pdf or .docx) and print its paragraphs,
      sections and footnotes; --text prints the text read from a PDF or Word
      draft, which the ranges of --json refer to.
  oewg-cite compare OLDER NEWER [--format markdown|json|svg] [--config FILE]
      Where each paragraph of the older draft went in the newer one. OLDER and
      NEWER are draft files, or draft ids/labels of the configuration.
      --format svg writes the picture of what changed (two columns of
      paragraphs, a line from each to where it went) as a self-contained SVG.

  --config FILE   oewg-cite.json to use (default: ./oewg-cite.json when present)
  --draft FILE    a draft, in negotiation order (repeatable; used without a config file)
  --current ID    the current draft (id, label or alias)
  --format F      text (default) or json; for compare: markdown (default), json or svg
  --no-cache      read PDF and Word drafts again instead of using the text kept from
                  an earlier run (kept in $OEWG_CITE_CACHE_DIR, else ~/.cache/oewg-cite)
  --max-draft-size-mb N   largest draft or text file read (default ${DEFAULT_MAX_DRAFT_SIZE_MB})
  --max-word-xml-mb N     largest XML a Word draft may inflate to (default ${DEFAULT_MAX_WORD_XML_MB})
  -h, --help      this text
  --version       the version

exit codes: 0 no error found, 1 errors found, 2 bad usage or configuration
diagnostic codes: ${DIAGNOSTIC_CODES.join(', ')}`;

class UsageError extends Error {}
/** A file that cannot be read as asked (missing, a folder, unreadable): said without the usage text. */
class InputError extends Error {}

/** Throws unless `file` is a regular file (never a device, a FIFO or a folder); gives its name as the user wrote it. */
function mustBeAFile(file: string, what: string): string {
  const shown = path.isAbsolute(file) && !file.startsWith('/dev/') ? path.relative(process.cwd(), file) || file : file;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`no such ${what} ${shown}`);
  }
  if (stat.isDirectory()) throw new InputError(`${shown} is a folder, not a ${what}`);
  if (!stat.isFile()) throw new InputError(`${shown} is not a regular file (${stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device'}): not read`);
  return shown;
}

/** The limits of the command line (--max-draft-size-mb, --max-word-xml-mb). */
let limits = readLimits();

/** A regular file's bytes, within the size limit. */
function readBytes(file: string, what: string): Buffer {
  const shown = mustBeAFile(file, what);
  const result = readRegularFile(file, limits.maxFileBytes);
  if ('error' in result) throw new InputError(result.error.split(file).join(shown));
  return result.data;
}

/** A text file's contents, without a byte-order mark (as an editor shows it). */
function readText(file: string, what: string): string {
  return stripBom(readBytes(file, what).toString('utf8'));
}

interface Options {
  command: string;
  files: string[];
  config?: string;
  drafts: string[];
  current?: string;
  format: 'text' | 'json' | 'markdown' | 'svg';
  json: boolean;
  text?: boolean;
  quotes?: 'all';
  /** Use (and fill) the disk cache of text extracted from PDF and Word drafts. */
  cache: boolean;
  maxDraftSizeMB?: number;
  maxWordXmlMB?: number;
}

function parseArguments(argv: string[]): Options {
  const options: Options = { command: '', files: [], drafts: [], format: 'text', json: false, cache: true };
  const value = (index: number, flag: string) => {
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case '--config':
        options.config = take();
        break;
      case '--draft':
        options.drafts.push(take());
        break;
      case '--current':
        options.current = take();
        break;
      case '--format': {
        const format = take();
        if (format !== 'text' && format !== 'json' && format !== 'markdown' && format !== 'svg') throw new UsageError(`--format must be text or json (or markdown or svg for compare), not "${format}"`);
        options.format = format;
        break;
      }
      case '--json':
        options.json = true;
        break;
      case '--text':
        options.text = true;
        break;
      case '--no-cache':
        options.cache = false;
        break;
      case '--max-draft-size-mb':
      case '--max-word-xml-mb': {
        const given = take();
        const megabytes = Number(given);
        if (!/^\d+(\.\d+)?$/.test(given) || !(megabytes > 0)) throw new UsageError(`${flag} takes a number of megabytes above 0, not "${given}"`);
        if (flag === '--max-draft-size-mb') options.maxDraftSizeMB = megabytes;
        else options.maxWordXmlMB = megabytes;
        break;
      }
      case '--quotes': {
        const which = take();
        if (which !== 'all') throw new UsageError(`--quotes takes "all", not "${which}"`);
        options.quotes = 'all';
        break;
      }
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
        if (!options.command) options.command = arg;
        else options.files.push(arg);
    }
  }
  return options;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseArguments(argv);
    limits = readLimits(options);
    switch (options.command) {
      case 'check':
        return await check(options);
      case 'index':
        return await index(options);
      case 'compare':
        return await compare(options);
      case '':
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${options.command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`oewg-cite: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      process.stderr.write(`oewg-cite: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** PDF and Word drafts read in a worker thread, through the disk cache unless --no-cache. */
function draftExtraction(options: Options) {
  return createDraftExtraction({ cacheDir: options.cache ? undefined : false });
}

/** A service over the disk whose PDF and Word drafts are read first. */
async function diskService(root: string, settings: ServiceSettings, options: Options) {
  const extraction = draftExtraction(options);
  const extractions = extraction.cache;
  const service = createLanguageService(withExtractedDrafts(new DiskFileSystem(), extractions), root, settings);
  try {
    await refreshExtractedDrafts(service, extractions);
  } finally {
    await extraction.dispose();
  }
  return { service, extractions };
}

async function check(options: Options): Promise<number> {
  const cwd = process.cwd();
  const configFile = options.config ? path.resolve(options.config) : undefined;
  if (configFile) readText(configFile, 'configuration file');
  const root = configFile ? path.dirname(configFile) : cwd;
  for (const draft of options.drafts) readText(draft, 'draft file');
  const settings: ServiceSettings = {
    configFile,
    draftFiles: options.drafts.map((draft) => path.resolve(draft)),
    currentDraft: options.current,
    maxDraftSizeMB: options.maxDraftSizeMB,
    maxWordXmlMB: options.maxWordXmlMB,
  };
  // --draft describes the drafts only when no configuration file is used.
  if (!configFile && fs.existsSync(path.join(root, CONFIG_FILE_NAME)) && options.drafts.length === 0) settings.configFile = path.join(root, CONFIG_FILE_NAME);
  const { service, extractions } = await diskService(root, settings, options);
  const { config, problems } = service.configuration();
  const configErrors = problems.filter((problem) => problem.severity === 'error');
  const configFileShown = config.file ? path.relative(cwd, config.file) : CONFIG_FILE_NAME;
  const configText = config.file ? readText(config.file, 'configuration file') : '';
  const describeProblem = (problem: (typeof problems)[number]) => `${configFileShown}:${position(configText, problem.span)} ${problem.severity} config-error ${problem.message}`;
  if (configErrors.length) {
    if (options.format === 'json') {
      process.stdout.write(JSON.stringify(problems.map((problem) => ({ file: configFileShown, ...jsonPosition(configText, problem.span), severity: problem.severity, code: 'config-error', message: problem.message })), null, 2) + '\n');
    }
    for (const problem of configErrors) process.stderr.write(`${describeProblem(problem)}\n`);
    return 2;
  }
  // Warnings (an unknown key, a misspelt diagnostic code) do not stop the check, but are said.
  for (const problem of problems) process.stderr.write(`${describeProblem(problem)}\n`);
  if (options.current && !service.draft(options.current)) {
    throw new UsageError(`--current ${options.current}: no such draft (${service.drafts().map((draft) => draft.id).join(', ')})`);
  }
  for (const draft of service.drafts()) {
    const entry = service.draft(draft.id);
    // With a configuration file, an unreadable draft was said above, on its "path".
    if (entry?.error && config.origin !== 'file') process.stderr.write(`oewg-cite: ${entry.error}\n`);
    for (const warning of draft.path ? extractions.get(draft.path)?.warnings ?? [] : []) process.stderr.write(`oewg-cite: ${warning}\n`);
  }

  const files = options.files.length ? options.files.map((file) => path.resolve(file)) : service.submissionFiles();
  if (files.length === 0) throw new UsageError('no submission to check: name the files, or list "submissions" in oewg-cite.json');
  // Word submissions: the text the worker reads from them (changes accepted, comments left out).
  const wordTexts = await readWordSubmissions(files.filter(isWordFile), options);
  const results: Array<{ file: string; text: string; diagnostics: CoreDiagnostic[] }> = [];
  for (const file of files) {
    const text = wordTexts.get(file) ?? readText(file, 'submission');
    service.setDocument(file, text);
    if (options.quotes === 'all') service.auditQuotations(file, true);
    // A file named on the command line is checked even when the submission globs would not pick it.
    results.push({ file, text, diagnostics: service.diagnostics(file, { evenIfNotSubmission: true }) });
  }

  let errors = 0;
  const json: unknown[] = [];
  for (const { file, text, diagnostics } of results) {
    const lines = new LineMap(text);
    // A Word submission's findings are located by paragraph and excerpt: its lines are nobody's to see.
    const places = wordTexts.has(file) ? wordPlaces(text) : undefined;
    for (const found of diagnostics) {
      if (found.severity === 'error') errors++;
      if (places) {
        const relative = path.relative(cwd, file);
        const location = locateInWord(text, places, found.span);
        if (options.format === 'json') json.push({ file: relative, ...location, severity: found.severity, code: found.code, message: found.message });
        else process.stdout.write(`${relative} ${describeWordLocation(location)} ${found.severity} ${found.code} ${found.message} — “${location.excerpt}”\n`);
        continue;
      }
      const start = lines.lineColumn(found.span.start);
      const end = lines.lineColumn(found.span.end);
      const relative = path.relative(cwd, file);
      if (options.format === 'json') {
        json.push({ file: relative, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: found.severity, code: found.code, message: found.message });
      } else {
        process.stdout.write(`${relative}:${start.line}:${start.column} ${found.severity} ${found.code} ${found.message}\n`);
      }
    }
  }
  if (options.format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  else {
    const total = results.reduce((sum, result) => sum + result.diagnostics.length, 0);
    process.stderr.write(`oewg-cite: ${results.length} file${results.length === 1 ? '' : 's'} checked, ${errors} error${errors === 1 ? '' : 's'}, ${total - errors} other finding${total - errors === 1 ? '' : 's'}\n`);
  }
  return errors > 0 ? 1 : 0;
}

function isWordFile(file: string): boolean {
  return path.extname(file).toLowerCase() === '.docx';
}

/** The text of each Word submission, read by the extraction worker (through the disk cache unless --no-cache). */
async function readWordSubmissions(files: string[], options: Options): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (files.length === 0) return texts;
  for (const file of files) mustBeAFile(file, 'submission');
  const extraction = draftExtraction(options);
  try {
    for (const file of files) {
      await extraction.cache.refresh(file, limits);
      const extracted = extraction.cache.get(file);
      if (extracted?.text === undefined) throw new InputError(`cannot read ${path.relative(process.cwd(), file) || file}${extracted?.reason ? `: ${extracted.reason}` : ''}`);
      texts.set(file, extracted.text);
    }
  } finally {
    await extraction.dispose();
  }
  return texts;
}

async function index(options: Options): Promise<number> {
  if (options.files.length !== 1) throw new UsageError('index takes one draft file');
  const file = options.files[0];
  let text: string;
  mustBeAFile(file, 'draft file');
  if (isExtractedDraft(file)) {
    const extraction = draftExtraction(options);
    let extracted;
    try {
      await extraction.cache.refresh(file, limits);
      extracted = extraction.cache.get(file);
    } finally {
      await extraction.dispose();
    }
    if (extracted?.text === undefined) {
      process.stderr.write(`oewg-cite: cannot read ${file}${extracted?.reason ? `: ${extracted.reason}` : ''}\n`);
      return 2;
    }
    text = extracted.text;
    for (const warning of extracted.warnings) process.stderr.write(`oewg-cite: ${warning}\n`);
  } else {
    text = readText(file, 'draft file');
  }
  if (options.text) {
    process.stdout.write(text);
    return 0;
  }
  const draft = parseDraft(text);
  if (isExtractedDraft(file) && draft.paragraphs.length === 0) process.stderr.write(`oewg-cite: ${unnumberedDraftWarning(file)}\n`);
  const lines = new LineMap(text);
  const range = (span: Span) => ({ start: lines.lineColumn(span.start), end: lines.lineColumn(span.end) });
  if (options.json) {
    const output = {
      file,
      title: draft.title,
      sections: draft.sections.map((section) => ({ letter: section.letter, title: section.title, range: range(section.span) })),
      paragraphs: draft.paragraphs.map((paragraph) => ({
        number: paragraph.number,
        section: paragraph.section ? { letter: paragraph.section.letter, title: paragraph.section.title } : undefined,
        subheading: paragraph.subheading,
        text: paragraph.text,
        footnotes: paragraph.footnoteRefs,
        range: range(paragraph.span),
      })),
      footnotes: draft.footnotes.map((footnote) => ({ number: footnote.number, text: footnote.text, range: range(footnote.span) })),
      problems: draft.problems.map((problem) => ({ message: problem.message, range: range(problem.span) })),
    };
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(`${draft.title ?? path.basename(file)}\n${draft.paragraphs.length} paragraphs, ${draft.sections.length} sections, ${draft.footnotes.length} footnotes\n`);
  let section: string | undefined;
  for (const paragraph of draft.paragraphs) {
    const heading = paragraph.section ? sectionLabel(paragraph.section) : undefined;
    if (heading !== section) process.stdout.write(`\n${(section = heading) ?? ''}\n`);
    process.stdout.write(`  ${paragraph.number.padStart(4)}  ${firstWords(paragraph.text, 10)}\n`);
  }
  for (const problem of draft.problems) process.stderr.write(`${file}:${lines.lineColumn(problem.span.start).line}: ${problem.message}\n`);
  return 0;
}

async function compare(options: Options): Promise<number> {
  if (options.files.length !== 2) throw new UsageError('compare takes two drafts: the older, then the newer');
  const cwd = process.cwd();
  const configFile = options.config ? path.resolve(options.config) : fs.existsSync(path.join(cwd, CONFIG_FILE_NAME)) ? path.join(cwd, CONFIG_FILE_NAME) : undefined;
  const [older, newer] = options.files;
  // Two files are compared as they are; names are looked up in the configuration.
  const asFiles = options.files.every((name) => fs.existsSync(name) && fs.statSync(name).isFile());
  const limitSettings = { maxDraftSizeMB: options.maxDraftSizeMB, maxWordXmlMB: options.maxWordXmlMB };
  const settings: ServiceSettings = asFiles ? { draftFiles: options.files.map((file) => path.resolve(file)), ...limitSettings } : { configFile, ...limitSettings };
  const { service } = await diskService(configFile ? path.dirname(configFile) : cwd, settings, options);
  const ids = asFiles ? service.drafts().filter((draft) => draft.indexed).map((draft) => draft.id) : [older, newer];
  for (const name of ids) {
    if (!service.draft(name)?.parsed) throw new UsageError(`"${name}" is neither a draft file nor an indexed draft (${service.drafts().filter((draft) => draft.indexed).map((draft) => draft.id).join(', ') || 'none configured'})`);
  }
  const found = service.alignment(ids[0], ids[1]);
  if (!found) throw new UsageError(`cannot align ${older} with ${newer}`);
  if (options.format === 'json') process.stdout.write(JSON.stringify({ older: found.older.label, newer: found.newer.label, ...found.alignment }, null, 2) + '\n');
  else if (options.format === 'svg') process.stdout.write(renderChangePicture(found.alignment, found.older.label, found.newer.label));
  else process.stdout.write(service.compareDrafts(ids[0], ids[1]) + '\n');
  return 0;
}

function jsonPosition(text: string, span?: Span): { line: number; column: number } {
  return span ? new LineMap(text).lineColumn(span.start) : { line: 1, column: 1 };
}

function position(text: string, span?: Span): string {
  const { line, column } = jsonPosition(text, span);
  return `${line}:${column}`;
}

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

// `oewg-cite index … | head`: the reader has what it wanted and closed the
// pipe. Stop quietly, as other command-line tools do, instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
