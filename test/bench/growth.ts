// npx tsx test/bench/growth.ts: how the cost of checking a submission grows
// with the length of one block. Each shape is built at sizes ten times apart
// and fully checked (every diagnostic of the service) against the sample
// workspace's drafts; the script prints the time and peak memory of each size
// and the ratio time(10 × size) / time(size). Linear work gives a ratio near
// 10; quadratic work gives 100.
//
// Each measurement runs in a child process of its own, so peak memory is its
// own and one that runs away is stopped (after --timeout seconds, 120 by
// default) instead of holding up the rest.
//
//   npx tsx test/bench/growth.ts                  every shape, every size
//   npx tsx test/bench/growth.ts one-line         one shape
//   npx tsx test/bench/growth.ts --timeout 30     give up on a size after 30 s
//
// Numbers only, no thresholds.
import { fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';
import { samplesDir } from '../support/paths';

const SENTENCE = 'para 12 says “growing in scale” and ¶ 41, paras 9-11. ';
const FRONT_MATTER = '---\ndraft: zero-draft\n---\n\n';

/** A document of about `size` characters: `unit` repeated, joined by `joiner`. */
function repeated(unit: string, joiner: string, size: number): string {
  const count = Math.max(1, Math.round(size / (unit.length + joiner.length)));
  return FRONT_MATTER + Array.from({ length: count }, () => unit).join(joiner) + '\n';
}

/** The words of the sample Zero Draft's paragraphs, in order, as many times as it takes. */
function draftWords(count: number): string {
  const draft = fs.readFileSync(path.join(samplesDir, 'drafts', 'zero-draft.txt'), 'utf8');
  const words = draft.split(/\s+/).filter((w) => /^[a-z]+[,.]?$/i.test(w));
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) out.push(words[i % words.length]);
  return out.join(' ');
}

/** The sample submission's body (front matter and title left out), repeated to `size`. */
function submissionOf(size: number): string {
  const sample = fs.readFileSync(path.join(samplesDir, 'submissions', 'response-to-zero-draft.md'), 'utf8');
  const body = sample.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^\s*#[^\n]*\n/, '');
  const copies = Math.max(1, Math.round(size / body.length));
  return FRONT_MATTER + Array.from({ length: copies }, () => body).join('\n\n');
}

interface Shape {
  name: string;
  what: string;
  sizes: number[];
  build(size: number): string;
}

const SHAPES: Shape[] = [
  {
    name: 'one-line',
    what: 'the sentence repeated on one line',
    sizes: [11e3, 110e3, 1.1e6],
    build: (size) => repeated(SENTENCE.trimEnd(), ' ', size),
  },
  {
    name: 'line-per-sentence',
    what: 'the sentence once per line, no blank lines',
    sizes: [11e3, 110e3, 1.1e6],
    build: (size) => repeated(SENTENCE.trimEnd(), '\n', size),
  },
  {
    name: 'long-quote',
    what: 'one long quotation of draft words, with its citation',
    sizes: [10e3, 100e3, 1e6],
    build: (size) => `${FRONT_MATTER}As para 12 puts it, “${draftWords(Math.round(size / 7))}”.\n`,
  },
  {
    name: 'submission',
    what: 'the sample submission repeated (paragraphs, citations, quotes)',
    sizes: [100e3, 1e6, 10e6],
    build: submissionOf,
  },
];

interface Measurement {
  chars: number;
  ms: number;
  diagnostics: number;
  rssMB: number;
}

/** In a child: build one document, check it fully, send back the numbers. */
function measure(shape: Shape, size: number): Measurement {
  const files: Record<string, string> = {};
  for (const name of ['oewg-cite.json', 'drafts/zero-draft.txt', 'drafts/first-draft.md']) {
    files[path.join('/growth', name)] = fs.readFileSync(path.join(samplesDir, name), 'utf8');
  }
  const service = createLanguageService(new MemoryFileSystem(files), '/growth');
  // Index the drafts first, on a small submission: the measurement is about the block.
  const warmUp = '/growth/submissions/warm-up.md';
  service.setDocument(warmUp, `${FRONT_MATTER}As para 12 says, “growing in scale”.\n`, 1);
  service.diagnostics(warmUp);
  const text = shape.build(size);
  const file = '/growth/submissions/growth.md';
  const start = process.hrtime.bigint();
  service.setDocument(file, text, 1);
  const diagnostics = service.diagnostics(file).length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { chars: text.length, ms, diagnostics, rssMB: process.resourceUsage().maxRSS / 1024 };
}

function runChild(shape: Shape, size: number, timeoutSeconds: number): Promise<Measurement | 'timeout' | string> {
  return new Promise((resolve) => {
    const child = fork(__filename, ['--child', shape.name, String(size)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: Measurement | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('timeout');
    }, timeoutSeconds * 1000);
    child.on('message', (m) => (result = m as Measurement));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(result ?? `failed (exit ${code})`);
    });
  });
}

function kB(chars: number): string {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} MB` : `${(chars / 1e3).toFixed(0)} kB`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const shape = SHAPES.find((s) => s.name === args[1])!;
    const m = measure(shape, Number(args[2]));
    // Run by hand (node --cpu-prof --import tsx test/bench/growth.ts --child one-line 110000): print.
    if (process.send) process.send(m);
    else console.log(JSON.stringify(m));
    return;
  }
  const timeoutAt = args.indexOf('--timeout');
  const timeoutSeconds = timeoutAt >= 0 ? Number(args[timeoutAt + 1]) : 120;
  const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--timeout');
  const shapes = names.length ? SHAPES.filter((s) => names.includes(s.name)) : SHAPES;
  console.log(`oewg-cite growth — node ${process.version}, ${new Date().toISOString()}, timeout ${timeoutSeconds} s\n`);
  for (const shape of shapes) {
    console.log(`${shape.name}: ${shape.what}`);
    let previous: number | undefined;
    let gaveUp = false;
    for (const size of shape.sizes) {
      if (gaveUp) {
        console.log(`  ${kB(size).padStart(8)}  not run (the smaller size timed out)`);
        continue;
      }
      const m = await runChild(shape, size, timeoutSeconds);
      if (typeof m === 'string') {
        console.log(`  ${kB(size).padStart(8)}  ${m === 'timeout' ? `> ${timeoutSeconds} s (stopped)` : m}`);
        gaveUp = true;
        continue;
      }
      const ratio = previous === undefined ? '' : `   ×${(m.ms / previous).toFixed(1)} for ×10 size`;
      console.log(
        `  ${kB(m.chars).padStart(8)}  ${m.ms.toFixed(0).padStart(7)} ms  ${m.rssMB.toFixed(0).padStart(5)} MB peak  ${String(m.diagnostics).padStart(7)} diagnostics${ratio}`,
      );
      previous = m.ms;
    }
    console.log('');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
