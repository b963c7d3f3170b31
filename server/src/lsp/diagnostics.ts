// Diagnostics reach the client in one of two ways. A client that declares
// textDocument/diagnostic (LSP 3.17, as VS Code's does) pulls them for the
// documents it shows, and is asked to pull again (workspace/diagnostic/refresh)
// when a draft or the configuration changes. Any other client gets them
// published (textDocument/publishDiagnostics) after each change. A
// configuration file that is not open is always published: nobody pulls it.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { Diagnostic, DocumentDiagnosticReportKind, DocumentDiagnosticRequest, FullDocumentDiagnosticReport } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/config';
import { LineMap } from '../core/lines';
import { fileOf, toDiagnostic } from './convert';
import { ServerContext } from './context';
import { documentParams } from './requests';

export interface DiagnosticsChannel {
  /** The text of an open document changed. */
  documentChanged(uri: string): void;
  /** A document was opened (a configuration file opened starts being pulled). */
  documentOpened(uri: string): void;
  /** A document was closed; `checked`: the service still checks the file on disk. */
  documentClosed(uri: string, checked: boolean): void;
  /** Drafts or configuration changed: every document's diagnostics may differ. */
  refreshAll(): void;
  /** One document's findings changed without an edit (Check All Quotations). */
  refreshDocument(uri: string): void;
}

export function createDiagnostics(ctx: ServerContext): DiagnosticsChannel {
  const { connection, documents, folders } = ctx;

  function diagnosticsOf(uri: string): Diagnostic[] | undefined {
    const file = fileOf(uri);
    const text = ctx.textOf(file);
    if (text === undefined) return undefined;
    const lines = new LineMap(text);
    return folders.route(file).service.diagnostics(file).map((found) => toDiagnostic(lines, found));
  }

  function publish(uri: string) {
    const diagnostics = diagnosticsOf(uri);
    if (diagnostics) connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics });
  }

  /** The configuration files of the folders that are not open: published in either mode. */
  function publishClosedConfigFiles() {
    for (const { root, service } of folders.all()) {
      const { config, problems } = service.configuration();
      const uri = URI.file(config.file ?? path.join(root, CONFIG_FILE_NAME)).toString();
      if (!documents.get(uri) && (config.origin === 'file' || problems.length > 0)) publish(uri);
    }
  }

  // Registered whatever the client declared: a client that pulls without saying so is answered too.
  ctx.registrar.request(DocumentDiagnosticRequest.method, documentParams, async ({ textDocument }): Promise<FullDocumentDiagnosticReport> => {
    // The first diagnostics have the severities the user chose: wait for the settings (settingsReady is bounded).
    await ctx.settingsReady;
    return { kind: DocumentDiagnosticReportKind.Full, items: (documents.get(textDocument.uri) && diagnosticsOf(textDocument.uri)) || [] };
  });

  const pull = () => ctx.client.pullDiagnostics;
  const refreshPulled = () => {
    if (ctx.client.refreshDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
  };

  return {
    documentChanged(uri) {
      if (!pull()) publish(uri);
    },
    documentOpened(uri) {
      // A configuration file was published while closed: clear that, the client pulls it now.
      if (pull() && folders.isConfigFile(fileOf(uri))) connection.sendDiagnostics({ uri, diagnostics: [] });
    },
    documentClosed(uri, checked) {
      const isConfig = folders.isConfigFile(fileOf(uri));
      if (pull() && isConfig) publish(uri);
      else if (!pull() && !checked && !isConfig) connection.sendDiagnostics({ uri, diagnostics: [] });
    },
    refreshAll() {
      if (pull()) refreshPulled();
      else for (const document of documents.all()) publish(document.uri);
      publishClosedConfigFiles();
    },
    refreshDocument(uri) {
      if (pull()) refreshPulled();
      else publish(uri);
    },
  };
}
