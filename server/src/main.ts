// dist/server.js: the language server, for VS Code (IPC) and any other editor
// (`node dist/server.js --stdio`). createConnection reads the transport from
// the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
