// What only the service can check in oewg-cite.json, on one parse of it: that
// each draft's path could be read, and that each "severity" key names a
// diagnostic code. The reader (config.ts) checks the rest.
import { findNodeAtLocation, Node as JsonNode, parseTree } from 'jsonc-parser';
import type { ConfigProblem } from './config';
import type { DraftEntry } from './features';

export function configFileProblems(configText: string, drafts: ReadonlyMap<string, DraftEntry>, diagnosticCodes: readonly string[]): ConfigProblem[] {
  const tree = parseTree(configText, [], { allowTrailingComma: true, disallowComments: false });
  return [...unknownSeverityCodes(tree, diagnosticCodes), ...unreadableDraftPaths(tree, drafts)];
}

/** A draft's "path" that cannot be read (no such file, a damaged PDF): a warning on the path. */
function unreadableDraftPaths(tree: JsonNode | undefined, drafts: ReadonlyMap<string, DraftEntry>): ConfigProblem[] {
  const list = tree?.type === 'object' ? findNodeAtLocation(tree, ['drafts']) : undefined;
  return (list?.children ?? []).flatMap((node) => {
    const id = findNodeAtLocation(node, ['id'])?.value;
    const pathNode = findNodeAtLocation(node, ['path']);
    const error = typeof id === 'string' ? drafts.get(id)?.error : undefined;
    // A PDF or Word draft still being read is not a problem yet.
    if (!error || !pathNode || / is still being read$/.test(error)) return [];
    return [{ message: `draft "${id}": ${error}`, severity: 'warning' as const, span: { start: pathNode.offset, end: pathNode.offset + pathNode.length } }];
  });
}

/** A "severity" key that names no diagnostic code is most likely a typo: say so where it is written. */
function unknownSeverityCodes(tree: JsonNode | undefined, diagnosticCodes: readonly string[]): ConfigProblem[] {
  const severity = tree?.type === 'object' ? findNodeAtLocation(tree, ['severity']) : undefined;
  if (severity?.type !== 'object') return [];
  const known = new Set(diagnosticCodes);
  return (severity.children ?? []).flatMap((property) => {
    const key = property.children?.[0];
    if (!key || typeof key.value !== 'string' || known.has(key.value)) return [];
    return [{ message: `"${key.value}" is not a diagnostic code (known: ${diagnosticCodes.join(', ')})`, severity: 'warning' as const, span: { start: key.offset, end: key.offset + key.length } }];
  });
}
