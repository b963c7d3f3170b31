// Temporary workspaces for tests that change files on disk: a copy of
// samples/, or one assembled from the real corpus at test time.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { corpusFile, samplesDir } from './paths';

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `oewg-cite-${prefix}-`));
}

export function copySamples(): string {
  const dir = makeTempDir('samples');
  fs.cpSync(samplesDir, dir, { recursive: true });
  return dir;
}

/**
 * A workspace made of the real corpus: the Zero Draft under drafts/ and the
 * GPD response (which cites the Pre-draft) beside it, plus `extra` files.
 */
export function corpusWorkspace(extra: Record<string, string> = {}, config?: unknown): string {
  const dir = makeTempDir('corpus');
  fs.mkdirSync(path.join(dir, 'drafts'));
  fs.copyFileSync(corpusFile('zero-draft-2021.txt'), path.join(dir, 'drafts', 'zero-draft-2021.txt'));
  fs.copyFileSync(corpusFile('gpd-response-to-pre-draft-2020-03.md'), path.join(dir, 'gpd-response.md'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'oewg-cite.json'), JSON.stringify(config, null, 2));
  for (const [name, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
