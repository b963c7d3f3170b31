// Span arithmetic the features share: whether spans meet, and the binary
// searches over things in text order (lines, headings, URLs, a sorted
// vocabulary).
import type { Span } from './model';

/** Whether two spans share a character or touch (a cursor at the end of a citation is on it). */
export function spansTouch(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whether `outer` holds all of `inner`. */
export function spanHolds(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Whether `offset` is inside `span` or at either end of it (where a cursor still counts as on it). */
export function touchesOffset(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/**
 * The number of leading items for which `before` holds, by binary search:
 * `before` must hold for a prefix of `items` and for nothing after it.
 */
export function countBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(items[mid])) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The last item starting at or before `offset` (items in the order of their starts). */
export function lastStartingAtOrBefore<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  const count = countBefore(items, (item) => item.span.start <= offset);
  return count > 0 ? items[count - 1] : undefined;
}

/** Whether `span` overlaps one of `spans` (in text order, not overlapping each other): one ends after it starts and starts before it ends. */
export function overlapsAny(span: Span, spans: readonly Span[]): boolean {
  // The scanners ask this once per candidate on long texts: the first span ending after `span` starts is the only one to look at.
  const first = countBefore(spans, (other) => other.end <= span.start);
  return first < spans.length && spans[first].start < span.end;
}
