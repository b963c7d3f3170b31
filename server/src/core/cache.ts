// The one cache helper of the core: a map bounded by its number of entries
// that forgets the least recently used one first. What a cache may keep is
// decided by its key (a text, a draft's parse); when it is emptied is decided
// by its owner (the workspace state resets its caches when a draft or the
// configuration changes). Nothing else in the core keeps results across calls.

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** The cached value, or `compute()`'s, remembered. */
  getOrCompute(key: K, compute: () => V): V {
    const known = this.get(key);
    return known !== undefined ? known : this.set(key, compute());
  }

  clear(): void {
    this.entries.clear();
  }
}
