// Ours beside VS Code's Markdown language service, in one run, on
// same-shaped documents (see shapes.ts) of 3 000 and 30 000 references:
// keystroke -> diagnostics, first full pass against a 1-character edit, and
// (over LSP) a hover after a keystroke against an unknown-method round trip.
// Numbers and ratios only: a target not met is printed, never a failure.
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { makeTempDir, removeDir } from '../support/tempWorkspace';
import { LspSession } from './lspSession';
import { loadPeer, Peer, PeerSession } from './peer';
import { citingSubmission, Draft, keystroke, linkingMarkdown, Shaped } from './shapes';
import { measure, ms } from './timing';

/** Keystrokes per measurement (alternating between two places); first passes per measurement. */
const KEYSTROKES = 15;
const FIRST_PASSES = 3;
const SIZES = [3_000, 30_000];

const CONFIG = JSON.stringify({ drafts: [{ id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft.txt' }] });

interface Row {
  measure: string;
  lsp?: string;
  inProcess?: string;
  peer?: string;
  ratio?: string;
  target?: string;
}

interface Target {
  describe: string;
  met: (ratio: number) => boolean;
}
const FASTER_THAN_PEER: Target = { describe: '≥ 2× faster than the peer', met: (ratio) => ratio >= 2 };
const CHEAPER_EDIT: Target = { describe: '≥ 10×', met: (ratio) => ratio >= 10 };
const HOVER_NEAR_ROUND_TRIP: Target = { describe: '≤ 2×', met: (ratio) => ratio <= 2 };

function ratio(value: number, target: Target): { ratio: string; target: string } {
  return { ratio: `${value.toFixed(value < 10 ? 2 : 1)}×`, target: `${target.describe}: ${target.met(value) ? 'met' : 'not met'}` };
}

function kB(text: string): string {
  const bytes = Buffer.byteLength(text);
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

/** Keystrokes at the shape's two places in turn: each call gives the place, the new letter and the text after it. */
function typist(shape: Shaped) {
  let text = shape.text;
  let typed = 0;
  return () => {
    const offset = shape.editOffsets[typed++ % 2];
    const next = keystroke(text, offset);
    text = next.text;
    return { offset, letter: next.letter, text };
  };
}

async function ourInProcess(draft: Draft, shape: Shaped) {
  const root = '/bench-peer';
  const file = path.join(root, 'submission.md');
  const newService = () =>
    createLanguageService(new MemoryFileSystem({ [path.join(root, 'oewg-cite.json')]: CONFIG, [path.join(root, 'drafts/zero-draft.txt')]: draft.text }), root);
  const first = await measure(FIRST_PASSES, () => {
    const service = newService();
    service.setDocument(file, shape.text, 1);
    return { service, found: service.diagnostics(file) };
  });
  const { service, found } = first.result;
  const type = typist(shape);
  const keystrokes = await measure(KEYSTROKES, (run) => {
    service.setDocument(file, type().text, run + 2);
    return service.diagnostics(file);
  });
  return { first: first.median, keystroke: keystrokes.median, broken: found.filter((d) => d.code === 'missing-paragraph').length };
}

async function peerInProcess(peer: Peer, shape: Shaped) {
  let session!: PeerSession;
  const first = await measure(FIRST_PASSES, (run) => {
    session?.dispose();
    session = new PeerSession(peer, shape.text, `links-${run}.md`);
    return session.diagnostics();
  });
  const type = typist(shape);
  const keystrokes = await measure(KEYSTROKES, () => {
    const { offset, letter } = type();
    session.edit(offset, 1, letter);
    return session.diagnostics();
  });
  session.dispose();
  return { first: first.median, keystroke: keystrokes.median, broken: first.result.length };
}

async function ourOverLsp(session: LspSession, shape: Shaped, size: number) {
  let file = '';
  const first = await measure(FIRST_PASSES, async (run) => {
    if (file) await session.close(file);
    file = `submission-${size}-${run}.md`;
    // A text the server has never seen, of the same shape and length: the server keeps what it found per block of text.
    return session.open(file, shape.text.replaceAll('We welcome ', `We w${run % 10}lcome `));
  });
  const type = typist(shape);
  const keystroke = async () => {
    const { offset, letter } = type();
    return session.diagnosticsOf(file, await session.keystroke(file, offset, letter));
  };
  const keystrokes = await measure(KEYSTROKES, keystroke);
  // Hovers on the last citation: after a keystroke whose diagnostics are out (the next keystroke is
  // typed outside the timing), and sent right behind a keystroke, waiting for whatever it started.
  await keystroke();
  const settledHovers = await measure(KEYSTROKES, () => session.hover(file, shape.lastReference), keystroke);
  const queuedHovers = await measure(
    KEYSTROKES,
    async () => {
      const { offset, letter } = type();
      const version = await session.keystroke(file, offset, letter);
      return { version, hover: await session.hover(file, shape.lastReference) };
    },
    ({ version }) => session.diagnosticsOf(file, version),
  );
  const roundTrips = await measure(KEYSTROKES, () => session.unknownMethod());
  await session.close(file);
  return {
    first: first.median,
    keystroke: keystrokes.median,
    hover: settledHovers.median,
    queuedHover: queuedHovers.median,
    hovered: settledHovers.result !== null && queuedHovers.result.hover !== null,
    roundTrip: roundTrips.median,
    broken: first.result.filter((d) => d.code === 'missing-paragraph').length,
  };
}

export async function compareWithPeer(draft: Draft): Promise<void> {
  const peer = await loadPeer();
  const slugify = (heading: string) => peer.githubSlugifier.fromHeading(heading).value;
  const root = makeTempDir('bench-peer');
  fs.mkdirSync(path.join(root, 'drafts'));
  fs.writeFileSync(path.join(root, 'oewg-cite.json'), CONFIG);
  fs.writeFileSync(path.join(root, 'drafts', 'zero-draft.txt'), draft.text);
  const session = await LspSession.start(root);
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const ours = citingSubmission(draft, size);
      const theirs = linkingMarkdown(draft, size, slugify);
      const inProcess = await ourInProcess(draft, ours);
      const overLsp = await ourOverLsp(session, ours, size);
      const peerTimes = await peerInProcess(peer, theirs);
      // The peer looks each link's fragment up among the headings one by one, lower-casing both slugs: headings of the number alone are its cheapest case.
      const peerShortest = await peerInProcess(peer, linkingMarkdown(draft, size, slugify, 0));
      const label = `${size.toLocaleString('en-US').replace(',', ' ')} references (ours ${kB(ours.text)}, peer ${kB(theirs.text)} with ${theirs.headings} headings)`;
      console.log(
        `  ${label}: broken references found — ours ${overLsp.broken} over LSP, ${inProcess.broken} in process; peer ${peerTimes.broken}; written ${ours.broken}` +
          (overLsp.hovered ? '' : '; the hover came back empty'),
      );
      rows.push({ measure: `**${label}**` });
      rows.push({
        measure: 'keystroke → diagnostics',
        lsp: ms(overLsp.keystroke),
        inProcess: ms(inProcess.keystroke),
        peer: ms(peerTimes.keystroke),
        ...ratio(peerTimes.keystroke / overLsp.keystroke, FASTER_THAN_PEER),
      });
      rows.push({ measure: '  the same, ours in process', ...ratio(peerTimes.keystroke / inProcess.keystroke, FASTER_THAN_PEER) });
      rows.push({
        measure: '  the same, the peer\'s headings `## N.` alone',
        peer: ms(peerShortest.keystroke),
        ...ratio(peerShortest.keystroke / overLsp.keystroke, FASTER_THAN_PEER),
      });
      rows.push({ measure: 'first full pass', lsp: ms(overLsp.first), inProcess: ms(inProcess.first), peer: ms(peerTimes.first) });
      rows.push({
        measure: 'first full pass ÷ 1-character edit',
        lsp: `${(overLsp.first / overLsp.keystroke).toFixed(1)}×`,
        inProcess: `${(inProcess.first / inProcess.keystroke).toFixed(1)}×`,
        peer: `${(peerTimes.first / peerTimes.keystroke).toFixed(1)}×`,
        ...ratio(overLsp.first / overLsp.keystroke, CHEAPER_EDIT),
      });
      rows.push({ measure: '  the same, ours in process', ...ratio(inProcess.first / inProcess.keystroke, CHEAPER_EDIT) });
      rows.push({ measure: 'unknown-method round trip', lsp: ms(overLsp.roundTrip) });
      rows.push({
        measure: 'hover on the last citation after a keystroke ÷ round trip',
        lsp: ms(overLsp.hover),
        ...ratio(overLsp.hover / overLsp.roundTrip, HOVER_NEAR_ROUND_TRIP),
      });
      rows.push({
        measure: '  the same, sent right behind the keystroke',
        lsp: ms(overLsp.queuedHover),
        ...ratio(overLsp.queuedHover / overLsp.roundTrip, HOVER_NEAR_ROUND_TRIP),
      });
    }
  } finally {
    await session.stop();
    removeDir(root);
  }
  console.log();
  printTable(rows);
}

function printTable(rows: Row[]): void {
  const header: Row = { measure: 'measure', lsp: 'ours over LSP', inProcess: 'ours in process', peer: 'VS Code Markdown LS', ratio: 'ratio', target: 'target' };
  const columns: Array<keyof Row> = ['measure', 'lsp', 'inProcess', 'peer', 'ratio', 'target'];
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const line = (row: Row) => `| ${columns.map((column, i) => (row[column] ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    '\nratio: keystroke rows peer ÷ ours (over LSP unless the row says in process); first-pass rows first pass ÷ edit; hover rows hover ÷ unknown-method round trip, the hover sent ' +
      'once the keystroke\'s diagnostics are out, then right behind the keystroke (waiting for what it started). The peer runs in process only.',
  );
}
