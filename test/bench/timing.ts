// The one timing helper of `npm run bench`: runs a step `repeat` times and
// keeps the median. A step may be synchronous or return a promise; a
// synchronous one is timed without going through the event loop.

export interface Timing<T> {
  /** Median of the runs, in milliseconds. */
  median: number;
  min: number;
  runs: number;
  /** What the last run returned. */
  result: T;
}

/** `settle`, when given, runs after each step, outside the timing (to let work a step started finish). */
export async function measure<T>(repeat: number, step: (run: number) => T | Promise<T>, settle?: (result: T) => Promise<unknown>): Promise<Timing<T>> {
  let result!: T;
  const samples: number[] = [];
  for (let run = 0; run < repeat; run++) {
    const start = process.hrtime.bigint();
    const value = step(run);
    result = value instanceof Promise ? await value : value;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (settle) await settle(result);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], min: samples[0], runs: repeat, result };
}

/** Measures and prints one line: label, median, min, runs. */
export async function time<T>(label: string, step: (run: number) => T | Promise<T>, repeat = 5): Promise<T> {
  const timing = await measure(repeat, step);
  console.log(`${label.padEnd(78)} median ${ms(timing.median).padStart(10)}   (min ${ms(timing.min)}, ${repeat} runs)`);
  return timing.result;
}

/** Milliseconds with two decimals below 10 ms, one below 1 s, none above. */
export function ms(value: number): string {
  const digits = value < 10 ? 2 : value < 1000 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}
