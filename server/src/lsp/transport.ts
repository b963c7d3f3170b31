// The message stream under the connection. The library answers `initialize`
// itself before the server sees it, and fails on params that are not an
// object with an internal error; this reader answers such a request with
// InvalidParams instead, as the specification asks.
import { ErrorCodes, Message, MessageReader, MessageWriter, RequestMessage } from 'vscode-languageserver/node';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function withCheckedInitialize(reader: MessageReader, writer: MessageWriter): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen(callback) {
      return reader.listen((message: Message) => {
        const request = message as RequestMessage;
        if (request.method === 'initialize' && request.id !== undefined && !(isObject(request.params) && isObject(request.params.capabilities))) {
          void writer.write({
            jsonrpc: '2.0',
            id: request.id,
            error: { code: ErrorCodes.InvalidParams, message: 'initialize: params must be an object with "capabilities" (an object)' },
          } as Message);
          return;
        }
        callback(message);
      });
    },
  };
}
