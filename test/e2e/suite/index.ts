// Entry point the extension host loads (--extensionTestsPath): runs the mocha
// files of one workspace's suite. run.mjs opens each workspace in its own
// window and names the suite in OEWG_E2E_SUITE.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const suite = process.env.OEWG_E2E_SUITE;
  if (!suite) return Promise.reject(new Error('OEWG_E2E_SUITE is not set: run the e2e suite with `npm run test:e2e`'));
  const folder = path.join(__dirname, suite);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.OEWG_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no tests in ${folder}`));
  for (const file of files) mocha.addFile(path.join(folder, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
