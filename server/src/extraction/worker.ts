// dist/extractWorker.js: the worker thread that reads PDF and Word drafts
// (unpdf, mammoth) for workerExtractor.ts, so that the thread answering the
// editor never waits behind a 40-page PDF. One request at a time:
// { id, file, data, limits } in, { id, text, warnings } or { id, error } out.
import { parentPort } from 'worker_threads';
import { extractDraftText } from '../core/extractText';
import type { ReadLimits } from '../core/readPolicy';

export interface ExtractRequest {
  id: number;
  file: string;
  data: Uint8Array;
  limits?: ReadLimits;
}

export type ExtractResponse = { id: number; text: string; warnings: string[] } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', async (request: ExtractRequest) => {
    let response: ExtractResponse;
    try {
      response = { id: request.id, ...(await extractDraftText(request.file, request.data, request.limits)) };
    } catch (error) {
      response = { id: request.id, error: String((error as { message?: string })?.message ?? error) };
    }
    port.postMessage(response);
  });
}
