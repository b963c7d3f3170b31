// VS Code's own Markdown language service (vscode-markdown-languageservice),
// in process, over an in-memory workspace as in that project's own tests, with
// markdown-it as its parser (as VS Code uses). Link and fragment validation on,
// at the levels VS Code uses once `markdown.validate.enabled` is set.
import MarkdownIt from 'markdown-it';
import { CancellationToken, Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
// The package is an ES module only: its types come in as such, its code by import().
import type {
  DiagnosticLevel,
  DiagnosticOptions,
  FileStat,
  IMdLanguageService,
  ITextDocument,
  IWorkspace,
  Token,
} from 'vscode-markdown-languageservice' with { 'resolution-mode': 'import' };
import { URI } from 'vscode-uri';

export type Peer = typeof import('vscode-markdown-languageservice', { with: { 'resolution-mode': 'import' } });

const warning = 'warning' as DiagnosticLevel;
const VALIDATION: DiagnosticOptions = {
  validateReferences: warning,
  validateFragmentLinks: warning,
  validateFileLinks: warning,
  validateMarkdownFileLinkFragments: warning,
  validateUnusedLinkDefinitions: 'hint' as DiagnosticLevel,
  validateDuplicateLinkDefinitions: warning,
  ignoreLinks: [],
};

/** Loads the peer package (an ES module) once. */
export async function loadPeer(): Promise<Peer> {
  return import('vscode-markdown-languageservice');
}

class InMemoryWorkspace implements IWorkspace {
  private readonly documents = new Map<string, TextDocument>();
  private readonly changed = new Emitter<ITextDocument>();
  private readonly created = new Emitter<ITextDocument>();
  private readonly deleted = new Emitter<URI>();
  readonly onDidChangeMarkdownDocument = this.changed.event;
  readonly onDidCreateMarkdownDocument = this.created.event;
  readonly onDidDeleteMarkdownDocument = this.deleted.event;

  constructor(private readonly root: URI) {}

  get workspaceFolders(): readonly URI[] {
    return [this.root];
  }

  async getAllMarkdownDocuments(): Promise<Iterable<ITextDocument>> {
    return this.documents.values();
  }

  hasMarkdownDocument(resource: URI): boolean {
    return this.documents.has(resource.toString());
  }

  async openMarkdownDocument(resource: URI): Promise<ITextDocument | undefined> {
    return this.documents.get(resource.toString());
  }

  async stat(resource: URI): Promise<FileStat | undefined> {
    return this.documents.has(resource.toString()) ? { isDirectory: false } : undefined;
  }

  async readDirectory(): Promise<Iterable<readonly [string, FileStat]>> {
    return [];
  }

  /** Adds or replaces a document and tells the service, as an editor's workspace does. */
  set(document: TextDocument): void {
    const known = this.documents.has(document.uri);
    this.documents.set(document.uri, document);
    (known ? this.changed : this.created).fire(document);
  }

  delete(uri: string): void {
    if (this.documents.delete(uri)) this.deleted.fire(URI.parse(uri));
  }
}

/** One Markdown document in the peer service, edited one keystroke at a time. */
export class PeerSession {
  private readonly workspace = new InMemoryWorkspace(URI.file('/peer'));
  private readonly service: IMdLanguageService;
  private document: TextDocument;

  constructor(peer: Peer, text: string, name = 'links.md') {
    const markdown = new MarkdownIt({ html: true });
    this.service = peer.createLanguageService({
      workspace: this.workspace,
      parser: { slugifier: peer.githubSlugifier, tokenize: async (document) => markdown.parse(document.getText(), {}) as Token[] },
      logger: { level: peer.LogLevel.Off, log: () => undefined },
    });
    this.document = TextDocument.create(URI.file(`/peer/${name}`).toString(), 'markdown', 1, text);
    this.workspace.set(this.document);
  }

  /** A new version with `text` put in place of the `length` characters at `offset`. */
  edit(offset: number, length: number, text: string): void {
    const range = { start: this.document.positionAt(offset), end: this.document.positionAt(offset + length) };
    this.document = TextDocument.update(this.document, [{ range, text }], this.document.version + 1);
    this.workspace.set(this.document);
  }

  diagnostics() {
    return this.service.computeDiagnostics(this.document, VALIDATION, CancellationToken.None);
  }

  dispose(): void {
    this.workspace.delete(this.document.uri);
    this.service.dispose();
  }
}
