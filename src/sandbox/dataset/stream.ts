/**
 * One ordered stream of records (tickets by generated_timestamp, issues by updated, calls by start):
 * a base of n generated records whose time increases with the index, and a small overlay of later
 * versions appended by mutations (changed records, new records). A record is served once, at its
 * latest version visible as of a cutoff time; until a newer version becomes visible, the older one
 * is served in its place (which is how a lagging search index behaves).
 *
 * Nothing is materialized: iterating 1,000,000 base records generates them one by one.
 */
export interface StreamKey {
  time: number;
  index: number;
}

export interface OverlayEntry<P> {
  index: number;
  time: number;
  patch: P;
}

export interface StreamSpec<T, P> {
  n: number;
  timeOf(i: number): number;
  base(i: number, time: number): T;
  /** A record that a mutation created (index >= n). */
  create(i: number, time: number, patch: P): T;
  apply(model: T, patch: P, time: number): T;
}

export interface StreamView<T, P> {
  readonly n: number;
  /** Base records plus records created by mutations. */
  total(): number;
  /** The latest time of any version (base or overlay). */
  lastTime(): number;
  overlay(): readonly OverlayEntry<P>[];
  /** Appends versions; their times must be after lastTime(). */
  append(entries: OverlayEntry<P>[]): void;
  /** Records with key > after (or all when null), visible as of cutoff, ascending. */
  forward(after: StreamKey | null, cutoff: number): Generator<{ key: StreamKey; model: () => T }>;
  /** Records with key < before, visible as of cutoff, descending. */
  backward(before: StreamKey | null, cutoff: number): Generator<{ key: StreamKey; model: () => T }>;
  /** The latest version of record i as of cutoff (Infinity: the latest of all). */
  latest(i: number, cutoff?: number): T | undefined;
  /** The overlay versions of record i, oldest first. */
  versionsOf(i: number): readonly OverlayEntry<P>[];
}

const after = (a: StreamKey, b: StreamKey): boolean =>
  a.time > b.time || (a.time === b.time && a.index > b.index);

export function createStreamView<T, P>(spec: StreamSpec<T, P>): StreamView<T, P> {
  const overlay: OverlayEntry<P>[] = [];
  const positions = new Map<number, number[]>();
  let created = 0;
  const baseLast = spec.n > 0 ? spec.timeOf(spec.n - 1) : 0;

  const keyOfBase = (i: number): StreamKey => ({ time: spec.timeOf(i), index: i });
  const keyOfOverlay = (p: number): StreamKey => ({ time: overlay[p]!.time, index: overlay[p]!.index });

  /** Is overlay position p (or the base record when p = -1) the version visible as of cutoff? */
  function visible(index: number, p: number, cutoff: number): boolean {
    const ps = positions.get(index);
    if (!ps) return p === -1;
    const next = p === -1 ? ps[0] : ps[ps.indexOf(p) + 1];
    return next === undefined || overlay[next]!.time > cutoff;
  }

  function modelAt(index: number, p: number): T {
    const ps = positions.get(index) ?? [];
    let model: T | undefined = index < spec.n ? spec.base(index, spec.timeOf(index)) : undefined;
    if (p !== -1)
      for (const q of ps) {
        if (q > p) break;
        const e = overlay[q]!;
        model =
          model === undefined ? spec.create(index, e.time, e.patch) : spec.apply(model, e.patch, e.time);
      }
    if (model === undefined) throw new Error(`record ${index} has no version`);
    return model;
  }

  function firstBaseAfter(k: StreamKey | null): number {
    if (!k) return 0;
    let lo = 0;
    let hi = spec.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after(keyOfBase(mid), k)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  function firstOverlayAfter(k: StreamKey | null): number {
    if (!k) return 0;
    let lo = 0;
    let hi = overlay.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after(keyOfOverlay(mid), k)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  return {
    n: spec.n,
    total: () => spec.n + created,
    lastTime: () => (overlay.length ? overlay[overlay.length - 1]!.time : baseLast),
    overlay: () => overlay,
    append(entries) {
      const sorted = [...entries].sort((a, b) => a.time - b.time || a.index - b.index);
      const floor = overlay.length ? overlay[overlay.length - 1]!.time : baseLast;
      for (const e of sorted) {
        if (e.time <= floor) throw new Error('overlay versions must be later than every existing version');
        if (e.index >= spec.n && !positions.has(e.index)) created++;
        const list = positions.get(e.index) ?? [];
        list.push(overlay.length);
        positions.set(e.index, list);
        overlay.push(e);
      }
    },
    *forward(k, cutoff) {
      for (let i = firstBaseAfter(k); i < spec.n; i++) {
        const key = keyOfBase(i);
        if (key.time > cutoff) return;
        if (visible(i, -1, cutoff)) yield { key, model: () => modelAt(i, -1) };
      }
      for (let p = firstOverlayAfter(k); p < overlay.length; p++) {
        const key = keyOfOverlay(p);
        if (key.time > cutoff) return;
        if (visible(key.index, p, cutoff)) yield { key, model: () => modelAt(key.index, p) };
      }
    },
    *backward(k, cutoff) {
      const inf = { time: Infinity, index: Infinity };
      const limit = k ?? inf;
      for (let p = firstOverlayAfter(limit) - 1; p >= 0; p--) {
        const key = keyOfOverlay(p);
        if (!after(limit, key)) continue;
        if (key.time <= cutoff && visible(key.index, p, cutoff))
          yield { key, model: () => modelAt(key.index, p) };
      }
      for (let i = Math.min(spec.n, firstBaseAfter(limit)) - 1; i >= 0; i--) {
        const key = keyOfBase(i);
        if (!after(limit, key)) continue;
        if (key.time <= cutoff && visible(i, -1, cutoff)) yield { key, model: () => modelAt(i, -1) };
      }
    },
    latest(i, cutoff = Infinity) {
      const ps = (positions.get(i) ?? []).filter((p) => overlay[p]!.time <= cutoff);
      if (ps.length) return modelAt(i, ps[ps.length - 1]!);
      return i < spec.n && spec.timeOf(i) <= cutoff ? modelAt(i, -1) : undefined;
    },
    versionsOf: (i) => (positions.get(i) ?? []).map((p) => overlay[p]!),
  };
}
