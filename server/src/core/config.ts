// oewg-cite.json: the drafts in negotiation order, the current draft, which
// files are submissions. Reading never throws: a broken file gives problems
// with their place in the file, and the service keeps working on defaults.
import * as path from 'path';
import { parseTree, findNodeAtLocation, getNodeValue, Node as JsonNode, ParseError, printParseErrorCode } from 'jsonc-parser';
import { DraftInfo, Severity, Span } from './model';
import { DEFAULT_VOCABULARY } from './vocabulary';
import { escapeForPattern } from './vocabulary/patterns';

export const CONFIG_FILE_NAME = 'oewg-cite.json';
export const DEFAULT_DRAFT_GLOBS = ['drafts/**/*.txt', 'drafts/**/*.md', 'drafts/**/*.pdf', 'drafts/**/*.docx'];
export const DEFAULT_SUBMISSION_GLOBS = ['**/*.md', '**/*.txt'];

export interface OewgConfig {
  /** Folder the relative paths are relative to. */
  root: string;
  /** Every known draft in negotiation order (order = index). */
  drafts: DraftInfo[];
  /** Id of the current draft (the latest indexed one when not set). */
  current?: string;
  /** Globs (relative to root) of the files whose citations are checked. */
  submissions: string[];
  /** Severity per diagnostic code, overriding the defaults. */
  severity: Record<string, Severity>;
  /** Where the configuration came from, for messages. */
  origin: 'file' | 'discovered' | 'arguments';
  /** Path of oewg-cite.json when origin is 'file'. */
  file?: string;
}

export interface ConfigProblem {
  message: string;
  /** Offsets in the configuration file, when the problem has a place. */
  span?: Span;
  severity: Severity;
}

export interface ConfigResult {
  config: OewgConfig;
  problems: ConfigProblem[];
}

const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
const DRAFT_KEYS = new Set(['id', 'label', 'aliases', 'path', 'symbol', 'date']);
const TOP_KEYS = new Set(['$schema', 'drafts', 'current', 'submissions', 'severity', 'references']);

/**
 * The OEWG drafts every user may name, known even when nobody configured them,
 * so that "para 7 of the Pre-draft" is reported as a draft that is not
 * indexed rather than as an unknown name. Only used without a config file.
 */
export const KNOWN_OEWG_DRAFTS: ReadonlyArray<Pick<DraftInfo, 'id' | 'label' | 'aliases'>> = DEFAULT_VOCABULARY.knownDrafts.map((draft) => ({
  ...draft,
  aliases: [...draft.aliases],
}));

// The words a draft's name is compared without: its article, and spellings that mean the same.
const LEADING_ARTICLE = new RegExp(`^(?:${DEFAULT_VOCABULARY.articles.map(escapeForPattern).join('|')})\\s+`);
const SPELLINGS = Object.entries(DEFAULT_VOCABULARY.draftNames.spellings).map(
  ([spelling, meaning]) => [new RegExp(`\\b${escapeForPattern(spelling)}\\b`), meaning] as const,
);

/** Reads the text of an oewg-cite.json found in `root`. */
export function parseConfig(text: string, file: string): ConfigResult {
  const root = path.dirname(file);
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  // One message per place: a missing bracket also leaves its brace unclosed, and says so at the same offset.
  const reported = new Set<number>();
  for (const error of errors) {
    if (reported.has(error.offset)) continue;
    reported.add(error.offset);
    problems.push({
      message: `${CONFIG_FILE_NAME}: ${describeParseError(printParseErrorCode(error.error))}`,
      span: { start: error.offset, end: error.offset + Math.max(1, error.length) },
      severity: 'error',
    });
  }
  const config: OewgConfig = { root, drafts: [], submissions: DEFAULT_SUBMISSION_GLOBS, severity: {}, origin: 'file', file };
  if (!tree || tree.type !== 'object') {
    if (errors.length === 0) problems.push({ message: `${CONFIG_FILE_NAME} must hold a JSON object`, span: { start: 0, end: text.length }, severity: 'error' });
    return { config, problems };
  }
  const problem = (node: JsonNode | undefined, message: string, severity: Severity = 'error') =>
    problems.push({ message, span: node ? { start: node.offset, end: node.offset + node.length } : undefined, severity });

  for (const property of tree.children ?? []) {
    const key = property.children?.[0];
    if (key && !TOP_KEYS.has(String(key.value))) problem(key, `unknown setting "${key.value}" (known: ${[...TOP_KEYS].filter((k) => k !== '$schema').join(', ')})`, 'warning');
  }

  const draftsNode = findNodeAtLocation(tree, ['drafts']);
  if (!draftsNode) {
    problem(tree, `${CONFIG_FILE_NAME} has no "drafts": list the drafts in negotiation order`);
  } else if (draftsNode.type !== 'array') {
    problem(draftsNode, '"drafts" must be a list of drafts in negotiation order');
  } else {
    const seen = new Set<string>();
    (draftsNode.children ?? []).forEach((draftNode) => {
      const draft = readDraft(draftNode, root, config.drafts.length, problem);
      if (!draft) return;
      if (seen.has(draft.id)) {
        problem(findNodeAtLocation(draftNode, ['id']), `draft id "${draft.id}" is used twice`);
        return;
      }
      seen.add(draft.id);
      config.drafts.push(draft);
    });
  }

  const currentNode = findNodeAtLocation(tree, ['current']);
  if (currentNode) {
    const current = currentNode.value;
    if (typeof current !== 'string') problem(currentNode, '"current" must be the id of a draft');
    else {
      const draft = findDraft(config.drafts, current);
      if (!draft) problem(currentNode, `"current" names "${current}", which is not one of the drafts (${config.drafts.map((d) => d.id).join(', ') || 'none'})`);
      else if (!draft.path) problem(currentNode, `the current draft "${draft.id}" has no "path": it cannot be indexed`, 'warning');
      else config.current = draft.id;
    }
  }

  const submissionsNode = findNodeAtLocation(tree, ['submissions']);
  if (submissionsNode) {
    const value = getNodeValue(submissionsNode);
    if (Array.isArray(value) && value.every((glob) => typeof glob === 'string')) config.submissions = value;
    else if (typeof value === 'string') config.submissions = [value];
    else problem(submissionsNode, '"submissions" must be a list of globs such as "submissions/**/*.md"');
  }

  const severityNode = findNodeAtLocation(tree, ['severity']);
  if (severityNode) config.severity = readSeverities(getNodeValue(severityNode), (message) => problem(severityNode, message, 'warning'));

  return { config, problems };
}

function readDraft(
  node: JsonNode,
  root: string,
  order: number,
  problem: (node: JsonNode | undefined, message: string, severity?: Severity) => void,
): DraftInfo | undefined {
  if (node.type !== 'object') {
    problem(node, 'each draft must be an object such as { "id": "zero-draft", "label": "Zero Draft", "path": "drafts/zero-draft.txt" }');
    return undefined;
  }
  const value = getNodeValue(node) as Record<string, unknown>;
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !DRAFT_KEYS.has(String(key.value))) problem(key, `unknown draft setting "${key.value}" (known: ${[...DRAFT_KEYS].join(', ')})`, 'warning');
  }
  const id = value.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][\w.-]*$/.test(id)) {
    problem(findNodeAtLocation(node, ['id']) ?? node, 'each draft needs an "id" made of letters, digits, "-", "_" or "." (e.g. "zero-draft")');
    return undefined;
  }
  const stringField = (key: string): string | undefined => {
    const field = value[key];
    if (field === undefined || field === null) return undefined;
    if (typeof field === 'string') return field;
    problem(findNodeAtLocation(node, [key]), `"${key}" of draft "${id}" must be a string`);
    return undefined;
  };
  const label = stringField('label') ?? labelFromId(id);
  const draftPath = stringField('path');
  const date = stringField('date');
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) problem(findNodeAtLocation(node, ['date']), `"date" of draft "${id}" should be written YYYY-MM-DD`, 'warning');
  let aliases: string[] = [];
  if (value.aliases !== undefined) {
    if (Array.isArray(value.aliases) && value.aliases.every((alias) => typeof alias === 'string')) aliases = value.aliases as string[];
    else problem(findNodeAtLocation(node, ['aliases']), `"aliases" of draft "${id}" must be a list of names`);
  }
  return {
    id,
    label,
    aliases,
    order,
    symbol: stringField('symbol'),
    date,
    path: draftPath ? path.resolve(root, draftPath) : undefined,
  };
}

function readSeverities(value: unknown, warn: (message: string) => void): Record<string, Severity> {
  const result: Record<string, Severity> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    warn('"severity" must map diagnostic codes to "error", "warning", "information", "hint" or "off"');
    return result;
  }
  for (const [code, severity] of Object.entries(value)) {
    if (severity === 'off' || SEVERITIES.includes(severity as Severity)) result[code] = severity as Severity;
    else warn(`severity of "${code}" must be "error", "warning", "information", "hint" or "off"`);
  }
  return result;
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `invalid JSON (${words})`;
}

/** "zero-draft" -> "Zero Draft". */
export function labelFromId(id: string): string {
  // Longest names first, so that "revised-pre-draft" is not taken for "pre-draft".
  const candidates = [...KNOWN_OEWG_DRAFTS].sort((a, b) => b.id.length - a.id.length);
  const known = candidates.find((draft) => draft.id === id);
  if (known) return known.label;
  return id
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/** Normal form of a draft name for comparison: "the “Pre-Draft”" -> "pre draft". */
export function normaliseDraftName(name: string): string {
  const flat = name
    .toLowerCase()
    .replace(/["“”'‘’]/g, '')
    .replace(LEADING_ARTICLE, '')
    .replace(/[-_\s]+/g, ' ');
  return SPELLINGS.reduce((written, [spelling, meaning]) => written.replace(spelling, meaning), flat).trim();
}

/** The draft a name refers to: its id, label or one of its aliases. */
/** Each list of drafts' names, normalised once: a lookup is then a map access, not a walk of the list (10,000 drafts). */
const draftNameIndexes = new WeakMap<readonly DraftInfo[], Map<string, DraftInfo>>();

export function findDraft(drafts: readonly DraftInfo[], name: string): DraftInfo | undefined {
  let index = draftNameIndexes.get(drafts);
  if (!index) {
    index = new Map();
    // The first draft that answers to a name wins, as a walk of the list in order would find it.
    for (const draft of drafts) {
      for (const given of [draft.id, draft.label, ...draft.aliases]) {
        const key = normaliseDraftName(given);
        if (!index.has(key)) index.set(key, draft);
      }
    }
    draftNameIndexes.set(drafts, index);
  }
  return index.get(normaliseDraftName(name));
}

/**
 * The configuration when there is no oewg-cite.json: the given draft files
 * (discovered under drafts/ or named on the command line) in negotiation
 * order, the well-known OEWG draft names for the rest, the last file current.
 */
export function configFromDraftFiles(root: string, files: string[], origin: 'discovered' | 'arguments', current?: string): OewgConfig {
  // Discovered files are ordered by name; files named on the command line keep
  // the order they were given in. Known OEWG names then sort in negotiation
  // order (a stable sort keeps the rest as they were, after them).
  const ordered = origin === 'discovered' ? withoutPublishedTwins([...files].sort()) : files;
  const drafts: DraftInfo[] = [];
  for (const file of ordered) {
    const draft = describeDraftFile(file);
    if (drafts.some((other) => other.id === draft.id)) draft.id = `${draft.id}-${drafts.length + 1}`;
    drafts.push(draft);
  }
  for (const known of KNOWN_OEWG_DRAFTS) {
    if (!drafts.some((draft) => draft.id === known.id)) drafts.push({ ...known, aliases: [...known.aliases], order: 0 });
  }
  drafts.sort((a, b) => negotiationRank(a) - negotiationRank(b));
  drafts.forEach((draft, order) => (draft.order = order));
  const currentDraft = current ? findDraft(drafts, current) : [...drafts].reverse().find((draft) => draft.path);
  return { root, drafts, current: currentDraft?.id, submissions: DEFAULT_SUBMISSION_GLOBS, severity: {}, origin };
}

/**
 * A discovered PDF or Word draft beside a text draft of the same name
 * ("zero-draft.pdf" and "zero-draft.txt") is the same draft: the text one is
 * kept (it is usually the cleaner text), so the draft is not indexed twice.
 */
function withoutPublishedTwins(files: string[]): string[] {
  const stem = (file: string) => file.replace(/\.[^./\\]+$/, '');
  const textStems = new Set(files.filter((file) => /\.(txt|md|markdown)$/i.test(file)).map(stem));
  return files.filter((file) => !/\.(pdf|docx)$/i.test(file) || !textStems.has(stem(file)));
}

function describeDraftFile(file: string): DraftInfo {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  // Longest names first, so that "revised-pre-draft" is not taken for "pre-draft".
  const candidates = [...KNOWN_OEWG_DRAFTS].sort((a, b) => b.id.length - a.id.length);
  const known = candidates.find((draft) => new RegExp(`(^|[^a-z])${draft.id.replace(/-/g, '[-_ ]?')}([^a-z]|$)`, 'i').test(base));
  const id = known?.id ?? (base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'draft');
  return { id, label: known?.label ?? labelFromId(id), aliases: known ? [...known.aliases] : [], order: 0, path: file };
}

/** Known OEWG drafts sort in negotiation order; others keep their place after them. */
function negotiationRank(draft: DraftInfo): number {
  const index = KNOWN_OEWG_DRAFTS.findIndex((known) => known.id === draft.id);
  return index < 0 ? KNOWN_OEWG_DRAFTS.length : index;
}
