// The message stream under the connection. The library answers `initialize`
// itself before the server sees it, and fails on params that are not an
// object with an internal error; this reader answers such a request with
// InvalidParams instead, as the specification asks. Well-framed bodies that
// would make the library throw (a body that is not an object, a cancellation
// without an id) are dropped with a message instead of breaking the stream.
import { ErrorCodes, Message, MessageReader, MessageWriter, RequestMessage } from 'vscode-languageserver/node';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const LIBRARY_NOTIFICATIONS: Record<string, { needs: string; accept: (params: Record<string, unknown>) => boolean }> = {
  '$/cancelRequest': { needs: 'an id (a number or a string)', accept: (params) => typeof params.id === 'number' || typeof params.id === 'string' },
  '$/setTrace': { needs: 'a value', accept: (params) => typeof params.value === 'string' },
  'workspace/didChangeWorkspaceFolders': { needs: 'an event { added, removed }', accept: (params) => isObject(params.event) },
};

export function withCheckedInitialize(reader: MessageReader, writer: MessageWriter): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen(callback) {
      return reader.listen((message: Message) => {
        // A well-framed body that is not a message object (null, a number, a list) is no message: dropped.
        if (!isObject(message)) return dropped('a message that is not a JSON object');
        const request = message as RequestMessage;
        // Notifications the library reads itself, without checking their params: dropped unless well-shaped.
        const shape = Object.hasOwn(LIBRARY_NOTIFICATIONS, request.method) ? LIBRARY_NOTIFICATIONS[request.method] : undefined;
        if (shape && request.id === undefined && !(isObject(request.params) && shape.accept(request.params))) return dropped(`a ${request.method} without ${shape.needs}`);
        if (request.method === 'initialize' && request.id !== undefined && !(isObject(request.params) && isObject(request.params.capabilities))) {
          void writer.write({
            jsonrpc: '2.0',
            id: request.id,
            error: { code: ErrorCodes.InvalidParams, message: 'initialize: params must be an object with "capabilities" (an object)' },
          } as Message);
          return;
        }
        try {
          callback(message);
        } catch (error) {
          // The message was read whole, so the stream is still in step: drop the message, keep serving.
          dropped(`a message that could not be handled (${error instanceof Error ? error.message : String(error)})`);
        }
      });
    },
  };
}

/** Says on stderr that a well-framed message was dropped (the server goes on). */
function dropped(what: string): void {
  console.error(`oewg-cite: ${what} was ignored`);
}
