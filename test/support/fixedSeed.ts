// Loaded by mocha for `npm test` (.mocharc.json), not by `npm run fuzz`: the
// property tests of `npm test` draw the same cases on every run, so that a
// run's result depends on the code alone; `npm run fuzz` draws new cases each
// time, and a failure there prints the seed that replays it.
import fc from 'fast-check';

if (process.env.OEWG_FUZZ_SEED === undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20261202 });
