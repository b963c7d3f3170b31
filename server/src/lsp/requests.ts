// Every request and notification the server handles is registered here, so
// that each answers per the LSP specification whatever arrives: before
// `initialize` (ServerNotInitialized; notifications dropped), after `shutdown`
// (InvalidRequest), with missing or malformed params (InvalidParams, never an
// internal error), cancelled (RequestCancelled), or failing inside (an error
// with the reason, and the server keeps serving).
import {
  CancellationToken,
  Connection,
  ErrorCodes,
  LSPErrorCodes,
  Position,
  Range,
  ResponseError,
  TextDocumentIdentifier,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';

/** Where the server is in the LSP lifecycle. */
export class Lifecycle {
  state: 'starting' | 'running' | 'shutdown' = 'starting';
}

/** Checks a request's params and returns them typed, or throws `invalidParams`. */
export type Validator<P> = (params: unknown, method: string) => P;

export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** A request that could not be served: it fails with this message, the server keeps serving. */
export function requestFailed(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

export interface Registrar {
  request<P, R>(method: string | { method: string }, validate: Validator<P>, handler: (params: P, token: CancellationToken) => R | Promise<R>): void;
  notification<P>(method: string | { method: string }, validate: Validator<P>, handler: (params: P) => unknown): void;
}

export function createRegistrar(connection: Connection, lifecycle: Lifecycle): Registrar {
  const nameOf = (method: string | { method: string }) => (typeof method === 'string' ? method : method.method);
  return {
    request(type, validate, handler) {
      const method = nameOf(type);
      // The JSON-RPC layer passes params given as an array spread out, then the token: take the token from the end.
      connection.onRequest(method, async (...args: unknown[]) => {
        const token = args.length && CancellationToken.is(args[args.length - 1]) ? (args.pop() as CancellationToken) : CancellationToken.None;
        if (lifecycle.state === 'starting') throw new ResponseError(ErrorCodes.ServerNotInitialized, `${method}: the server is not initialized (send "initialize" first)`);
        if (lifecycle.state === 'shutdown') throw new ResponseError(ErrorCodes.InvalidRequest, `${method}: the server is shutting down (only "exit" is answered now)`);
        if (args.length > 1) throw invalidParams(`${method}: params must be an object, not a list`);
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${method}: cancelled`);
        const params = validate(args[0], method);
        try {
          return await handler(params, token);
        } catch (error) {
          if (error instanceof ResponseError) throw error;
          connection.console.error(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    },
    notification(type, validate, handler) {
      const method = nameOf(type);
      connection.onNotification(method, (...args: unknown[]) => {
        // Before initialize and after shutdown a notification is dropped (the specification says so).
        if (lifecycle.state !== 'running') return;
        let params;
        try {
          params = validate(args[0], method);
        } catch (error) {
          connection.console.error(`${method} ignored: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        void (async () => handler(params))().catch((error) =>
          connection.console.error(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
        );
      });
    },
  };
}

/** `promise`, or a RequestFailed error after `ms` milliseconds (the work goes on; the request answers). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(requestFailed(`${what} took longer than ${Math.round(ms / 1000)} s; try again`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- validators: the shapes of the params the server reads -----------------

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function object(params: unknown, method: string, shape: string): Record<string, unknown> {
  if (!isObject(params)) throw invalidParams(`${method}: params must be ${shape}`);
  return params;
}

export interface DocumentParams {
  textDocument: { uri: string };
}
export interface PositionParams extends DocumentParams {
  position: Position;
}

export const documentParams: Validator<DocumentParams> = (params, method) => {
  const value = object(params, method, '{ textDocument: { uri } }');
  // TextDocumentIdentifier.is reads `.uri` of null: check for an object first.
  if (!isObject(value.textDocument) || !TextDocumentIdentifier.is(value.textDocument)) throw invalidParams(`${method}: "textDocument" must be { uri: string }`);
  return value as unknown as DocumentParams;
};

export const positionParams: Validator<PositionParams> = (params, method) => {
  const value = documentParams(params, method) as unknown as Record<string, unknown>;
  if (!Position.is(value.position)) throw invalidParams(`${method}: "position" must be { line, character } (non-negative integers)`);
  return value as unknown as PositionParams;
};

export const referenceParams: Validator<PositionParams & { context?: { includeDeclaration?: boolean } }> = (params, method) => {
  const value = positionParams(params, method) as PositionParams & { context?: unknown };
  if (value.context !== undefined && value.context !== null && !isObject(value.context)) throw invalidParams(`${method}: "context" must be { includeDeclaration: boolean }`);
  return value as PositionParams & { context?: { includeDeclaration?: boolean } };
};

export const codeActionParams: Validator<DocumentParams & { range: Range; context: { only?: string[] } }> = (params, method) => {
  const value = documentParams(params, method) as unknown as Record<string, unknown>;
  if (!Range.is(value.range)) throw invalidParams(`${method}: "range" must be { start, end } positions`);
  const context = value.context ?? {};
  if (!isObject(context) || (context.only !== undefined && !(Array.isArray(context.only) && context.only.every((kind) => typeof kind === 'string')))) {
    throw invalidParams(`${method}: "context" must be { diagnostics, only?: string[] }`);
  }
  return { ...value, context } as unknown as DocumentParams & { range: Range; context: { only?: string[] } };
};

export const workspaceSymbolParams: Validator<{ query: string }> = (params, method) => {
  const value = object(params, method, '{ query: string }');
  if (typeof value.query !== 'string') throw invalidParams(`${method}: "query" must be a string`);
  return { query: value.query };
};

/** Whether vscode-uri reads `uri` (it throws on a scheme with illegal characters, such as `|"y5~`). */
function parses(uri: string): boolean {
  try {
    URI.parse(uri);
    return true;
  } catch {
    return false;
  }
}

export const uriParams: Validator<{ uri: string }> = (params, method) => {
  const value = object(params, method, '{ uri: string }');
  if (typeof value.uri !== 'string' || !value.uri) throw invalidParams(`${method}: "uri" must be the URI of a document (a string)`);
  if (!parses(value.uri)) throw invalidParams(`${method}: "uri" is not a URI: ${JSON.stringify(value.uri.slice(0, 200))}`);
  return value as { uri: string };
};

/** `{ uri? }`, or nothing at all. */
export const folderScopedParams: Validator<{ uri?: string }> = (params, method) => {
  if (params === undefined || params === null) return {};
  const value = object(params, method, '{ uri?: string } or nothing');
  if (value.uri !== undefined && typeof value.uri !== 'string') throw invalidParams(`${method}: "uri" must be a string`);
  if (typeof value.uri === 'string' && !parses(value.uri)) throw invalidParams(`${method}: "uri" is not a URI: ${JSON.stringify(value.uri.slice(0, 200))}`);
  return value as { uri?: string };
};

export const draftsTreeParams: Validator<{ uri?: string; draft?: string }> = (params, method) => {
  const value = folderScopedParams(params, method) as { uri?: string; draft?: unknown };
  if (value.draft !== undefined && typeof value.draft !== 'string') throw invalidParams(`${method}: "draft" must be a string`);
  return value as { uri?: string; draft?: string };
};

export function stringFields<K extends string>(...keys: K[]): Validator<Record<K, string> & { uri?: string }> {
  return (params, method) => {
    const value = folderScopedParams(params, method) as Record<string, unknown>;
    for (const key of keys) if (typeof value[key] !== 'string') throw invalidParams(`${method}: "${key}" must be a string`);
    return value as Record<K, string> & { uri?: string };
  };
}

export const updateCitationsParams: Validator<{ uri: string; preview?: boolean }> = (params, method) => {
  const value = uriParams(params, method) as { uri: string; preview?: unknown };
  if (value.preview !== undefined && typeof value.preview !== 'boolean') throw invalidParams(`${method}: "preview" must be true or false`);
  return value as { uri: string; preview?: boolean };
};

/** Any params, or none (notifications whose params the server does not read). */
export const anyParams: Validator<unknown> = (params) => params;
