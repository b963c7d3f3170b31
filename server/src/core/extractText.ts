// The readers of PDF and Word drafts (pdfText.ts, wordText.ts) behind one
// call. The worker thread (server/src/extraction/worker.ts) runs this; the
// language server and the CLI never load it themselves, so their bundles
// carry no PDF or Word library.
import * as path from 'path';
import type { DraftExtractor } from './draftExtraction';
import { pdfLooksTruncated, PdfReadError, pdfToText } from './pdfText';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './readPolicy';
import { docxToText, WordReadError } from './wordText';

const EXTRACTORS: Record<string, { kind: string; extract(data: Uint8Array, limits: ReadLimits): Promise<string> }> = {
  '.pdf': { kind: 'PDF', extract: (data) => pdfToText(data) },
  '.docx': { kind: 'Word', extract: (data, limits) => docxToText(data, { maxXmlBytes: limits.maxWordXmlBytes }) },
};

/** The text of a PDF or Word draft and what to tell about it; throws an Error whose message says why it cannot be read. */
export async function extractDraftText(file: string, data: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<{ text: string; warnings: string[] }> {
  const extractor = EXTRACTORS[path.extname(file).toLowerCase()];
  if (!extractor) throw new Error(`${path.basename(file)} is neither a PDF nor a Word (.docx) file`);
  try {
    const text = await extractor.extract(data, limits);
    return { text, warnings: extractor.kind === 'PDF' && pdfLooksTruncated(data) ? [`${path.basename(file)} seems truncated (it does not end with %%EOF): pages may be missing`] : [] };
  } catch (error) {
    // The readers' own errors are written for the user; anything else is a library failing on odd input.
    const message = String((error as { message?: string })?.message ?? error);
    throw new Error(error instanceof PdfReadError || error instanceof WordReadError ? message : `the ${extractor.kind} reader failed (${message})`, { cause: error });
  }
}

/** Extraction on the calling thread, for tests; the server and the CLI use a worker. Its version does not follow the readers' code: give it no disk store. */
export const IN_PROCESS_EXTRACTOR: DraftExtractor = {
  version: 'in-process',
  extract: (file, data, limits) => extractDraftText(file, data, limits),
};
