// `npm run bench -- --scale [--drafts=1000]`: a workspace of many drafts on
// disk (each the Zero Draft with a few paragraphs reworded, ~60 kB) and a
// submission citing every one of them, served by dist/server.js: time to the
// submission's first diagnostics, a workspace-symbol query (first and next),
// and the server's peak memory.
import * as fs from 'fs';
import * as path from 'path';
import { DraftOutline, outlineOf, randomSource, renderOutline, rewordParagraph, syntheticText } from '../support/draftEdits';
import { makeTempDir, removeDir } from '../support/tempWorkspace';
import { LspSession } from './lspSession';
import { Draft } from './shapes';
import { measure, ms } from './timing';

const QUERY = 'critical infrastructure';

/** The label of the k-th draft (1-based), as the submission names it. */
const label = (k: number) => `Round ${k} Draft`;

function writeWorkspace(zero: Draft, count: number): { root: string; bytes: number; submission: string; missing: number } {
  const root = makeTempDir('bench-scale');
  fs.mkdirSync(path.join(root, 'drafts'));
  const base = outlineOf(zero.parsed);
  const numbers = zero.parsed.paragraphs.map((p) => p.number);
  const drafts = [];
  let bytes = 0;
  for (let k = 1; k <= count; k++) {
    const random = randomSource(k);
    let outline: DraftOutline = { ...base, title: base.title?.replace(/Zero Draft/g, label(k)) };
    for (let i = 0; i < 8; i++) {
      const number = numbers[Math.floor(random() * numbers.length)];
      outline = rewordParagraph(outline, number, { at: random(), remove: 3, insert: syntheticText(random, 4).replace(/\.$/, '').toLowerCase().split(' ') });
    }
    const id = `round-${String(k).padStart(4, '0')}`;
    const text = renderOutline(outline).text;
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(root, 'drafts', `${id}.txt`), text);
    drafts.push({ id, label: label(k), path: `drafts/${id}.txt` });
  }
  fs.writeFileSync(path.join(root, 'oewg-cite.json'), JSON.stringify({ drafts, current: drafts[drafts.length - 1].id }, null, 1));
  // Each draft cited by name once (one in 50 to a paragraph it lacks), the current one twice in the same sentence.
  const parts = ['# Response to the drafts', ''];
  let missing = 0;
  for (let k = 1; k <= count; k++) {
    const n = k % 50 === 25 ? String(numbers.length + 1 + (missing++ % 30)) : numbers[(k * 7) % numbers.length];
    parts.push(`We welcome para ${n} of the ${label(k)}, and paras ${numbers[k % numbers.length]} and ${numbers[(k + 3) % numbers.length]} as they stand.`, '');
  }
  return { root, bytes, submission: parts.join('\n'), missing };
}

function line(label: string, value: string, note: string): void {
  console.log(`  ${label.padEnd(76)} ${value.padStart(10)}   (${note})`);
}

export async function runScale(zero: Draft): Promise<void> {
  const count = Number(/^--drafts=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--drafts=')) ?? '')?.[1] ?? 1000);
  const written = await measure(1, () => writeWorkspace(zero, count));
  const { root, bytes, submission, missing } = written.result;
  console.log(`\nScale: ${count} drafts, ${(bytes / 1e6).toFixed(1)} MB on disk (written in ${ms(written.median)}), a submission citing each of them once and the current one ${2 * count} times`);
  let session: LspSession | undefined;
  try {
    const first = await measure(1, async () => {
      session = await LspSession.start(root);
      return session.open('response.md', submission);
    });
    const found = first.result.filter((d) => d.code === 'missing-paragraph').length;
    line("server start to the submission's first diagnostics", ms(first.median), `${first.result.length} diagnostics, ${found} missing paragraphs of ${missing} written`);
    const workspaceSymbols = () => session!.client.request<unknown[]>('workspace/symbol', { query: QUERY });
    const firstQuery = await measure(1, workspaceSymbols);
    const nextQueries = await measure(5, workspaceSymbols);
    line(`workspace symbols "${QUERY}", first query`, ms(firstQuery.median), `${firstQuery.result.length} symbols`);
    line(`workspace symbols "${QUERY}", next queries`, ms(nextQueries.median), 'median of 5');
    const peak = session!.peakMemory();
    line('peak memory of the server (resident)', peak === undefined ? 'not measured' : `${Math.round(peak)} MB`, peak === undefined ? 'no /proc here' : 'VmHWM');
  } finally {
    await session?.stop();
    removeDir(root);
  }
}
