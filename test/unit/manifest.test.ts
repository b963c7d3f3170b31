// What package.json promises, the README documents and the code provides must
// agree: every diagnostic code, command and setting appears in all three.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_DRAFT_GLOBS } from '../../server/src/core/config';
import { DEFAULT_SEVERITY } from '../../server/src/core/languageService';
import { repoRoot } from '../support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const client = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');

describe('package.json, README and code agree', () => {
  it('every diagnostic code has a severity setting with its default, and a row in the README', () => {
    const properties = manifest.contributes.configuration.properties['oewgCite.severity'].properties;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(DEFAULT_SEVERITY).sort());
    for (const [code, severity] of Object.entries(DEFAULT_SEVERITY)) {
      assert.equal(properties[code].default, severity, code);
      assert.match(readme, new RegExp(`\\| \`${code}\` \\| ${severity} \\|`), `README row for ${code}`);
    }
  });

  it('the schema of oewg-cite.json offers every diagnostic code under "severity", and nothing else', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'oewg-cite.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties.severity.properties).sort(), Object.keys(DEFAULT_SEVERITY).sort());
    assert.equal(schema.properties.severity.additionalProperties, false);
  });

  it('every command is registered by the client and documented', () => {
    for (const { command, title } of manifest.contributes.commands as Array<{ command: string; title: string }>) {
      assert.ok(client.includes(`registerCommand('${command}'`), `${command} is registered`);
      assert.ok(readme.includes(`OEWG: ${title.replace(/…$/, '')}`), `README documents "${title}"`);
    }
  });

  it('the draft globs setting defaults to what the service uses without it', () => {
    assert.deepEqual(manifest.contributes.configuration.properties['oewgCite.draftGlobs'].default, DEFAULT_DRAFT_GLOBS);
    assert.ok(readme.includes(`| \`oewgCite.draftGlobs\` | \`${JSON.stringify(DEFAULT_DRAFT_GLOBS).replace(/,/g, ', ')}\` |`), 'README shows the default');
  });

  it('every setting is documented', () => {
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
      assert.ok(readme.includes(`\`${setting}\``), `README documents ${setting}`);
    }
  });

  it('every dependency is in the README, which says why it is there', () => {
    const section = readme.slice(readme.indexOf('## Dependencies and why'));
    for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]) {
      assert.ok(section.includes(`\`${name}\``), `README explains ${name}`);
    }
  });

  it('pins VS Code to what the end-to-end tests run on', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });
});
