// How the citation scanner's time grows with the length of one block:
// `npx tsx scripts/scan-growth.ts` prints the time per kB at 10 kB, 100 kB
// and 1 MB for a single line full of citations, a line of prose without any,
// the same sentences one per line, and shapes that once made a pattern try a
// run of spaces in many ways. A linear scanner keeps the time per kB about
// constant.
import { scanCitations } from '../server/src/core/citations';

// A shape is a unit repeated to the size, or a function of the size.
const SHAPES: Record<string, string | ((size: number) => string)> = {
  'one line, citations': 'para 12 says “growing in scale” and ¶ 41, paras 9-11. ',
  'one line, no citation': 'States stressed that the threats in the use of ICTs are growing in scale. ',
  'a sentence per line': 'para 12 says “growing in scale” and ¶ 41, paras 9-11.\n',
  'spaces after a citation': (size) => `para 5${' '.repeat(size)}x`,
  'spaces after a list': (size) => `paragraph 5 and 6${' '.repeat(size)}x`,
  'spaced citations': `¶ 1${' '.repeat(100)}`,
  'names before keywords': 'The Revised Zero Working Draft Text para 1 ',
  'keywords, no numbers': 'para paras ¶ paragraph of the ',
};

function repeat(shape: string | ((size: number) => string), bytes: number): string {
  return typeof shape === 'string' ? shape.repeat(Math.ceil(bytes / shape.length)) : shape(bytes);
}

for (const [name, shape] of Object.entries(SHAPES)) {
  const row: string[] = [];
  for (const size of [10_000, 100_000, 1_000_000]) {
    const text = repeat(shape, size);
    const start = process.hrtime.bigint();
    const found = scanCitations(text).length;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    row.push(`${size / 1000} kB: ${ms.toFixed(0)} ms (${((ms / size) * 1000).toFixed(3)} ms/kB, ${found} citations)`);
  }
  console.log(`${name.padEnd(24)} ${row.join('   ')}`);
}
