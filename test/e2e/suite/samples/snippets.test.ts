// Every snippet the extension contributes inserts its text into a submission.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { activated, extension } from '../../support/editor';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  scope?: string;
}

/** The text a snippet inserts when each placeholder keeps its default and each choice its first option. */
function expand(body: string): string {
  let text = body;
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return text;
}

describe('snippets', () => {
  const contributed = () => {
    const entries = (extension().packageJSON.contributes.snippets ?? []) as { language: string; path: string }[];
    return entries.map((entry) => ({ ...entry, file: path.join(extension().extensionPath, entry.path) }));
  };

  before(activated);

  it('are contributed for Markdown and plain text from snippets/oewg-cite.code-snippets', () => {
    const files = contributed();
    assert.deepEqual([...new Set(files.map((entry) => entry.language))].sort(), ['markdown', 'plaintext']);
    for (const entry of files) assert.equal(path.basename(entry.file), 'oewg-cite.code-snippets');
  });

  it('each inserts its text', async () => {
    const file = contributed()[0].file;
    const snippets = parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;
    const names = Object.keys(snippets);
    assert.ok(names.length > 0, `${file} has no snippets`);
    const failures: string[] = [];
    for (const name of names) {
      const body = ([] as string[]).concat(snippets[name].body).join('\n');
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
      const expected = expand(body);
      if (document.getText() !== expected) failures.push(`"${name}": expected ${JSON.stringify(expected)}, got ${JSON.stringify(document.getText())}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.deepEqual(failures, []);
  });
});
