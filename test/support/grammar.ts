// The citation grammar as VS Code runs it: vscode-textmate with the Oniguruma
// engine (vscode-oniguruma), injected into a plain-text host grammar the way
// the extension's `injectTo` injects it into Markdown and plain text.
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from './paths';

export const GRAMMAR_FILE = path.join(repoRoot, 'syntaxes', 'oewg-citations.injection.tmLanguage.json');
const INJECTION = 'text.oewg-cite.citations';
const HOST = 'text.plain';

/** A run of a line carrying one of the grammar's scopes. */
export interface Token {
  text: string;
  scope: string;
  /** 0-based offset in the line. */
  at: number;
}

let loading: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  loading ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName === HOST) return textmate.parseRawGrammar(JSON.stringify({ scopeName: HOST, patterns: [] }), 'host.json');
        if (scopeName === INJECTION) return textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE);
        return null;
      },
      getInjections: (scopeName) => (scopeName === HOST ? [INJECTION] : undefined),
    });
    const grammar = await registry.loadGrammar(HOST);
    if (!grammar) throw new Error('the plain-text host grammar did not load');
    return grammar;
  })();
  return loading;
}

/**
 * A function giving the grammar's tokens of one line: for each of the
 * grammar's scopes, the runs of the line that carry it, in order.
 */
export async function citationHighlighter(): Promise<(line: string) => Token[]> {
  const grammar = await loadGrammar();
  return (line) => {
    const tokens: Token[] = [];
    const open = new Map<string, Token>();
    for (const token of grammar.tokenizeLine(line, textmate.INITIAL).tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      const scopes = token.scopes.filter((scope) => scope.endsWith('.oewg-cite'));
      for (const scope of open.keys()) if (!scopes.includes(scope)) open.delete(scope);
      for (const scope of scopes) {
        const run = open.get(scope);
        if (run) {
          run.text += text;
        } else {
          const started = { text, scope, at: token.startIndex };
          tokens.push(started);
          open.set(scope, started);
        }
      }
    }
    return tokens;
  };
}
