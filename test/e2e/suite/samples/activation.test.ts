import { strict as assert } from 'assert';
import * as vscode from 'vscode';

describe('the extension in the samples workspace', () => {
  it('is installed in the editor', () => {
    assert.ok(vscode.extensions.getExtension('oewg-cite.oewg-cite'));
  });
});
