// dist/server.js: the language server, for VS Code (`--node-ipc`) and any
// other editor (`node dist/server.js --stdio`). `--config <file>` names an
// explicit configuration file instead of the folders' oewg-cite.json.
//
// The message reader is made here, not by the library, so that a framing
// error (a missing, negative or non-numeric Content-Length, a header line
// without a colon, a body that is not JSON) ends the process with an error:
// once the byte stream is out of step no later message can be trusted, and
// an editor restarts a server that exits, not one that lives on deaf.
import { Console } from 'console';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  MessageReader,
  MessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { withCheckedInitialize } from './lsp/transport';

const argv = process.argv.slice(2);
const configAt = argv.indexOf('--config');
const configFile = configAt >= 0 ? argv[configAt + 1] : argv.find((arg) => arg.startsWith('--config='))?.slice('--config='.length);

let reader: MessageReader | undefined;
let writer: MessageWriter | undefined;
if (argv.includes('--stdio')) {
  reader = new StreamMessageReader(process.stdin);
  writer = new StreamMessageWriter(process.stdout);
  // stdout carries the protocol: whatever a library logs goes to stderr.
  const toStderr = new Console(process.stderr, process.stderr);
  for (const method of ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table'] as const) (console as unknown as Record<string, unknown>)[method] = toStderr[method].bind(toStderr);
} else if (argv.includes('--node-ipc')) {
  reader = new IPCMessageReader(process);
  writer = new IPCMessageWriter(process);
}

// Other transports (--socket, --pipe) are read from the command line by the library.
const connection = reader && writer ? createConnection(ProposedFeatures.all, withCheckedInitialize(reader, writer), writer) : createConnection(ProposedFeatures.all);
const server = startServer(connection, { configFile });
if (reader) {
  reader.onError((error) => {
    process.stderr.write(`oewg-cite: the message stream is broken (${error.message.split('\n')[0]}); exiting so that the editor restarts the server\n`);
    process.exit(1);
  });
  // The editor went away: exit as the specification says (0 only after shutdown).
  reader.onClose(() => process.exit(server.lifecycle.state === 'shutdown' ? 0 : 1));
}
