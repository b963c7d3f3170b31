// Folder routing by URI: one language service per workspace folder, and a
// document served by the folder that contains it (the deepest one). Folders
// come and go with workspace/didChangeWorkspaceFolders. A file opened outside
// every workspace folder is served by a service of its own folder, dropped
// when a workspace folder that contains it is added.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAME } from '../core/config';
import { createLanguageService, LanguageService, ServiceSettings } from '../core/languageService';
import { FileSystem } from '../core/workspace';

/** What the user chose in the editor's settings (`oewgCite.*`) for one folder. */
export type UserSettings = Pick<ServiceSettings, 'severity' | 'draftGlobs' | 'currentDraft' | 'maxDraftSizeMB' | 'maxWordXmlMB'>;

export interface Folder {
  root: string;
  /** The folder's URI, as the client names it. */
  uri: string;
  /** A workspace folder; false for the folder of a file opened outside every workspace folder. */
  workspace: boolean;
  service: LanguageService;
  userSettings: UserSettings;
}

export interface FolderOptions {
  /** An explicit configuration file (`--config`): the configuration of the folder that contains it, or of every folder when none does. */
  configFile?: string;
  /** Whether the user trusts the workspace (undefined: the editor has no notion of trust). */
  trusted?: boolean;
}

export function isInside(file: string, root: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

export class Folders {
  private readonly byRoot = new Map<string, Folder>();
  private trusted: boolean | undefined;
  private readonly configFile: string | undefined;

  constructor(
    private readonly fileSystem: FileSystem,
    options: FolderOptions = {},
  ) {
    this.trusted = options.trusted;
    this.configFile = options.configFile ? path.resolve(options.configFile) : undefined;
  }

  /** The workspace folders, in the order they were added. */
  workspaceFolders(): Folder[] {
    return [...this.byRoot.values()].filter((folder) => folder.workspace);
  }

  /** Every folder with a service: the workspace folders, then those of files outside them. */
  all(): Folder[] {
    return [...this.workspaceFolders(), ...[...this.byRoot.values()].filter((folder) => !folder.workspace)];
  }

  /** Adds a workspace folder; the services of files outside the workspace that it contains are dropped. */
  add(root: string, uri = URI.file(root).toString()): Folder {
    root = path.resolve(root);
    const known = this.byRoot.get(root);
    if (known?.workspace) return known;
    for (const folder of [...this.byRoot.values()]) if (!folder.workspace && isInside(folder.root, root)) this.byRoot.delete(folder.root);
    return this.create(root, uri, true);
  }

  remove(root: string): boolean {
    root = path.resolve(root);
    return this.byRoot.get(root)?.workspace === true && this.byRoot.delete(root);
  }

  /** Drops the service of a folder outside the workspace (its last open document was closed). */
  dropOutside(folder: Folder): void {
    if (!folder.workspace) this.byRoot.delete(folder.root);
  }

  /** The workspace folder that contains `file` (the deepest one). */
  containing(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.byRoot.values()) {
      if (folder.workspace && isInside(file, folder.root) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    return best;
  }

  /** The folder that serves `file`: its workspace folder, or the file's own folder when it is in none. */
  route(file: string): Folder {
    const folder = this.containing(file);
    if (folder) return folder;
    let best: Folder | undefined;
    for (const loose of this.byRoot.values()) if (!loose.workspace && isInside(file, loose.root) && (!best || loose.root.length > best.root.length)) best = loose;
    if (best) return best;
    const root = path.dirname(file);
    return this.create(root, URI.file(root).toString(), false);
  }

  isInWorkspace(file: string): boolean {
    return this.containing(file) !== undefined;
  }

  /** Whether `file` configures a folder: an oewg-cite.json, or the explicit configuration file. */
  isConfigFile(file: string): boolean {
    return path.basename(file) === CONFIG_FILE_NAME || (this.configFile !== undefined && path.resolve(file) === this.configFile);
  }

  /** The explicit configuration file's path, to watch it. */
  explicitConfigFile(): string | undefined {
    return this.configFile;
  }

  setUserSettings(folder: Folder, settings: UserSettings): void {
    folder.userSettings = settings;
    folder.service.updateSettings(this.settingsOf(folder));
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    for (const folder of this.byRoot.values()) folder.service.updateSettings(this.settingsOf(folder));
  }

  private settingsOf(folder: Pick<Folder, 'root' | 'userSettings'>): ServiceSettings {
    const configFile = this.configFile && (isInside(this.configFile, folder.root) || !this.containing(this.configFile)) ? this.configFile : undefined;
    return { ...folder.userSettings, ...(configFile ? { configFile } : {}), ...(this.trusted !== undefined ? { trusted: this.trusted } : {}) };
  }

  private create(root: string, uri: string, workspace: boolean): Folder {
    // A new folder starts from the settings of the others until its own are read.
    const userSettings = this.workspaceFolders()[0]?.userSettings ?? {};
    const folder: Folder = { root, uri, workspace, userSettings, service: createLanguageService(this.fileSystem, root, this.settingsOf({ root, userSettings })) };
    this.byRoot.set(root, folder);
    return folder;
  }
}
