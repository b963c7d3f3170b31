// Loaded by mocha before every test file (.mocharc.json): the text the CLI
// and the server extract from PDF and Word drafts is kept in a cache
// directory of this run, never in the user's own cache.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oewg-cite-cache-'));
process.env.OEWG_CITE_CACHE_DIR = cacheDir;
process.on('exit', () => fs.rmSync(cacheDir, { recursive: true, force: true }));
