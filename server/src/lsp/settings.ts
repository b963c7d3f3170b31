// The user's settings (`oewgCite.*`) as the client gives them, kept only
// where they are well-formed: a misspelt value is left out, not taken as none.
import { UserSettings } from './folders';

/** What `oewgCite.severity` may say of a code. */
const SEVERITY_NAMES: readonly unknown[] = ['error', 'warning', 'information', 'hint', 'off'];

export function readUserSettings(value: unknown): UserSettings {
  const settings = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const severity = settings.severity && typeof settings.severity === 'object' ? Object.entries(settings.severity) : [];
  return {
    severity: Object.fromEntries(severity.filter(([, name]) => SEVERITY_NAMES.includes(name))) as UserSettings['severity'],
    draftGlobs: Array.isArray(settings.draftGlobs) && settings.draftGlobs.every((glob) => typeof glob === 'string') ? settings.draftGlobs : undefined,
    currentDraft: typeof settings.currentDraft === 'string' && settings.currentDraft.trim() ? settings.currentDraft.trim() : undefined,
    maxDraftSizeMB: positive(settings.maxDraftSizeMB),
    maxWordXmlMB: positive(settings.maxWordXmlMB),
  };
}

/** A size limit in MB: a number above 0, else the default. */
function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
