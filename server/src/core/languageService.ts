// The one wiring function: createLanguageService(...) holds the workspace's
// configuration, its drafts and its open documents, and answers every
// feature's question in terms of the core model. The LSP server and the CLI
// are thin layers over it.
import * as path from 'path';
import {
  CONFIG_FILE_NAME,
  ConfigProblem,
  configFromDraftFiles,
  DEFAULT_DRAFT_GLOBS,
  findDraft,
  OewgConfig,
  parseConfig,
} from './config';
import { parseDraft } from './draftParser';
import { CitationScanCache } from './incrementalScan';
import { Citation, CoreDiagnostic, DraftInfo, Paragraph, ParsedDraft, Severity, Span } from './model';
import { CitationTarget, describeReason, DocumentContext, documentContext, resolveCitation } from './resolver';
import { Alignment, alignDrafts } from './alignment';
import { renderAlignmentReport } from './alignmentReport';
import type {
  CodeLensEntry,
  CompletionEntry,
  CoreCodeAction,
  DefinitionTarget,
  DocumentAnalysis,
  DocumentLinkEntry,
  DraftEntry,
  Feature,
  HoverResult,
  OutlineSymbol,
  ReferenceEntry,
  ReferenceOptions,
  WorkspaceSymbolEntry,
  WorkspaceView,
} from './features';
import { createQuotationIndex, QuotationIndex } from './quotations';
import { FileSystem, matchesGlobs } from './workspace';
import { historyFeature } from './historyFeature';
import { quotationFeature } from './quotationFeature';
import { documentFeature } from './documentFeature';
import { navigationFeature } from './navigationFeature';
import { documentNames, readReferences, ReferenceDocument } from './catalogue';
import { findNodeAtLocation, Node as JsonNode, parseTree } from 'jsonc-parser';
import { completionTrigger, DEFAULT_VOCABULARY } from './vocabulary';

export type { CompletionEntry, CoreCodeAction, DefinitionTarget, DocumentLinkEntry, DraftEntry, HoverResult, ReferenceEntry } from './features';
export type { CodeLensEntry, OutlineSymbol, ReferenceOptions, WorkspaceSymbolEntry } from './features';

/** The features built on paragraph citations; each is one file under server/src/core/. */
const FEATURES: Feature[] = [historyFeature, quotationFeature, documentFeature, navigationFeature];

/** Per-user choices (VS Code settings `oewgCite.*`, or CLI flags). */
export interface ServiceSettings {
  /** Severity per diagnostic code ("off" silences it). */
  severity?: Record<string, Severity | 'off'>;
  /** Draft globs used when there is no oewg-cite.json. */
  draftGlobs?: string[];
  /** Overrides the configured current draft (id, label or alias). */
  currentDraft?: string;
  /** Draft files named explicitly, in negotiation order (CLI `--draft`), used when there is no config file. */
  draftFiles?: string[];
  /** An explicit configuration file (CLI `--config`). */
  configFile?: string;
}

export const DEFAULT_SEVERITY: Record<string, Severity> = {
  'missing-paragraph': 'error',
  'draft-not-indexed': 'information',
  'unknown-draft': 'warning',
  'reversed-range': 'warning',
  'no-draft': 'information',
  'config-error': 'error',
  'draft-problem': 'warning',
};

for (const feature of FEATURES) Object.assign(DEFAULT_SEVERITY, feature.diagnosticCodes);

export const DIAGNOSTIC_CODES = Object.keys(DEFAULT_SEVERITY);

/** A draft's "path" that cannot be read (no such file, a damaged PDF): a warning on the path in oewg-cite.json. */
function unreadableDraftPaths(tree: JsonNode | undefined, drafts: Map<string, DraftEntry>): ConfigProblem[] {
  const list = tree?.type === 'object' ? findNodeAtLocation(tree, ['drafts']) : undefined;
  return (list?.children ?? []).flatMap((node) => {
    const id = findNodeAtLocation(node, ['id'])?.value;
    const pathNode = findNodeAtLocation(node, ['path']);
    const error = typeof id === 'string' ? drafts.get(id)?.error : undefined;
    // A PDF or Word draft still being read is not a problem yet.
    if (!error || !pathNode || / is still being read$/.test(error)) return [];
    return [{ message: `draft "${id}": ${error}`, severity: 'warning' as const, span: { start: pathNode.offset, end: pathNode.offset + pathNode.length } }];
  });
}

/** A "severity" key that names no diagnostic code is most likely a typo: say so where it is written. */
function unknownSeverityCodes(tree: JsonNode | undefined): ConfigProblem[] {
  const severity = tree?.type === 'object' ? findNodeAtLocation(tree, ['severity']) : undefined;
  if (severity?.type !== 'object') return [];
  return (severity.children ?? []).flatMap((property) => {
    const key = property.children?.[0];
    if (!key || typeof key.value !== 'string' || key.value in DEFAULT_SEVERITY) return [];
    return [{ message: `"${key.value}" is not a diagnostic code (known: ${DIAGNOSTIC_CODES.join(', ')})`, severity: 'warning' as const, span: { start: key.offset, end: key.offset + key.length } }];
  });
}

export interface DraftSummary {
  id: string;
  label: string;
  indexed: boolean;
  current: boolean;
  paragraphCount: number;
  path?: string;
  date?: string;
}

interface OpenDocument {
  text: string;
  version: number;
}

export interface LanguageService {
  /** Tell the service the editor's text of a document (open or changed). */
  setDocument(file: string, text: string, version?: number): void;
  closeDocument(file: string): void;
  /** A file changed on disk (or was created or deleted): drafts and configuration are re-read on next use. */
  fileChanged(file: string): void;
  updateSettings(settings: ServiceSettings): void;

  configuration(): { config: OewgConfig; problems: ConfigProblem[] };
  drafts(): DraftSummary[];
  currentDraft(): DraftInfo | undefined;
  draft(idOrName: string): DraftEntry | undefined;
  /** Whether the service checks this file (a submission or a draft). */
  isChecked(file: string): boolean;
  isDraft(file: string): boolean;
  /** Files the configuration names as submissions. */
  submissionFiles(): string[];
  /** The files of the "references" in oewg-cite.json whose text is indexed. */
  referenceFiles(): string[];

  citations(file: string): Array<{ citation: Citation; target: CitationTarget }>;
  hover(file: string, offset: number): HoverResult | undefined;
  definition(file: string, offset: number): DefinitionTarget[];
  /** `evenIfNotSubmission`: check a file the submission globs leave out (the CLI names it). */
  diagnostics(file: string, options?: { evenIfNotSubmission?: boolean }): CoreDiagnostic[];
  completions(file: string, offset: number): CompletionEntry[];
  /** Paragraphs of the current draft that are recommendations ("The OEWG recommends that"). */
  recommendations(): Paragraph[];
  /** Fixes and rewrites for a range; `diagnostics` are this service's diagnostics overlapping it. */
  codeActions(file: string, span: Span, diagnostics: CoreDiagnostic[]): CoreCodeAction[];
  documentLinks(file: string): DocumentLinkEntry[];
  /** Every feature's references at `offset` (a UN symbol's mentions, a paragraph's citations). */
  references(file: string, offset: number, options?: ReferenceOptions): ReferenceEntry[];
  /** The outline of a checked file: a draft's sections, sub-headings and paragraphs; a submission's headings and citations. */
  documentSymbols(file: string): OutlineSymbol[];
  /** "Go to Symbol in Workspace": paragraphs of the indexed drafts by number or words, best first. */
  workspaceSymbols(query: string): WorkspaceSymbolEntry[];
  /** Code lenses of a file ("cited 3 times" on each paragraph of a draft). */
  codeLenses(file: string): CodeLensEntry[];
  /** Alignment of two indexed drafts (ids, labels or aliases; older first). */
  alignment(older: string, newer: string): { alignment: Alignment; older: DraftInfo; newer: DraftInfo } | undefined;
  /** The alignment report of two drafts (ids, labels or aliases; older first), as Markdown. */
  compareDrafts(older: string, newer: string): string | undefined;
  /** "Check All Quotations": also report quotations of this file that cite nothing. */
  auditQuotations(file: string, on: boolean): void;
}

const EXCERPT_WORDS_IN_LIST = 45;
const MAX_PARAGRAPHS_IN_HOVER = 8;

export function createLanguageService(fs: FileSystem, root: string, initialSettings: ServiceSettings = {}): LanguageService {
  let settings = initialSettings;
  const documents = new Map<string, OpenDocument>();
  /** Analyses by file, kept while the file's text stays the same. */
  const analyses = new Map<string, DocumentAnalysis>();
  let loaded:
    | {
        config: OewgConfig;
        problems: ConfigProblem[];
        drafts: Map<string, DraftEntry>;
        references: ReferenceDocument[];
        scanner: CitationScanCache;
        alignments: Map<string, Alignment | undefined>;
        quotationIndexes: Map<string, QuotationIndex | undefined>;
      }
    | undefined;
  const audited = new Set<string>();
  /** The files the submission globs match, until the configuration changes or a file comes or goes. */
  let submissionList: string[] | undefined;
  /** The last parse of each draft file, and what is computed from parsed drafts: kept across reloads while the text stays the same. */
  const parsedDrafts = new Map<string, { text: string; parsed: ParsedDraft; byNumber: Map<string, Paragraph> }>();
  const alignmentsByDrafts = new WeakMap<ParsedDraft, WeakMap<ParsedDraft, Alignment>>();
  const quotationIndexesByDraft = new WeakMap<ParsedDraft, QuotationIndex>();

  const configPath = () => settings.configFile ?? path.join(root, CONFIG_FILE_NAME);

  function textOf(file: string): string | undefined {
    return documents.get(file)?.text ?? fs.readFile(file);
  }

  function load() {
    if (loaded) return loaded;
    const problems: ConfigProblem[] = [];
    let config: OewgConfig;
    let references: ReferenceDocument[] = [];
    const configText = fs.readFile(configPath());
    // What only the service can check in the file (codes, readable paths) is found on one parse of it.
    const tree = configText !== undefined ? parseTree(configText, [], { allowTrailingComma: true, disallowComments: false }) : undefined;
    if (configText !== undefined) {
      const result = parseConfig(configText, configPath());
      config = result.config;
      const read = readReferences(configText, config.root);
      references = read.references;
      problems.push(...result.problems, ...read.problems, ...unknownSeverityCodes(tree));
    } else if (settings.configFile) {
      config = configFromDraftFiles(root, [], 'arguments');
      problems.push({ message: `cannot read the configuration file ${settings.configFile}`, severity: 'error' });
    } else if (settings.draftFiles?.length) {
      config = configFromDraftFiles(root, settings.draftFiles.map((file) => path.resolve(root, file)), 'arguments');
    } else {
      config = configFromDraftFiles(root, fs.findFiles(root, settings.draftGlobs?.length ? settings.draftGlobs : DEFAULT_DRAFT_GLOBS), 'discovered');
    }
    const drafts = new Map<string, DraftEntry>();
    for (const info of config.drafts) drafts.set(info.id, readDraft(info));
    problems.push(...unreadableDraftPaths(tree, drafts));
    // The draft and document names are part of what the scanner recognises: a new configuration gets a new cache.
    const scanner = new CitationScanCache({
      draftNames: config.drafts.flatMap((draft) => [draft.label, ...draft.aliases]),
      documentNames: documentNames(references),
    });
    loaded = { config, problems, drafts, references, scanner, alignments: new Map(), quotationIndexes: new Map() };
    return loaded;
  }

  function readDraft(info: DraftInfo): DraftEntry {
    if (!info.path) return { info, byNumber: new Map() };
    const text = textOf(info.path);
    if (text === undefined) return { info, error: fs.readError?.(info.path) ?? `cannot read ${info.path}`, byNumber: new Map() };
    // The same text parses to the same object, so that what hangs on it
    // (alignments, quotation indexes) outlives a reload that changed nothing
    // in this draft: opening it in the editor, saving another file.
    const known = parsedDrafts.get(info.path);
    if (known?.text === text) return { info, parsed: known.parsed, byNumber: known.byNumber };
    const parsed = parseDraft(text);
    const byNumber = new Map(parsed.paragraphs.map((paragraph) => [paragraph.number, paragraph]));
    parsedDrafts.set(info.path, { text, parsed, byNumber });
    return { info, parsed, byNumber };
  }

  function draftEntries(): DraftEntry[] {
    return [...load().drafts.values()];
  }

  function currentDraft(): DraftInfo | undefined {
    const { config } = load();
    const wanted = settings.currentDraft ?? config.current;
    const chosen = wanted ? findDraft(config.drafts, wanted) : undefined;
    if (chosen?.path) return chosen;
    return [...config.drafts].reverse().find((draft) => draft.path);
  }

  function draftForFile(file: string): DraftEntry | undefined {
    return draftEntries().find((entry) => entry.info.path !== undefined && samePath(entry.info.path, file));
  }

  function isDraft(file: string): boolean {
    return draftForFile(file) !== undefined;
  }

  function isSubmission(file: string): boolean {
    const { config } = load();
    if (isDraft(file) || path.basename(file) === CONFIG_FILE_NAME) return false;
    if (!/\.(md|markdown|txt)$/i.test(file)) return false;
    return matchesGlobs(config.root, file, config.submissions);
  }

  function analyse(file: string): DocumentAnalysis | undefined {
    const text = textOf(file);
    if (text === undefined) return undefined;
    const cached = analyses.get(file);
    if (cached && cached.text === text) return cached;
    const { config, scanner } = load();
    const citations = scanner.scan(text);
    const context = documentContext(text, config.drafts);
    const ownDraft = draftForFile(file);
    const options = { drafts: config.drafts, current: currentDraft(), selfDraft: ownDraft?.info };
    const analysis: DocumentAnalysis = { text, citations, context, targets: citations.map((citation) => resolveCitation(citation, context, options)), ownDraft };
    analyses.set(file, analysis);
    return analysis;
  }

  /** The citation under `offset` (its numbers or the qualifier written after them). */
  function citationAt(analysis: DocumentAnalysis, offset: number): number {
    return analysis.citations.findIndex(
      (citation) => offset >= citation.span.start && offset <= (citation.qualifier && citation.qualifier.span.start >= citation.span.end ? citation.qualifier.span.end : citation.span.end),
    );
  }

  const view: WorkspaceView = {
    get config() {
      return load().config;
    },
    get configProblems() {
      return load().problems;
    },
    get references() {
      return load().references;
    },
    currentDraft: () => currentDraft(),
    draftEntry: (id) => load().drafts.get(id),
    draftEntries: () => draftEntries(),
    alignment(olderId, newerId) {
      const { alignments, drafts } = load();
      const key = `${olderId}\n${newerId}`;
      if (!alignments.has(key)) {
        const older = drafts.get(olderId)?.parsed;
        const newer = drafts.get(newerId)?.parsed;
        let alignment: Alignment | undefined;
        if (older && newer) {
          const byNewer = alignmentsByDrafts.get(older) ?? new WeakMap<ParsedDraft, Alignment>();
          alignmentsByDrafts.set(older, byNewer);
          alignment = byNewer.get(newer) ?? alignDrafts(older, newer);
          byNewer.set(newer, alignment);
        }
        alignments.set(key, alignment);
      }
      return alignments.get(key);
    },
    quotationIndex(draftId) {
      const { quotationIndexes, drafts } = load();
      if (!quotationIndexes.has(draftId)) {
        const parsed = drafts.get(draftId)?.parsed;
        let index: QuotationIndex | undefined;
        if (parsed) {
          index = quotationIndexesByDraft.get(parsed) ?? createQuotationIndex(parsed.paragraphs);
          quotationIndexesByDraft.set(parsed, index);
        }
        quotationIndexes.set(draftId, index);
      }
      return quotationIndexes.get(draftId);
    },
    diagnostic: (code, span, message, data) => diagnostic(code, span, message, data),
    textOf: (file) => textOf(file),
    analyse: (file) => analyse(file),
    checkedFiles: () => [...new Set([...service.submissionFiles(), ...draftEntries().flatMap((entry) => (entry.parsed && entry.info.path ? [entry.info.path] : []))])],
    auditsQuotations: (file) => audited.has(file),
  };

  function severityOf(code: string): Severity | 'off' {
    return settings.severity?.[code] ?? load().config.severity[code] ?? DEFAULT_SEVERITY[code] ?? 'warning';
  }

  function diagnostic(code: string, span: Span, message: string, data?: unknown): CoreDiagnostic[] {
    const severity = severityOf(code);
    return severity === 'off' ? [] : [{ code, span, severity, message, data }];
  }

  function citationDiagnostics(citation: Citation, target: CitationTarget): CoreDiagnostic[] {
    switch (target.kind) {
      case 'unknown-draft': {
        const known = load().config.drafts.map((draft) => draft.label).join(', ');
        return diagnostic('unknown-draft', target.span, `unknown draft "${target.name}": the drafts are ${known || 'not configured'}`);
      }
      case 'document':
      case 'own':
      case 'none':
        return [];
      case 'draft': {
        const entry = load().drafts.get(target.draft.id);
        if (!entry?.parsed) {
          const origin = load().config.origin;
          const how =
            origin === 'file'
              ? `give it a "path" in ${CONFIG_FILE_NAME}`
              : origin === 'discovered'
                ? `put its file under drafts/ (named like "${target.draft.id}.txt") or list it in ${CONFIG_FILE_NAME} with a "path"`
                : 'name its file with --draft';
          const why = entry?.error ? ` (${entry.error})` : `: ${how} to check this citation`;
          return diagnostic('draft-not-indexed', citation.span, `${citationText(citation)} cites the ${target.draft.label}, which is not indexed${why}`);
        }
        const found: CoreDiagnostic[] = [];
        for (const part of citation.parts) {
          if (part.kind === 'range' && Number(part.from) > Number(part.to)) {
            found.push(...diagnostic('reversed-range', part.span, `range ${part.from}–${part.to} runs backwards: did you mean ${part.to}–${part.from}?`));
            continue;
          }
          const numbers = part.kind === 'single' ? [part.number] : citation.numbers.filter((number) => inRange(number, part.from, part.to));
          const missing = numbers.filter((number) => !entry.byNumber.has(number));
          if (missing.length === 0) continue;
          // A citation of one number is marked whole ("para 130"); in a list or range, the part that is wrong.
          found.push(
            ...diagnostic(
              'missing-paragraph',
              citation.parts.length === 1 && part.kind === 'single' ? citation.span : part.span,
              `${describeNumbers(missing)}: the ${target.draft.label} ${describeParagraphs(entry.parsed)}`,
              { draft: target.draft.id, missing },
            ),
          );
        }
        return found;
      }
    }
  }

  const service: LanguageService = {
    setDocument(file, text, version = 0) {
      // Opening a draft or the configuration (its text as on disk) changes nothing.
      const unchanged = textOf(file) === text;
      documents.set(file, { text, version });
      if (!unchanged && isDraftOrConfig(file)) invalidate();
    },
    closeDocument(file) {
      const wasDraft = isDraftOrConfig(file);
      const editorText = documents.get(file)?.text;
      documents.delete(file);
      if (wasDraft && editorText !== fs.readFile(file)) invalidate();
    },
    fileChanged(file) {
      submissionList = undefined;
      if (documents.has(file) && !isDraftOrConfig(file)) return;
      if (isDraftOrConfig(file) || matchesGlobs(root, file, settings.draftGlobs?.length ? settings.draftGlobs : DEFAULT_DRAFT_GLOBS)) invalidate();
    },
    updateSettings(next) {
      settings = next;
      invalidate();
    },
    configuration() {
      const { config, problems } = load();
      return { config, problems };
    },
    drafts() {
      const current = currentDraft();
      return draftEntries().map((entry) => ({
        id: entry.info.id,
        label: entry.info.label,
        indexed: entry.parsed !== undefined,
        current: entry.info.id === current?.id,
        paragraphCount: entry.parsed?.paragraphs.length ?? 0,
        path: entry.info.path,
        date: entry.info.date,
      }));
    },
    currentDraft,
    draft(idOrName) {
      const info = findDraft(load().config.drafts, idOrName);
      return info ? load().drafts.get(info.id) : undefined;
    },
    isChecked(file) {
      return isSubmission(file) || isDraft(file);
    },
    isDraft,
    submissionFiles() {
      // A walk of the workspace: once per configuration, and again when a file is created or deleted.
      if (!submissionList) {
        const { config } = load();
        submissionList = fs.findFiles(config.root, config.submissions).filter(isSubmission);
      }
      return submissionList;
    },
    referenceFiles() {
      return load().references.flatMap((reference) => (reference.path ? [reference.path] : []));
    },
    citations(file) {
      const analysis = analyse(file);
      return analysis ? analysis.citations.map((citation, index) => ({ citation, target: analysis.targets[index] })) : [];
    },
    hover(file, offset) {
      const analysis = analyse(file);
      if (!analysis) return undefined;
      const index = citationAt(analysis, offset);
      if (index < 0) return firstAnswer((feature) => feature.hover?.(view, file, analysis, offset));
      const citation = analysis.citations[index];
      const extra = FEATURES.map((feature) => feature.citationHover?.(view, file, analysis, index)).filter((section): section is string => !!section);
      const target = analysis.targets[index];
      // A paragraph of another document (a report, a resolution) is the documents feature's to show.
      const own = target.kind === 'document' && extra.length ? [] : [hoverMarkdown(citation, target)];
      return { span: citation.span, markdown: [...own, ...extra].join('\n\n---\n\n') };
    },
    definition(file, offset) {
      const analysis = analyse(file);
      if (!analysis) return [];
      const index = citationAt(analysis, offset);
      if (index < 0) return FEATURES.flatMap((feature) => feature.definition?.(view, file, analysis, offset) ?? []);
      const citation = analysis.citations[index];
      const target = analysis.targets[index];
      if (target.kind !== 'draft') return FEATURES.flatMap((feature) => feature.definition?.(view, file, analysis, offset) ?? []);
      const entry = load().drafts.get(target.draft.id);
      if (!entry?.parsed || !entry.info.path) return [];
      const draftPath = entry.info.path;
      return citation.numbers
        .map((number) => entry.byNumber.get(number))
        .filter((paragraph): paragraph is Paragraph => paragraph !== undefined)
        .map((paragraph) => ({ originSpan: citation.span, file: draftPath, span: paragraph.span, selectionSpan: paragraph.numberSpan }));
    },
    diagnostics(file, options = {}) {
      if (path.basename(file) === CONFIG_FILE_NAME || (settings.configFile && samePath(file, settings.configFile))) {
        // A problem the reader only warns about (an unknown key) stays a warning.
        return load().problems.flatMap((problem) =>
          diagnostic('config-error', problem.span ?? { start: 0, end: 0 }, problem.message).map((found) =>
            problem.severity === 'error' ? found : { ...found, severity: problem.severity },
          ),
        );
      }
      if (!options.evenIfNotSubmission && !service.isChecked(file)) return [];
      const analysis = analyse(file);
      if (!analysis) return [];
      const found: CoreDiagnostic[] = [];
      const ownDraft = draftForFile(file);
      if (ownDraft?.parsed) {
        for (const problem of ownDraft.parsed.problems) found.push(...diagnostic('draft-problem', problem.span, problem.message));
      }
      const frontMatterDraft = analysis.context.frontMatter?.draft;
      if (frontMatterDraft && !findDraft(load().config.drafts, frontMatterDraft.name)) {
        found.push(...diagnostic('unknown-draft', frontMatterDraft.span, `unknown draft "${frontMatterDraft.name}" in the front matter: the drafts are ${load().config.drafts.map((d) => d.id).join(', ')}`));
      }
      if (analysis.context.frontMatter?.error) {
        found.push(...diagnostic('unknown-draft', analysis.context.frontMatter.span, `front matter: ${analysis.context.frontMatter.error}`));
      }
      for (const feature of FEATURES) found.push(...(feature.diagnostics?.(view, file, analysis) ?? []));
      let reportedNoDraft = false;
      analysis.citations.forEach((citation, index) => {
        const target = analysis.targets[index];
        if (target.kind === 'none' && !reportedNoDraft) {
          reportedNoDraft = true;
          found.push(...diagnostic('no-draft', citation.span, `no draft is indexed: add ${CONFIG_FILE_NAME} or put the drafts under drafts/`));
        }
        found.push(...citationDiagnostics(citation, target));
      });
      // In the order of the text (a stable sort keeps each place's findings in feature order).
      return joinPreviousDraftNotes(found).sort((a, b) => a.span.start - b.span.start);
    },
    completions(file, offset) {
      const paragraphs = paragraphCompletions(file, offset);
      if (paragraphs.length) return paragraphs;
      const analysis = analyse(file);
      if (!analysis) return [];
      return firstAnswer((feature) => {
        const entries = feature.completions?.(view, file, analysis, offset);
        return entries?.length ? entries : undefined;
      }) ?? [];
    },
    codeActions(file, span, diagnostics) {
      const analysis = analyse(file);
      return analysis ? FEATURES.flatMap((feature) => feature.codeActions?.(view, file, analysis, span, diagnostics) ?? []) : [];
    },
    documentLinks(file) {
      const analysis = analyse(file);
      return analysis ? FEATURES.flatMap((feature) => feature.documentLinks?.(view, file, analysis) ?? []) : [];
    },
    references(file, offset, options) {
      const analysis = analyse(file);
      return analysis ? FEATURES.flatMap((feature) => feature.references?.(view, file, analysis, offset, options) ?? []) : [];
    },
    documentSymbols(file) {
      const analysis = service.isChecked(file) ? analyse(file) : undefined;
      return analysis ? FEATURES.flatMap((feature) => feature.documentSymbols?.(view, file, analysis) ?? []) : [];
    },
    workspaceSymbols(query) {
      return FEATURES.flatMap((feature) => feature.workspaceSymbols?.(view, query) ?? []);
    },
    codeLenses(file) {
      const analysis = analyse(file);
      return analysis ? FEATURES.flatMap((feature) => feature.codeLenses?.(view, file, analysis) ?? []) : [];
    },
    alignment(olderName, newerName) {
      const older = findDraft(load().config.drafts, olderName);
      const newer = findDraft(load().config.drafts, newerName);
      const alignment = older && newer ? view.alignment(older.id, newer.id) : undefined;
      return alignment && older && newer ? { alignment, older, newer } : undefined;
    },
    compareDrafts(olderName, newerName) {
      const found = service.alignment(olderName, newerName);
      return found ? renderAlignmentReport(found.alignment, found.older.label, found.newer.label) : undefined;
    },
    auditQuotations(file, on) {
      if (on) audited.add(file);
      else audited.delete(file);
    },
    recommendations() {
      const current = currentDraft();
      const entry = current ? load().drafts.get(current.id) : undefined;
      return (entry?.parsed?.paragraphs ?? []).filter((paragraph) => /recommend/i.test(paragraph.subheading ?? ''));
    },
  };

  /** After "para ", "paras 57-", "¶ ": the paragraph numbers of the draft the position resolves to. */
  function paragraphCompletions(file: string, offset: number): CompletionEntry[] {
    const text = textOf(file);
    if (text === undefined) return [];
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const match = completionTrigger(DEFAULT_VOCABULARY).exec(before);
    if (!match || !/\s$|\d$|¶$/.test(before) && match[1] === '') return [];
    const typed = match[1];
    const replaceSpan = { start: offset - typed.length, end: offset };
    const probe: Citation = { span: replaceSpan, keyword: 'para', parts: [], numbers: [] };
    const analysis = analyse(file);
    const options = { drafts: load().config.drafts, current: currentDraft(), selfDraft: draftForFile(file)?.info };
    const target = resolveCitation(probe, analysis?.context ?? { draftHeadings: [] }, options);
    if (target.kind !== 'draft') return [];
    const entry = load().drafts.get(target.draft.id);
    if (!entry?.parsed) return [];
    return entry.parsed.paragraphs.map((paragraph) => ({
      label: paragraph.number,
      detail: `${target.draft.label} · ${firstWords(paragraph.text, 8)}`,
      documentation: paragraphMarkdown(target.draft, paragraph),
      sortText: String(paragraph.ordinal).padStart(6, '0') + paragraph.number,
      replaceSpan,
    }));
  }

  function firstAnswer<T>(ask: (feature: Feature) => T | undefined): T | undefined {
    for (const feature of FEATURES) {
      const answer = ask(feature);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  function isDraftOrConfig(file: string): boolean {
    return path.basename(file) === CONFIG_FILE_NAME || (settings.configFile !== undefined && samePath(file, settings.configFile)) || (loaded ? isDraft(file) : false);
  }

  /**
   * "para 57: the First Draft has paragraphs 1–54" and, on the same words,
   * where para 57 of the previous draft is now: one diagnostic that says both.
   */
  function joinPreviousDraftNotes(found: CoreDiagnostic[]): CoreDiagnostic[] {
    const notes = found.filter((d) => d.code === 'paragraph-moved-from-previous');
    if (!notes.length) return found;
    const joined = new Set<CoreDiagnostic>();
    for (const missing of found) {
      if (missing.code !== 'missing-paragraph') continue;
      const mine = notes.filter((n) => !joined.has(n) && n.span.start === missing.span.start && n.span.end === missing.span.end);
      if (!mine.length) continue;
      missing.message = [missing.message, ...mine.map((note) => note.message)].join('; ');
      for (const note of mine) joined.add(note);
    }
    return found.filter((d) => !joined.has(d));
  }

  function invalidate() {
    loaded = undefined;
    submissionList = undefined;
    analyses.clear();
  }

  function hoverMarkdown(citation: Citation, target: CitationTarget): string {
    switch (target.kind) {
      case 'unknown-draft':
        return `**${citationText(citation)}** — unknown draft "${target.name}". Known drafts: ${load().config.drafts.map((d) => d.label).join(', ')}.`;
      case 'document':
        return `**${citationText(citation)} of ${target.name}** — ${target.name} is not indexed as a draft, so this paragraph cannot be shown.`;
      case 'own':
        return `**${citationText(citation)}** — of the author's own text, not of a draft: not checked.`;
      case 'none':
        return `**${citationText(citation)}** — no draft is indexed. Add \`${CONFIG_FILE_NAME}\` or put the drafts under \`drafts/\`.`;
      case 'draft': {
        const entry = load().drafts.get(target.draft.id);
        const why = `*${target.draft.label}: ${describeReason(target.reason)}.*`;
        if (!entry?.parsed) return `**${citationText(citation)} of the ${target.draft.label}** — the ${target.draft.label} is not indexed.\n\n${why}`;
        const shown = citation.numbers.slice(0, MAX_PARAGRAPHS_IN_HOVER);
        const blocks = shown.map((number) => {
          const paragraph = entry.byNumber.get(number);
          if (!paragraph) return `**para ${number}** — not in the ${target.draft.label} (${describeParagraphs(entry.parsed!)}).`;
          return citation.numbers.length === 1 ? paragraphMarkdown(target.draft, paragraph) : paragraphMarkdown(target.draft, paragraph, EXCERPT_WORDS_IN_LIST);
        });
        const more = citation.numbers.length - shown.length;
        if (more > 0) blocks.push(`… and ${more} more paragraph${more === 1 ? '' : 's'}.`);
        return [...blocks, why].join('\n\n---\n\n');
      }
    }
  }

  return service;
}

/** "**Zero Draft, para 74** · E. Confidence-building Measures · *The OEWG recommends that*" and the text. */
export function paragraphMarkdown(draft: DraftInfo, paragraph: Paragraph, maxWords?: number): string {
  const where = [
    `**${draft.label}, para ${paragraph.number}**`,
    paragraph.section ? `${paragraph.section.letter ? `${paragraph.section.letter}. ` : ''}${paragraph.section.title}` : undefined,
    paragraph.subheading ? `*${paragraph.subheading}*` : undefined,
  ].filter(Boolean);
  const text = maxWords ? firstWords(paragraph.text, maxWords) : paragraph.text;
  const quoted = text
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n>\n');
  return `${where.join(' · ')}\n\n${quoted}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

export function firstWords(text: string, count: number): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')} …`;
}

function citationText(citation: Citation): string {
  return citation.numbers.length === 1 ? `para ${citation.numbers[0]}` : describeNumbers(citation.numbers);
}

/** "para 130", "paras 118–120", "paras 12, 14 and 20". */
export function describeNumbers(numbers: string[]): string {
  if (numbers.length === 1) return `para ${numbers[0]}`;
  const consecutive = numbers.every((number, index) => index === 0 || Number(number) === Number(numbers[index - 1]) + 1);
  if (consecutive && numbers.every((number) => /^\d+$/.test(number))) return `paras ${numbers[0]}–${numbers[numbers.length - 1]}`;
  return `paras ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** "has paragraphs 1–117", "has no numbered paragraphs". */
function describeParagraphs(draft: ParsedDraft): string {
  const paragraphs = draft.paragraphs;
  if (paragraphs.length === 0) return 'has no numbered paragraphs';
  return `has paragraphs ${paragraphs[0].number}–${paragraphs[paragraphs.length - 1].number}`;
}

function inRange(number: string, from: string, to: string): boolean {
  const value = parseInt(number, 10);
  return value >= parseInt(from, 10) && value <= parseInt(to, 10);
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}
