/**
 * One ordered stream of records (tickets by generated_timestamp, issues by updated, calls by start):
 * a base of n generated records whose time increases with the index, and a small overlay of later
 * versions appended by mutations (changed records, new records). A record is served once, at its
 * latest version visible as of a cutoff time; until a newer version becomes visible, the older one
 * is served in its place (which is how a lagging search index behaves, and how an API answers as of
 * its clock). A base record's time is its last change; with `earlier`, it also exists before that,
 * from its creation, in the states the spec says (a ticket new, then replied to, then solved): as of
 * a cutoff before its last change it is served once, at the latest of those versions up to the cutoff.
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
  /**
   * The times of base record i's versions before its last change (`final`, at timeOf(i)), ascending,
   * each before timeOf(i): its creation and the changes that led to the final state. None when omitted.
   */
  earlier?(final: T): number[];
  /** Base record i as it was at one of the times `earlier` gave. */
  asOf?(final: T, time: number): T;
  /** The longest from a base record's first version to its last: bounds the search for records in flight. */
  maxLifeMs?: number;
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

  /** Version times of base records before their last change, memoized for the records in flight. */
  const earlierTimes = new Map<number, number[]>();
  function earlierOf(i: number): number[] {
    let times = earlierTimes.get(i);
    if (times === undefined) {
      times = spec.earlier ? spec.earlier(spec.base(i, spec.timeOf(i))) : [];
      earlierTimes.set(i, times);
    }
    return times;
  }
  const latestAtOrBefore = (times: number[], cutoff: number): number | undefined =>
    times.findLast((x) => x <= cutoff);

  /**
   * Base records whose last change is after cutoff but which existed by then, each at the key of
   * its latest version up to cutoff, ascending. Only the records changed within maxLifeMs after
   * cutoff can be in flight: with the clock at the data's end there are none to look at.
   */
  function inFlight(cutoff: number): { key: StreamKey; time: number }[] {
    if (!spec.earlier || !Number.isFinite(cutoff)) return [];
    const out: { key: StreamKey; time: number }[] = [];
    const end = firstBaseAfter({ time: cutoff + (spec.maxLifeMs ?? Infinity), index: Infinity });
    for (let i = firstBaseAfter({ time: cutoff, index: Infinity }); i < end; i++) {
      const time = latestAtOrBefore(earlierOf(i), cutoff);
      if (time !== undefined) out.push({ key: { time, index: i }, time });
    }
    return out.sort((a, b) => a.key.time - b.key.time || a.key.index - b.key.index);
  }
  const earlierModel = (i: number, time: number): T => {
    const final = modelAt(i, -1);
    return spec.asOf ? spec.asOf(final, time) : final;
  };

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
      const flying = inFlight(cutoff).filter((f) => !k || after(f.key, k));
      let next = 0;
      for (const e of plainForward(k, cutoff)) {
        while (next < flying.length && after(e.key, flying[next]!.key)) yield flyingEntry(flying[next++]!);
        yield e;
      }
      while (next < flying.length) yield flyingEntry(flying[next++]!);
    },
    *backward(k, cutoff) {
      const flying = inFlight(cutoff)
        .filter((f) => !k || after(k, f.key))
        .reverse();
      let next = 0;
      for (const e of plainBackward(k, cutoff)) {
        while (next < flying.length && after(flying[next]!.key, e.key)) yield flyingEntry(flying[next++]!);
        yield e;
      }
      while (next < flying.length) yield flyingEntry(flying[next++]!);
    },
    latest(i, cutoff = Infinity) {
      const ps = (positions.get(i) ?? []).filter((p) => overlay[p]!.time <= cutoff);
      if (ps.length) return modelAt(i, ps[ps.length - 1]!);
      if (i >= spec.n) return undefined;
      if (spec.timeOf(i) <= cutoff) return modelAt(i, -1);
      const time = latestAtOrBefore(earlierOf(i), cutoff);
      return time === undefined ? undefined : earlierModel(i, time);
    },
    versionsOf: (i) => (positions.get(i) ?? []).map((p) => overlay[p]!),
  };

  function flyingEntry(f: { key: StreamKey; time: number }): { key: StreamKey; model: () => T } {
    return { key: f.key, model: () => earlierModel(f.key.index, f.time) };
  }

  function* plainForward(k: StreamKey | null, cutoff: number): Generator<{ key: StreamKey; model: () => T }> {
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
  }

  function* plainBackward(
    k: StreamKey | null,
    cutoff: number,
  ): Generator<{ key: StreamKey; model: () => T }> {
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
  }
}
