// The span helpers every feature shares: the binary searches agree with a
// plain scan from the start on any ordered input.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import type { Span } from '../../server/src/core/model';
import { countBefore, lastStartingAtOrBefore, overlapsAny, spanHolds, spansTouch, touchesOffset } from '../../server/src/core/spans';

/** Spans in text order that do not overlap one another (empty ones allowed), built from gaps and lengths. */
const orderedSpans = fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 30 }).map((steps) => {
  const spans: Span[] = [];
  let at = 0;
  for (const [gap, length] of steps) {
    const start = at + gap;
    spans.push({ start, end: start + length });
    at = start + length;
  }
  return spans;
});

const spanWithin = fc.tuple(fc.nat(120), fc.nat(8)).map(([start, length]) => ({ start, end: start + length }));

describe('spans', () => {
  it('countBefore: how many leading items come before, as a scan finds it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (values, limit) => {
        const sorted = [...values].sort((a, b) => a - b);
        const scanned = sorted.filter((value) => value < limit).length;
        assert.equal(countBefore(sorted, (value) => value < limit), scanned);
      }),
    );
  });

  it('lastStartingAtOrBefore: the item holding or preceding an offset, as a scan finds it', () => {
    fc.assert(
      fc.property(orderedSpans, fc.nat(130), (spans, offset) => {
        const items = spans.map((span, index) => ({ span, index }));
        const scanned = items.filter((item) => item.span.start <= offset).pop();
        assert.equal(lastStartingAtOrBefore(items, offset), scanned);
      }),
    );
    assert.equal(lastStartingAtOrBefore([{ span: { start: 4, end: 9 } }], 3), undefined);
  });

  it('overlapsAny: whether a span overlaps one of the spans, as a scan finds it', () => {
    fc.assert(
      fc.property(orderedSpans, spanWithin, (spans, span) => {
        const scanned = spans.some((other) => other.end > span.start && other.start < span.end);
        assert.equal(overlapsAny(span, spans), scanned, JSON.stringify({ spans, span }));
      }),
    );
  });

  it('spansTouch and touchesOffset count the ends (a cursor right after a citation is on it); spanHolds takes the ends in', () => {
    assert.ok(spansTouch({ start: 3, end: 7 }, { start: 7, end: 7 }));
    assert.ok(spansTouch({ start: 3, end: 7 }, { start: 0, end: 3 }));
    assert.ok(!spansTouch({ start: 3, end: 7 }, { start: 8, end: 9 }));
    assert.ok(touchesOffset({ start: 3, end: 7 }, 3) && touchesOffset({ start: 3, end: 7 }, 7));
    assert.ok(!touchesOffset({ start: 3, end: 7 }, 8) && !touchesOffset({ start: 3, end: 7 }, 2));
    assert.ok(spanHolds({ start: 3, end: 7 }, { start: 3, end: 7 }) && spanHolds({ start: 3, end: 7 }, { start: 4, end: 6 }));
    assert.ok(!spanHolds({ start: 3, end: 7 }, { start: 2, end: 6 }) && !spanHolds({ start: 3, end: 7 }, { start: 4, end: 8 }));
  });
});
