// What the server tells the user beside diagnostics: each folder's current
// draft (the status bar), a broken configuration file and a current-draft
// setting naming no draft (each said once, until it changes).
import * as path from 'path';
import { Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { StatusNotification, StatusParams } from '../protocol';
import { Folder, Folders } from './folders';

export interface StatusReporter {
  /** Sends every folder's status and the alerts that are new. */
  report(): void;
}

export function createStatusReporter(connection: Connection, folders: Folders): StatusReporter {
  const configAlerts = new Map<string, string>();
  const currentDraftAlerts = new Map<string, string>();

  function status({ uri, service }: Folder): StatusParams {
    const current = service.currentDraft();
    const summary = service.drafts().find((draft) => draft.id === current?.id);
    return {
      folder: uri,
      currentDraft: current && summary ? { id: current.id, label: current.label, paragraphCount: summary.paragraphCount } : undefined,
      draftCount: service.drafts().filter((draft) => draft.indexed).length,
      configProblems: service.configuration().problems.length,
    };
  }

  function alertOnBrokenConfig({ root, service }: Folder) {
    const { config, problems } = service.configuration();
    const configFile = config.file ?? path.join(root, 'oewg-cite.json');
    const errors = problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
    const key = errors.length ? `${configFile}\n${errors.join('\n')}` : '';
    if (key && key !== configAlerts.get(root)) {
      // A notification, not a request: nothing waits for the user to dismiss it.
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Error,
        message: `oewg-cite: ${path.basename(configFile)} has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors[0]}${errors.length > 1 ? ' …' : ''} (see the Problems panel; defaults are used meanwhile)`,
      });
    }
    configAlerts.set(root, key);
  }

  /** "oewgCite.currentDraft" naming no draft of the folder: said once, and which draft is used instead. */
  function alertOnUnknownCurrentDraft({ root, service, userSettings }: Folder) {
    const wanted = userSettings.currentDraft;
    const unknown = wanted && !service.draft(wanted) ? wanted : '';
    if (unknown && unknown !== currentDraftAlerts.get(root)) {
      const known = service.drafts().filter((draft) => draft.indexed).map((draft) => draft.label).join(', ') || 'none is indexed';
      const used = service.currentDraft();
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `oewg-cite: the setting oewgCite.currentDraft names "${unknown}", which is not a draft of ${folders.workspaceFolders().length > 1 ? `the folder ${path.basename(root)}` : 'this workspace'} (${known})${used ? `; the ${used.label} is used instead` : ''}. Choose one with "OEWG: Select Current Draft".`,
      });
    }
    currentDraftAlerts.set(root, unknown);
  }

  return {
    report() {
      for (const folder of folders.all()) {
        alertOnBrokenConfig(folder);
        alertOnUnknownCurrentDraft(folder);
        void connection.sendNotification(StatusNotification.method, status(folder));
      }
    },
  };
}
