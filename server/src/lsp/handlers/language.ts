// The standard LSP requests on a document: find the document, ask the
// service of its folder, convert the answer.
import {
  CodeAction,
  CodeActionRequest,
  CodeLens,
  CodeLensRequest,
  CompletionItem,
  CompletionRequest,
  DefinitionRequest,
  DocumentLink,
  DocumentLinkRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  Hover,
  HoverRequest,
  Location,
  LocationLink,
  ReferencesRequest,
  SymbolInformation,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { LineMap } from '../../core/lines';
import { MAX_WORKSPACE_SYMBOLS } from '../../core/navigationFeature';
import { SHOW_REFERENCES_COMMAND } from '../../protocol';
import { lineMapOf, ServerContext } from '../context';
import { documentUri, fileOf, SYMBOL_KIND, toCodeAction, toCompletionItem, toDocumentSymbol, toHover, toLocations, toRange, toSpan } from '../convert';
import { codeActionParams, documentParams, positionParams, referenceParams, workspaceSymbolParams } from '../requests';

export function registerLanguageHandlers(ctx: ServerContext): void {
  const { registrar, documents, folders, linesOf } = ctx;

  /** The open document of a request, its file, service and lines; undefined when the document is not open. */
  function open(uri: string): { document: TextDocument; file: string; service: ReturnType<typeof folders.route>['service']; lines: LineMap } | undefined {
    const document = documents.get(uri);
    if (!document) return undefined;
    const file = fileOf(uri);
    return { document, file, service: folders.route(file).service, lines: lineMapOf(document) };
  }

  registrar.request(HoverRequest.method, positionParams, ({ textDocument, position }): Hover | null => {
    const at = open(textDocument.uri);
    const found = at?.service.hover(at.file, at.lines.offsetAt(position));
    return at && found ? toHover(at.lines, found) : null;
  });

  registrar.request(DefinitionRequest.method, positionParams, ({ textDocument, position }): LocationLink[] | null => {
    const at = open(textDocument.uri);
    if (!at) return null;
    const targetLines = new Map<string, LineMap>();
    return at.service.definition(at.file, at.lines.offsetAt(position)).map((target): LocationLink => {
      let lines = targetLines.get(target.file);
      if (!lines) targetLines.set(target.file, (lines = new LineMap(documents.get(URI.file(target.file).toString())?.getText() ?? ctx.fileSystem.readFile(target.file) ?? '')));
      return {
        originSelectionRange: toRange(at.lines, target.originSpan),
        targetUri: documentUri(target.file),
        targetRange: toRange(lines, target.span),
        targetSelectionRange: toRange(lines, target.selectionSpan),
      };
    });
  });

  registrar.request(CompletionRequest.method, positionParams, ({ textDocument, position }): CompletionItem[] => {
    const at = open(textDocument.uri);
    return at ? at.service.completions(at.file, at.lines.offsetAt(position)).map((entry) => toCompletionItem(at.lines, entry)) : [];
  });

  registrar.request(CodeActionRequest.method, codeActionParams, ({ textDocument, range, context }): CodeAction[] => {
    const at = open(textDocument.uri);
    if (!at) return [];
    const span = toSpan(at.lines, range);
    const overlapping = at.service.diagnostics(at.file).filter((found) => found.span.start <= span.end && found.span.end >= span.start);
    const actions = at.service.codeActions(at.file, span, overlapping).map((action) => toCodeAction(at.file, action, linesOf));
    // The editor asks for one family at a time ("Source Action…" asks for source.*): answer only that.
    const only = context.only;
    return only?.length ? actions.filter((action) => only.some((kind) => action.kind === kind || action.kind!.startsWith(`${kind}.`))) : actions;
  });

  registrar.request(DocumentLinkRequest.method, documentParams, ({ textDocument }): DocumentLink[] => {
    const at = open(textDocument.uri);
    if (!at) return [];
    return at.service
      .documentLinks(at.file)
      .map((link) => ({ range: toRange(at.lines, link.span), target: /^[a-z]+:\/\//.test(link.target) ? link.target : documentUri(link.target), tooltip: link.tooltip }));
  });

  registrar.request(ReferencesRequest.method, referenceParams, ({ textDocument, position, context }): Location[] => {
    const at = open(textDocument.uri);
    if (!at) return [];
    return toLocations(at.service.references(at.file, at.lines.offsetAt(position), { includeDeclaration: context?.includeDeclaration }), linesOf);
  });

  registrar.request(DocumentSymbolRequest.method, documentParams, ({ textDocument }): DocumentSymbol[] => {
    const at = open(textDocument.uri);
    return at ? at.service.documentSymbols(at.file).map((symbol) => toDocumentSymbol(at.lines, symbol)) : [];
  });

  registrar.request(WorkspaceSymbolRequest.method, workspaceSymbolParams, ({ query }): SymbolInformation[] => {
    const found = folders
      .all()
      .flatMap(({ service }) => service.workspaceSymbols(query))
      .slice(0, MAX_WORKSPACE_SYMBOLS);
    const locations = toLocations(found, linesOf);
    return found.map((symbol, i) => ({ name: symbol.name, kind: SYMBOL_KIND[symbol.kind], containerName: symbol.containerName, location: locations[i] }));
  });

  registrar.request(CodeLensRequest.method, documentParams, ({ textDocument }): CodeLens[] => {
    const at = open(textDocument.uri);
    if (!at) return [];
    return at.service.codeLenses(at.file).map((lens) => ({
      range: toRange(at.lines, lens.span),
      // Nothing to open: a title without a command, which VS Code shows as plain text.
      command: lens.references.length
        ? { title: lens.title, command: SHOW_REFERENCES_COMMAND, arguments: [textDocument.uri, at.lines.positionAt(lens.position), toLocations(lens.references, linesOf)] }
        : { title: lens.title, command: '' },
    }));
  });
}
