// Diagnostics reach the client in one of two ways. A client that declares
// textDocument/diagnostic (LSP 3.17, as VS Code's does) pulls them for the
// documents it shows, and is asked to pull again (workspace/diagnostic/refresh)
// when a draft or the configuration changes. Any other client gets them
// published (textDocument/publishDiagnostics) after each change. A
// configuration file that is not open is always published: nobody pulls it.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { Diagnostic, DocumentDiagnosticReportKind, DocumentDiagnosticRequest, FullDocumentDiagnosticReport, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/config';
import { LineMap } from '../core/lines';
import { fileOf, toDiagnostic } from './convert';
import { ServerContext } from './context';
import { documentParams } from './requests';
import { WORD_SUBMISSION_SCHEME } from '../protocol';

/** How long diagnostics run before the event loop gets a turn (a request waiting behind them waits at most about this). */
const SLICE_MS = 8;

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

  /**
   * A document's diagnostics, computed in slices of a few milliseconds with
   * the event loop free in between, so that a hover sent right after a
   * keystroke is answered before the keystroke's diagnostics are done; given
   * up (undefined) as soon as `stale()` says the answer is no longer wanted.
   */
  async function diagnosticsOf(uri: string, stale: () => boolean): Promise<Diagnostic[] | undefined> {
    const file = fileOf(uri);
    // A Word submission's view is checked as a submission, whatever the submission globs say.
    const wordView = URI.parse(uri).scheme === WORD_SUBMISSION_SCHEME;
    const text = wordView ? documents.get(uri)?.getText() : ctx.textOf(file);
    if (text === undefined) return undefined;
    const steps = folders.route(file).service.diagnosticsInSteps(file, { evenIfNotSubmission: wordView });
    let sliceEnd = Date.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) {
        const lines = new LineMap(text);
        return step.value.map((found) => toDiagnostic(lines, found));
      }
      if (Date.now() >= sliceEnd) {
        await new Promise((resolve) => setImmediate(resolve));
        if (stale()) return undefined;
        sliceEnd = Date.now() + SLICE_MS;
      }
    }
  }

  /** The publication under way for each document: a newer one replaces it. */
  const publishing = new Map<string, { replaced: boolean }>();

  function publish(uri: string) {
    const previous = publishing.get(uri);
    if (previous) previous.replaced = true;
    const run = { replaced: false };
    publishing.set(uri, run);
    const version = documents.get(uri)?.version;
    const stale = () => run.replaced || documents.get(uri)?.version !== version;
    diagnosticsOf(uri, stale)
      .then((diagnostics) => {
        if (diagnostics && !stale()) connection.sendDiagnostics({ uri, version, diagnostics });
      })
      .catch((error) => connection.console.error(`diagnostics of ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => {
        if (publishing.get(uri) === run) publishing.delete(uri);
      });
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
  ctx.registrar.request(DocumentDiagnosticRequest.method, documentParams, async ({ textDocument }, token): Promise<FullDocumentDiagnosticReport> => {
    // The first diagnostics have the severities the user chose: wait for the settings (settingsReady is bounded).
    await ctx.settingsReady;
    const { uri } = textDocument;
    if (!documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = documents.get(uri)?.version;
    const changed = () => documents.get(uri)?.version !== version;
    const items = await diagnosticsOf(uri, () => token.isCancellationRequested || changed());
    if (items) return { kind: DocumentDiagnosticReportKind.Full, items };
    // The client asks again for the new text (LSP 3.17: ServerCancelled with retriggerRequest).
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'textDocument/diagnostic: cancelled');
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'textDocument/diagnostic: the document changed', { retriggerRequest: true });
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
