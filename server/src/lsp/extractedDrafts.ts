// PDF and Word drafts: their text is read (asynchronously) into the
// extraction cache before the synchronous services read it. This module reads
// the drafts of every folder that are new or changed on disk, one refresh at a
// time, tells the client that a draft's text view is out of date, and says
// once why a draft cannot be read or seems misread.
import { Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { ExtractionCache, ExtractionProgress, extractionProgressMessage, refreshExtractedDrafts } from '../core/draftExtraction';
import { DraftTextChangedNotification } from '../protocol';
import { documentUri } from './convert';
import { Folders } from './folders';

export interface ExtractedDraftRefresher {
  /** Reads the new or changed PDF/Word drafts of every folder; true when a draft's text changed. */
  refresh(): Promise<boolean>;
}

export function createExtractedDraftRefresher(connection: Connection, extractions: ExtractionCache, folders: Folders, showsProgress: () => boolean): ExtractedDraftRefresher {
  let refreshing: Promise<boolean> = Promise.resolve(false);
  /** What was last said about each draft, so that it is said once. */
  const announced = new Map<string, string>();

  /**
   * "Reading 3 of 12 PDF/Word drafts…" in the editor (LSP work-done progress),
   * begun when a file first needs reading and ended when the refresh is done.
   */
  function progressReporter() {
    let reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
    return {
      report(progress: ExtractionProgress) {
        if (!showsProgress()) return;
        const message = extractionProgressMessage(progress);
        const percentage = progress.total ? Math.round((100 * progress.done) / progress.total) : undefined;
        if (!reporter) {
          reporter = connection.window
            .createWorkDoneProgress()
            .then((created) => (created.begin('OEWG Cite', percentage, message), created))
            .catch(() => undefined);
        } else void reporter.then((created) => created?.report(percentage ?? 0, message));
      },
      done() {
        void reporter?.then((created) => created?.done());
      },
    };
  }

  async function refreshAll(): Promise<boolean> {
    let changed = false;
    const progress = progressReporter();
    try {
      for (const { service } of folders.all()) {
        for (const file of await refreshExtractedDrafts(service, extractions, { onProgress: (step) => progress.report(step) })) {
          changed = true;
          void connection.sendNotification(DraftTextChangedNotification.method, { uri: documentUri(file) });
          const entry = extractions.get(file);
          const news = [entry?.error, ...(entry?.warnings ?? [])].filter((message): message is string => !!message).join('\n');
          if (news && announced.get(file) !== news) {
            const message = entry?.error ? `oewg-cite: ${entry.error}. Its citations are reported as not indexed; the other drafts are checked as usual.` : `oewg-cite: ${news}`;
            void connection.sendNotification(ShowMessageNotification.type, { type: entry?.error ? MessageType.Error : MessageType.Warning, message });
          }
          announced.set(file, news);
        }
      }
    } finally {
      progress.done();
    }
    return changed;
  }

  return {
    refresh() {
      // One failed refresh must not stop the next ones.
      refreshing = refreshing.catch(() => false).then(refreshAll);
      return refreshing;
    },
  };
}
