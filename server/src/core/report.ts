// The citation report of one submission: every citation, the draft it
// resolves to and why, and what is wrong with it — as Markdown, for the
// "Show Citation Report" command.
import * as path from 'path';
import { LanguageService } from './languageService';
import { LineMap } from './lines';
import type { Span } from './model';
import { describeReason } from './resolver';
import { spanHolds } from './spans';

export function citationReport(service: LanguageService, file: string, text: string): string {
  const lines = new LineMap(text);
  const diagnostics = service.diagnostics(file);
  const rows = service.citations(file).map(({ citation, target }) => {
    const line = lines.positionAt(citation.span.start).line + 1;
    const written = text.slice(citation.span.start, citation.span.end).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
    const draft =
      target.kind === 'draft'
        ? `${target.draft.label} (${describeReason(target.reason)})`
        : target.kind === 'unknown-draft'
          ? `unknown: "${target.name}"`
          : target.kind === 'document'
            ? target.name
            : '—';
    const problems = diagnostics
      .filter((found) => onCitation(found.span, citation.span, citation.qualifier?.span))
      .map((found) => `${found.severity}: ${found.message}`.replace(/\|/g, '\\|'));
    return `| ${line} | ${written} | ${draft} | ${problems.length ? problems.join('<br>') : 'ok'} |`;
  });
  const errors = diagnostics.filter((found) => found.severity === 'error').length;
  const current = service.currentDraft();
  return [
    `# Citation report: ${path.basename(file)}`,
    '',
    `${rows.length} citation${rows.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}. Current draft: ${current?.label ?? 'none'}.`,
    '',
    '| line | citation | draft | status |',
    '| ---: | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** A finding on the citation: inside its numbers or its qualifier. */
function onCitation(span: Span, citation: Span, qualifier?: Span): boolean {
  return spanHolds(citation, span) || (qualifier !== undefined && spanHolds(qualifier, span));
}
