// The one cache helper of the core: a map bounded by its number of entries.
// It keeps two generations: what was used since the last turnover, and what
// was used in the one before; a hit in the older one moves the entry to the
// younger, and when the younger is full the older is forgotten. So what is in
// use stays, at the cost of one Map lookup per hit — no reordering on every
// read, which matters when a keystroke looks up every block of a long file.
// What a cache may keep is decided by its key; when it is emptied as a whole,
// by its owner (the workspace state makes new caches when a draft, the
// configuration or the settings change).

export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  /** `limit`: entries kept in each generation (so at most twice as many in all). */
  constructor(private readonly limit: number) {}

  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): V {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    return value;
  }

  /** The cached value, or `compute()`'s, remembered. */
  getOrCompute(key: K, compute: () => V): V {
    const known = this.get(key);
    return known !== undefined ? known : this.set(key, compute());
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
