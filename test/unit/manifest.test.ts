// What package.json promises, the README documents and the code provides must
// agree: every diagnostic code, command and setting appears in all three.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_DRAFT_GLOBS } from '../../server/src/core/config';
import { DEFAULT_SEVERITY } from '../../server/src/core/languageService';
import { DEFAULT_MAX_DRAFT_SIZE_MB, DEFAULT_MAX_WORD_XML_MB, readLimits } from '../../server/src/core/readPolicy';
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

describe('package.json: workspace trust, virtual workspaces and the read limits', () => {
  const settings = manifest.contributes.configuration.properties as Record<string, { default?: unknown; scope?: string }>;

  it('supports untrusted workspaces in part, and says what is off until trusted', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /outside the workspace folder|outside it/);
    assert.match(untrusted.description, /PDF or Word drafts/);
    assert.match(untrusted.description, /only once the workspace is trusted/);
    // A workspace may not raise the limits, or widen the drafts it names, before it is trusted.
    assert.deepEqual(untrusted.restrictedConfigurations, ['oewgCite.draftGlobs', 'oewgCite.maxDraftSizeMB', 'oewgCite.maxWordXmlMB']);
    for (const setting of untrusted.restrictedConfigurations) assert.ok(settings[setting], `${setting} is a setting`);
  });

  it('declares that virtual workspaces are not supported, and why', () => {
    const virtual = manifest.capabilities.virtualWorkspaces;
    assert.equal(virtual.supported, false);
    assert.match(virtual.description, /file system/);
  });

  it('the limit settings default to what the service uses without them', () => {
    assert.equal(settings['oewgCite.maxDraftSizeMB'].default, DEFAULT_MAX_DRAFT_SIZE_MB);
    assert.equal(settings['oewgCite.maxWordXmlMB'].default, DEFAULT_MAX_WORD_XML_MB);
    assert.equal(readLimits({}).maxFileBytes, DEFAULT_MAX_DRAFT_SIZE_MB * 1024 * 1024);
    assert.ok(readme.includes(`| \`oewgCite.maxDraftSizeMB\` | \`${DEFAULT_MAX_DRAFT_SIZE_MB}\` |`), 'README shows the default');
    assert.ok(readme.includes(`| \`oewgCite.maxWordXmlMB\` | \`${DEFAULT_MAX_WORD_XML_MB}\` |`), 'README shows the default');
  });
});
