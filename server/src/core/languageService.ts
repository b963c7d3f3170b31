// The one wiring function: createLanguageService(fs, root) builds the state
// of a workspace and asks every feature its question. It holds no state of its
// own and knows no feature's rules: the workspace state (workspaceState.ts)
// keeps the configuration, the drafts and the analyses; each feature is one
// file. The LSP server and the CLI are thin layers over it.
import { renderAlignmentReport } from './alignmentReport';
import { Alignment } from './alignment';
import { PlacedBlock } from './analysis';
import { shiftFinding, shiftSpan } from './blocks';
import { ConfigProblem, findDraft, OewgConfig } from './config';
import { documentFeature } from './documentFeature';
import { footnoteFeature } from './footnoteFeature';
import type {
  CodeLensEntry,
  CompletionEntry,
  CoreCodeAction,
  DefinitionTarget,
  DocumentLinkEntry,
  DraftEntry,
  Feature,
  HoverResult,
  OutlineSymbol,
  ReferenceEntry,
  ReferenceOptions,
  WorkspaceSymbolEntry,
} from './features';
import { historyFeature } from './historyFeature';
import { Citation, CoreDiagnostic, DraftInfo, Paragraph, Severity, Span } from './model';
import { navigationFeature, submissionCitationCounts } from './navigationFeature';
import { citationAt, paragraphFeature } from './paragraphFeature';
import { quotationFeature } from './quotationFeature';
import type { CitationTarget } from './resolver';
import { FileSystem } from './workspace';
import { ServiceSettings, WorkspaceState } from './workspaceState';

export type { CompletionEntry, CoreCodeAction, DefinitionTarget, DocumentLinkEntry, DraftEntry, HoverResult, ReferenceEntry } from './features';
export type { CodeLensEntry, OutlineSymbol, ReferenceOptions, WorkspaceSymbolEntry } from './features';
export type { ServiceSettings } from './workspaceState';
export { describeNumbers, firstWords, paragraphMarkdown } from './wording';

/** Every feature, each one file under server/src/core/; the first to answer a hover or a completion speaks first. */
const FEATURES: Feature[] = [paragraphFeature, footnoteFeature, historyFeature, quotationFeature, documentFeature, navigationFeature];
/** The order findings at one place have always come in: a citation's own problems after what the other features say. */
const DIAGNOSING: Feature[] = [...FEATURES.filter((feature) => feature !== paragraphFeature), paragraphFeature];

/** A step of `diagnosticsInSteps`: about 2 000 blocks taken from the cache, or 20 checked for the first time. */
const WORK_PER_STEP = 2000;
const BLOCK_CHECK_COST = 100;

export const DEFAULT_SEVERITY: Record<string, Severity> = { 'config-error': 'error' };
for (const feature of FEATURES) Object.assign(DEFAULT_SEVERITY, feature.diagnosticCodes);

export const DIAGNOSTIC_CODES = Object.keys(DEFAULT_SEVERITY);

export interface DraftSummary {
  id: string;
  label: string;
  indexed: boolean;
  current: boolean;
  paragraphCount: number;
  path?: string;
  date?: string;
}

export interface LanguageService {
  /** Tell the service the editor's text of a document (open or changed). */
  setDocument(file: string, text: string, version?: number): void;
  closeDocument(file: string): void;
  /** A file changed on disk (or was created or deleted): drafts and configuration are re-read on next use. */
  fileChanged(file: string): void;
  updateSettings(settings: ServiceSettings): void;
  /** The settings that say what may be read and how much (for the PDF and Word reader). */
  readSettings(): ServiceSettings;

  configuration(): { config: OewgConfig; problems: ConfigProblem[] };
  drafts(): DraftSummary[];
  currentDraft(): DraftInfo | undefined;
  draft(idOrName: string): DraftEntry | undefined;
  /** Whether the service checks this file (a submission or a draft). */
  isChecked(file: string): boolean;
  isDraft(file: string): boolean;
  /** The files of the configured drafts (read when first needed: listing them reads none). */
  draftFiles(): string[];
  /** Files the configuration names as submissions. */
  submissionFiles(): string[];
  /** The files of the "references" in oewg-cite.json whose text is indexed. */
  referenceFiles(): string[];

  citations(file: string): Array<{ citation: Citation; target: CitationTarget }>;
  hover(file: string, offset: number): HoverResult | undefined;
  definition(file: string, offset: number): DefinitionTarget[];
  /** `evenIfNotSubmission`: check a file the submission globs leave out (the CLI names it). */
  diagnostics(file: string, options?: { evenIfNotSubmission?: boolean }): CoreDiagnostic[];
  /**
   * The same diagnostics, computed in steps: the generator yields after each
   * stretch of work (a few blocks checked for the first time, or many taken
   * from the cache), so that a server can answer other requests in between
   * and drop the work when the text changes again.
   */
  diagnosticsInSteps(file: string, options?: { evenIfNotSubmission?: boolean }): Generator<void, CoreDiagnostic[]>;
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
  /** How many citations of the submissions name each paragraph of a draft (id, label or alias), by number. */
  citationCounts(draft: string): Map<string, number>;
}

export function createLanguageService(fs: FileSystem, root: string, initialSettings: ServiceSettings = {}): LanguageService {
  const state = new WorkspaceState(fs, root, initialSettings, DEFAULT_SEVERITY);
  const view = state.view;

  /** What every feature finds in one block, computed once per block analysis. */
  function blockFindings(file: string, block: PlacedBlock): CoreDiagnostic[] {
    const { analysis } = block;
    if (!analysis.findings) {
      let found = DIAGNOSING.flatMap((feature) => feature.diagnostics?.(view, file, analysis) ?? []);
      for (const feature of FEATURES) if (feature.refineDiagnostics) found = feature.refineDiagnostics(found);
      analysis.findings = found;
    }
    return analysis.findings;
  }

  /** Asks the block holding `offset`, and moves the answer's spans in that file to where the block stands. */
  function inBlock<T>(file: string, offset: number, ask: (block: PlacedBlock, offset: number) => T): T | undefined {
    const block = state.analyse(file)?.blockAt(offset);
    return block ? ask(block, offset - block.start) : undefined;
  }

  const service: LanguageService = {
    setDocument: (file, text, version = 0) => state.setDocument(file, text, version),
    closeDocument: (file) => state.closeDocument(file),
    fileChanged: (file) => state.fileChanged(file),
    updateSettings: (settings) => state.updateSettings(settings),
    readSettings: () => state.settings,
    configuration() {
      const { config, problems } = state.load();
      return { config, problems };
    },
    drafts() {
      const current = state.currentDraft();
      return state.draftEntries().map((entry) => ({
        id: entry.info.id,
        label: entry.info.label,
        indexed: entry.parsed !== undefined,
        current: entry.info.id === current?.id,
        paragraphCount: entry.parsed?.paragraphs.length ?? 0,
        path: entry.info.path,
        date: entry.info.date,
      }));
    },
    currentDraft: () => state.currentDraft(),
    draft(idOrName) {
      const info = findDraft(state.load().config.drafts, idOrName);
      return info ? state.load().drafts.get(info.id) : undefined;
    },
    isChecked: (file) => state.isChecked(file),
    isDraft: (file) => state.isDraft(file),
    submissionFiles: () => state.submissionFiles(),
    draftFiles: () => state.load().config.drafts.flatMap((draft) => (draft.path ? [draft.path] : [])),
    referenceFiles() {
      return state.load().references.flatMap((reference) => (reference.path ? [reference.path] : []));
    },
    citations(file) {
      const analysis = state.analyse(file)?.whole();
      return analysis ? analysis.citations.map((citation, index) => ({ citation, target: analysis.targets[index] })) : [];
    },
    hover(file, offset) {
      return inBlock(file, offset, (block, at) => {
        const { analysis } = block;
        const index = citationAt(analysis, at);
        let found: HoverResult | undefined;
        if (index < 0) {
          for (const feature of FEATURES) if ((found = feature.hover?.(view, file, analysis, at))) break;
        } else {
          const sections = FEATURES.map((feature) => feature.citationHover?.(view, file, analysis, index)).filter((section): section is string => !!section);
          found = { span: analysis.citations[index].span, markdown: sections.join('\n\n---\n\n') };
        }
        return found && { span: shiftSpan(found.span, block.start), markdown: found.markdown };
      });
    },
    definition(file, offset) {
      return (
        inBlock(file, offset, (block, at) => {
          for (const feature of FEATURES) {
            const targets = feature.definition?.(view, file, block.analysis, at) ?? [];
            // The origin is in this file; the target is in the draft or document it names.
            if (targets.length) return targets.map((target) => ({ ...target, originSpan: shiftSpan(target.originSpan, block.start) }));
          }
          return [];
        }) ?? []
      );
    },
    diagnostics(file, options = {}) {
      const steps = service.diagnosticsInSteps(file, options);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    },
    *diagnosticsInSteps(file, options = {}) {
      if (state.isConfigFile(file)) {
        // A problem the reader only warns about (an unknown key) stays a warning.
        return state.load().problems.flatMap((problem) =>
          state.diagnostic('config-error', problem.span ?? { start: 0, end: 0 }, problem.message).map((found) =>
            problem.severity === 'error' ? found : { ...found, severity: problem.severity },
          ),
        );
      }
      if (!options.evenIfNotSubmission && !state.isChecked(file)) return [];
      const analysis = state.analyse(file);
      if (!analysis) return [];
      const found = FEATURES.flatMap((feature) => feature.fileDiagnostics?.(view, file, analysis) ?? []);
      let work = 0;
      for (const block of analysis.blocks) {
        work += block.analysis.findings ? 1 : BLOCK_CHECK_COST;
        for (const finding of blockFindings(file, block)) found.push(shiftFinding(finding, block.start));
        if (work >= WORK_PER_STEP) {
          work = 0;
          yield;
        }
      }
      // In the order of the text (a stable sort keeps each place's findings in feature order).
      return found.sort((a, b) => a.span.start - b.span.start);
    },
    completions(file, offset) {
      return (
        inBlock(file, offset, (block, at) => {
          for (const feature of FEATURES) {
            const entries = feature.completions?.(view, file, block.analysis, at);
            if (entries?.length) return entries.map((entry) => ({ ...entry, replaceSpan: shiftSpan(entry.replaceSpan, block.start) }));
          }
          return [];
        }) ?? []
      );
    },
    codeActions(file, span, diagnostics) {
      const analysis = state.analyse(file)?.whole();
      return analysis ? FEATURES.flatMap((feature) => feature.codeActions?.(view, file, analysis, span, diagnostics) ?? []) : [];
    },
    documentLinks(file) {
      const analysis = state.analyse(file)?.whole();
      return analysis ? FEATURES.flatMap((feature) => feature.documentLinks?.(view, file, analysis) ?? []) : [];
    },
    references(file, offset, options) {
      const analysis = state.analyse(file)?.whole();
      return analysis ? FEATURES.flatMap((feature) => feature.references?.(view, file, analysis, offset, options) ?? []) : [];
    },
    documentSymbols(file) {
      const analysis = state.isChecked(file) ? state.analyse(file)?.whole() : undefined;
      return analysis ? FEATURES.flatMap((feature) => feature.documentSymbols?.(view, file, analysis) ?? []) : [];
    },
    workspaceSymbols(query) {
      return FEATURES.flatMap((feature) => feature.workspaceSymbols?.(view, query) ?? []);
    },
    codeLenses(file) {
      const analysis = state.analyse(file)?.whole();
      return analysis ? FEATURES.flatMap((feature) => feature.codeLenses?.(view, file, analysis) ?? []) : [];
    },
    alignment(olderName, newerName) {
      const older = findDraft(state.load().config.drafts, olderName);
      const newer = findDraft(state.load().config.drafts, newerName);
      const alignment = older && newer ? view.alignment(older.id, newer.id) : undefined;
      return alignment && older && newer ? { alignment, older, newer } : undefined;
    },
    compareDrafts(olderName, newerName) {
      const found = service.alignment(olderName, newerName);
      return found ? renderAlignmentReport(found.alignment, found.older.label, found.newer.label) : undefined;
    },
    auditQuotations: (file, on) => state.auditQuotations(file, on),
    citationCounts(name) {
      const info = findDraft(state.load().config.drafts, name);
      return info ? submissionCitationCounts(view, info.id) : new Map();
    },
    recommendations() {
      const current = state.currentDraft();
      const entry = current ? state.load().drafts.get(current.id) : undefined;
      return (entry?.parsed?.paragraphs ?? []).filter((paragraph) => /recommend/i.test(paragraph.subheading ?? ''));
    },
  };
  return service;
}
