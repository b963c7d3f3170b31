// What the draft-history, quotation and UN-document features give a user of
// the sample submission in a real editor: diagnostics in words, a quick fix
// that rewrites only the number, hovers, and symbols as links.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { activated, diagnosticCode, diagnosticsWhen, eventually, hoverContaining, open, plain, positionOf } from '../../support/editor';

const SUBMISSION = 'submissions/response-to-zero-draft.md';

describe('features on the sample submission', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await open(SUBMISSION)).document;
    await activated();
  });

  it('says where a cited Zero Draft paragraph went, and retargets it with a quick fix', async () => {
    const editor = await open(SUBMISSION);
    const at = positionOf(editor.document, 'para 12 that', 5);
    const [renumbered] = await diagnosticsWhen(editor.document.uri, 'the renumbering of para 12', (found) =>
      found.some((d) => diagnosticCode(d) === 'paragraph-renumbered' && d.range.contains(at)),
    ).then((found) => found.filter((d) => diagnosticCode(d) === 'paragraph-renumbered' && d.range.contains(at)));
    assert.equal(renumbered.message, 'para 12 of the Zero Draft is now para 9 of the First Draft');
    assert.equal(renumbered.severity, vscode.DiagnosticSeverity.Information);
    const actions = await eventually('a retarget quick fix', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', editor.document.uri, renumbered.range, vscode.CodeActionKind.QuickFix.value);
      return found?.some((action) => action.title.startsWith('Retarget')) ? found : undefined;
    });
    const retarget = actions.find((action) => action.title === 'Retarget to para 9 of the First Draft');
    assert.ok(retarget?.edit, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    const line = editor.document.lineAt(at.line).text;
    try {
      assert.ok(await vscode.workspace.applyEdit(retarget.edit));
      assert.equal(editor.document.lineAt(at.line).text, line.replace('in para 12 that', 'in para 9 of the First Draft that'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(editor.document.lineAt(at.line).text, line);
  });

  it('names the words a quotation gets wrong, and hovers the quotation with the draft passage', async () => {
    const quote = positionOf(document, 'small businesses', 6);
    const [differs] = (
      await diagnosticsWhen(document.uri, 'the misquotation of para 14', (found) => found.some((d) => diagnosticCode(d) === 'quote-differs'))
    ).filter((d) => diagnosticCode(d) === 'quote-differs');
    assert.equal(differs.message, "quote differs from para 14: 'businesses' ≠ 'enterprises'");
    assert.ok(differs.range.contains(quote), 'the diagnostic marks the quotation');
    const hover = plain(await hoverContaining(document.uri, quote, 'Quotation — near match'));
    assert.match(hover, /para 14 of the Zero Draft/);
    assert.match(hover, /enterprises/);
  });

  it('hovers a UN document symbol with what is known of it, and makes it a link to the official text', async () => {
    const symbol = positionOf(document, 'A/70/174', 2);
    const hover = plain(await hoverContaining(document.uri, symbol, 'Report of the Group of Governmental Experts'));
    assert.match(hover, /Date: 2015-07-22/);
    assert.match(hover, /undocs\.org\/A\/70\/174/);
    const links = await eventually('a link on A/70/174', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
      return found?.some((link) => link.range.contains(symbol)) ? found : undefined;
    });
    const link = links.find((found) => found.range.contains(symbol))!;
    assert.equal(link.target?.toString(true), 'https://undocs.org/A/70/174');
  });
});
