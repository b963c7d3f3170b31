// The state of one workspace: its configuration, its drafts and reference
// documents, the editor's open documents, and everything computed from them.
// Whatever depends on the drafts, the configuration or the settings lives in
// one generation (`Loaded`), made on first use and dropped as a whole when
// any of them changes; what depends only on a draft's text (its parse, the
// alignment of two parses, a quotation index) is kept by that text across
// generations. The features read it through the read-only WorkspaceView.
import * as path from 'path';
import { Alignment, alignDrafts } from './alignment';
import { Analyser, FileAnalysis } from './analysis';
import { documentNames, readReferences, ReferenceDocument } from './catalogue';
import { CONFIG_FILE_NAME, ConfigProblem, configFromDraftFiles, DEFAULT_DRAFT_GLOBS, findDraft, OewgConfig, parseConfig } from './config';
import { configFileProblems } from './configChecks';
import { parseDraft } from './draftParser';
import type { DraftEntry, WorkspaceView } from './features';
import { CoreDiagnostic, DraftInfo, Paragraph, ParsedDraft, Severity, Span } from './model';
import { createQuotationIndex, QuotationIndex } from './quotations';
import { guardedFileSystem } from './readPolicy';
import { FileSystem, matchesGlobs } from './workspace';

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
  /** Largest draft, reference or text file read, in MB (default 50); a PDF or Word file too. */
  maxDraftSizeMB?: number;
  /** Largest total of XML a Word draft may inflate to, in MB (default 200). */
  maxWordXmlMB?: number;
  /**
   * False in an untrusted workspace: paths outside the workspace root and PDF
   * or Word drafts are not read (see readPolicy.ts). Default true (the CLI).
   */
  trusted?: boolean;
}

interface Loaded {
  config: OewgConfig;
  /** The current draft, chosen once per generation (the settings and the configuration decide it). */
  current: DraftInfo | undefined;
  problems: ConfigProblem[];
  drafts: Map<string, DraftEntry>;
  /** The draft each file is, by its resolved path (a lookup on every request, not a walk of the drafts). */
  draftsByFile: Map<string, DraftEntry>;
  references: ReferenceDocument[];
  analyser: Analyser;
  alignments: Map<string, Alignment | undefined>;
  quotationIndexes: Map<string, QuotationIndex | undefined>;
}

export class WorkspaceState {
  private _settings: ServiceSettings;
  private readonly fs: FileSystem;
  private readonly documents = new Map<string, { text: string; version: number }>();
  private loaded: Loaded | undefined;
  private readonly audited = new Set<string>();
  /** The files the submission globs match, until the configuration changes or a file comes or goes. */
  private submissionList: string[] | undefined;
  /** The last parse of each draft file: kept across generations while the text stays the same. */
  private readonly parsedDrafts = new Map<string, { text: string; parsed: ParsedDraft; byNumber: Map<string, Paragraph> }>();
  private readonly alignmentsByDrafts = new WeakMap<ParsedDraft, WeakMap<ParsedDraft, Alignment>>();
  private readonly quotationIndexesByDraft = new WeakMap<ParsedDraft, QuotationIndex>();
  readonly view: WorkspaceView;

  constructor(
    files: FileSystem,
    readonly root: string,
    settings: ServiceSettings,
    /** Every diagnostic code the features report, with its default severity. */
    private readonly defaultSeverity: Readonly<Record<string, Severity>>,
  ) {
    this._settings = settings;
    // Only regular files, within the size limits, and in an untrusted workspace nothing outside it.
    this.fs = guardedFileSystem(files, root, () => this._settings);
    this.view = this.makeView();
  }

  get settings(): ServiceSettings {
    return this._settings;
  }

  // ---------- what the editor and the file system say ----------

  setDocument(file: string, text: string, version: number): void {
    // Opening a draft or the configuration (its text as on disk) changes nothing.
    const unchanged = this.textOf(file) === text;
    this.documents.set(file, { text, version });
    if (!unchanged && this.isDraftOrConfig(file)) this.invalidate();
  }

  closeDocument(file: string): void {
    const wasDraft = this.isDraftOrConfig(file);
    const editorText = this.documents.get(file)?.text;
    this.documents.delete(file);
    this.loaded?.analyser.forget(file);
    if (wasDraft && editorText !== this.fs.readFile(file)) this.invalidate();
  }

  fileChanged(file: string): void {
    this.submissionList = undefined;
    if (this.documents.has(file) && !this.isDraftOrConfig(file)) return;
    if (this.isDraftOrConfig(file) || matchesGlobs(this.root, file, this.draftGlobs())) this.invalidate();
  }

  updateSettings(settings: ServiceSettings): void {
    this._settings = settings;
    this.invalidate();
  }

  auditQuotations(file: string, on: boolean): void {
    if (on) this.audited.add(file);
    else this.audited.delete(file);
  }

  textOf(file: string): string | undefined {
    return this.documents.get(file)?.text ?? this.fs.readFile(file);
  }

  // ---------- the configuration and the drafts ----------

  load(): Loaded {
    if (this.loaded) return this.loaded;
    const { fs, root, settings } = this;
    const problems: ConfigProblem[] = [];
    let config: OewgConfig;
    let references: ReferenceDocument[] = [];
    const configText = fs.readFile(this.configPath());
    if (configText !== undefined) {
      const result = parseConfig(configText, this.configPath());
      config = result.config;
      const read = readReferences(configText, config.root);
      references = read.references;
      problems.push(...result.problems, ...read.problems);
    } else if (settings.configFile) {
      config = configFromDraftFiles(root, [], 'arguments');
      problems.push({ message: `cannot read the configuration file ${settings.configFile}`, severity: 'error' });
    } else if (settings.draftFiles?.length) {
      config = configFromDraftFiles(root, settings.draftFiles.map((file) => path.resolve(root, file)), 'arguments');
    } else {
      config = configFromDraftFiles(root, fs.findFiles(root, this.draftGlobs()), 'discovered');
    }
    // A draft is read and parsed when something first asks for it, not all at start.
    const drafts = new Map<string, DraftEntry>();
    // A file is read and parsed once however many drafts name it.
    const contents = new Map<string, () => Omit<DraftEntry, 'info'>>();
    for (const info of config.drafts) drafts.set(info.id, this.lazyDraft(info, contents));
    const current = this.chooseCurrent(config);
    const analyser = new Analyser({
      drafts: config.drafts,
      current,
      // The draft and document names are part of what the scanner recognises.
      scan: { draftNames: config.drafts.flatMap((draft) => [draft.label, ...draft.aliases]), documentNames: documentNames(references) },
    });
    let checked: ConfigProblem[] | undefined;
    const diagnosticCodes = Object.keys(this.defaultSeverity);
    this.loaded = {
      config,
      current,
      // Whether each draft's path can be read is known only once it is read: asked for, the drafts are read.
      get problems() {
        return (checked ??= [...problems, ...(configText !== undefined ? configFileProblems(configText, drafts, diagnosticCodes) : [])]);
      },
      drafts,
      // The first draft naming a file is the one it is, as a walk of the list in order would find.
      draftsByFile: new Map([...drafts.values()].reverse().flatMap((entry) => (entry.info.path ? [[path.resolve(entry.info.path), entry] as const] : []))),
      references,
      analyser,
      alignments: new Map(),
      quotationIndexes: new Map(),
    };
    return this.loaded;
  }

  private lazyDraft(info: DraftInfo, contents: Map<string, () => Omit<DraftEntry, 'info'>>): DraftEntry {
    let content = info.path !== undefined ? contents.get(info.path) : undefined;
    if (!content) {
      let read: Omit<DraftEntry, 'info'> | undefined;
      content = () => (read ??= this.readDraft(info));
      if (info.path !== undefined) contents.set(info.path, content);
    }
    const shared = content;
    return {
      info,
      get parsed() {
        return shared().parsed;
      },
      get error() {
        return shared().error;
      },
      get byNumber() {
        return shared().byNumber;
      },
    };
  }

  private readDraft(info: DraftInfo): Omit<DraftEntry, 'info'> {
    if (!info.path) return { byNumber: new Map() };
    const text = this.textOf(info.path);
    if (text === undefined) return { error: this.fs.readError?.(info.path) ?? `cannot read ${info.path}`, byNumber: new Map() };
    // The same text parses to the same object, so that what hangs on it
    // (alignments, quotation indexes) outlives a reload that changed nothing
    // in this draft: opening it in the editor, saving another file.
    const known = this.parsedDrafts.get(info.path);
    if (known?.text === text) return { parsed: known.parsed, byNumber: known.byNumber };
    const parsed = parseDraft(text);
    const byNumber = new Map(parsed.paragraphs.map((paragraph) => [paragraph.number, paragraph]));
    this.parsedDrafts.set(info.path, { text, parsed, byNumber });
    return { parsed, byNumber };
  }

  draftEntries(): DraftEntry[] {
    return [...this.load().drafts.values()];
  }

  currentDraft(): DraftInfo | undefined {
    return this.load().current;
  }

  private chooseCurrent(config: OewgConfig): DraftInfo | undefined {
    const wanted = this.settings.currentDraft ?? config.current;
    const chosen = wanted ? findDraft(config.drafts, wanted) : undefined;
    if (chosen?.path) return chosen;
    return [...config.drafts].reverse().find((draft) => draft.path);
  }

  draftForFile(file: string): DraftEntry | undefined {
    return this.load().draftsByFile.get(path.resolve(file));
  }

  isDraft(file: string): boolean {
    return this.draftForFile(file) !== undefined;
  }

  isConfigFile(file: string): boolean {
    return path.basename(file) === CONFIG_FILE_NAME || (this.settings.configFile !== undefined && samePath(file, this.settings.configFile));
  }

  isSubmission(file: string): boolean {
    const { config } = this.load();
    if (this.isDraft(file) || this.isConfigFile(file)) return false;
    if (!/\.(md|markdown|txt)$/i.test(file)) return false;
    return matchesGlobs(config.root, file, config.submissions);
  }

  isChecked(file: string): boolean {
    return this.isSubmission(file) || this.isDraft(file);
  }

  submissionFiles(): string[] {
    // A walk of the workspace: once per configuration, and again when a file is created or deleted.
    if (!this.submissionList) {
      const { config } = this.load();
      this.submissionList = this.fs.findFiles(config.root, config.submissions).filter((file) => this.isSubmission(file));
    }
    return this.submissionList;
  }

  /** The severity of a diagnostic code: the user's choice, else the configuration's, else the default. */
  severityOf(code: string): Severity | 'off' {
    return this.settings.severity?.[code] ?? this.load().config.severity[code] ?? this.defaultSeverity[code] ?? 'warning';
  }

  diagnostic(code: string, span: Span, message: string, data?: unknown): CoreDiagnostic[] {
    const severity = this.severityOf(code);
    return severity === 'off' ? [] : [{ code, span, severity, message, data }];
  }

  // ---------- analyses ----------

  /** The analysis of a file's current text (open in the editor or on disk). */
  analyse(file: string): FileAnalysis | undefined {
    const text = this.textOf(file);
    if (text === undefined) return undefined;
    return this.load().analyser.analyse(file, text, this.draftForFile(file), this.audited.has(file));
  }

  /** Whether the file is one the analyses depend on: the configuration, a draft, a reference document. */
  private isDraftOrConfig(file: string): boolean {
    if (this.isConfigFile(file)) return true;
    if (!this.loaded) return false;
    return this.isDraft(file) || this.loaded.references.some((reference) => reference.path !== undefined && samePath(reference.path, file));
  }

  private draftGlobs(): string[] {
    return this.settings.draftGlobs?.length ? this.settings.draftGlobs : DEFAULT_DRAFT_GLOBS;
  }

  private configPath(): string {
    return this.settings.configFile ?? path.join(this.root, CONFIG_FILE_NAME);
  }

  private invalidate(): void {
    this.loaded = undefined;
    this.submissionList = undefined;
  }

  private makeView(): WorkspaceView {
    // The view is handed to the features: arrow functions keep `this` the state's.
    const load = () => this.load();
    return {
      get config() {
        return load().config;
      },
      get configProblems() {
        return load().problems;
      },
      get references() {
        return load().references;
      },
      currentDraft: () => this.currentDraft(),
      draftEntry: (id) => this.load().drafts.get(id),
      draftEntries: () => this.draftEntries(),
      alignment: (olderId, newerId) => this.alignment(olderId, newerId),
      quotationIndex: (draftId) => this.quotationIndex(draftId),
      diagnostic: (code, span, message, data) => this.diagnostic(code, span, message, data),
      textOf: (file) => this.textOf(file),
      analyse: (file) => this.analyse(file)?.whole(),
      checkedFiles: () => [...new Set([...this.submissionFiles(), ...this.draftEntries().flatMap((entry) => (entry.parsed && entry.info.path ? [entry.info.path] : []))])],
      auditsQuotations: (file) => this.audited.has(file),
    };
  }

  private alignment(olderId: string, newerId: string): Alignment | undefined {
    const { alignments, drafts } = this.load();
    const key = `${olderId}\n${newerId}`;
    if (!alignments.has(key)) {
      const older = drafts.get(olderId)?.parsed;
      const newer = drafts.get(newerId)?.parsed;
      let alignment: Alignment | undefined;
      if (older && newer) {
        const byNewer = this.alignmentsByDrafts.get(older) ?? new WeakMap<ParsedDraft, Alignment>();
        this.alignmentsByDrafts.set(older, byNewer);
        alignment = byNewer.get(newer) ?? alignDrafts(older, newer);
        byNewer.set(newer, alignment);
      }
      alignments.set(key, alignment);
    }
    return alignments.get(key);
  }

  private quotationIndex(draftId: string): QuotationIndex | undefined {
    const { quotationIndexes, drafts } = this.load();
    if (!quotationIndexes.has(draftId)) {
      const parsed = drafts.get(draftId)?.parsed;
      let index: QuotationIndex | undefined;
      if (parsed) {
        index = this.quotationIndexesByDraft.get(parsed) ?? createQuotationIndex(parsed.paragraphs);
        this.quotationIndexesByDraft.set(parsed, index);
      }
      quotationIndexes.set(draftId, index);
    }
    return quotationIndexes.get(draftId);
  }
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}
