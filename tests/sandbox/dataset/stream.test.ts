import { describe, expect, it } from 'vitest';
import { createStreamView } from '../../../src/sandbox/dataset/stream.ts';

/** A toy stream: record i at time 10·i, versions named by their patch. */
function toy() {
  return createStreamView<string, string>({
    n: 5,
    timeOf: (i) => i * 10,
    base: (i) => `r${i}`,
    create: (i, _t, p) => `r${i}:${p}`,
    apply: (m, p) => `${m}+${p}`,
  });
}
const run = (gen: Iterable<{ key: { index: number }; model: () => string }>): string[] =>
  [...gen].map((e) => e.model());

describe('versioned streams', () => {
  it('serve each record once, at its latest version visible as of the cutoff', () => {
    const s = toy();
    s.append([
      { index: 2, time: 100, patch: 'a' },
      { index: 5, time: 110, patch: 'new' },
      { index: 2, time: 120, patch: 'b' },
    ]);
    expect(s.total()).toBe(6);
    expect(run(s.forward(null, Infinity))).toEqual(['r0', 'r1', 'r3', 'r4', 'r5:new', 'r2+a+b']);
    // Before a newer version is visible, the older one is served in its place.
    expect(run(s.forward(null, 50))).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(run(s.forward(null, 115))).toEqual(['r0', 'r1', 'r3', 'r4', 'r2+a', 'r5:new']);
    expect(run(s.forward({ time: 30, index: 3 }, Infinity))).toEqual(['r4', 'r5:new', 'r2+a+b']);
    expect(run(s.backward(null, Infinity))).toEqual(['r2+a+b', 'r5:new', 'r4', 'r3', 'r1', 'r0']);
    expect(run(s.backward({ time: 110, index: 5 }, Infinity))).toEqual(['r4', 'r3', 'r1', 'r0']);
    expect(s.latest(2, 105)).toBe('r2+a');
    expect(s.latest(5, 100)).toBeUndefined();
  });

  it('serve a record from its creation, at its latest earlier version up to the cutoff', () => {
    // Record i is created at 10·i − 25 and replied to at 10·i − 5, its last change at 10·i.
    const s = createStreamView<string, string>({
      n: 5,
      timeOf: (i) => i * 10,
      base: (i) => `r${i}`,
      create: (i) => `r${i}`,
      apply: (m, p) => `${m}+${p}`,
      earlier: (m) => {
        const i = Number(m.slice(1));
        return [i * 10 - 25, i * 10 - 5].filter((t) => t >= 0);
      },
      asOf: (m, t) => `${m}@${t}`,
      maxLifeMs: 25,
    });
    // At 22, r0..r2 are in their last state, r3 and r4 as created (at 5 and 15).
    expect(run(s.forward(null, 22))).toEqual(['r0', 'r3@5', 'r1', 'r4@15', 'r2']);
    expect(run(s.backward(null, 22))).toEqual(['r2', 'r4@15', 'r1', 'r3@5', 'r0']);
    // After a read up to r4@15, r3 comes again once a newer version passes the cursor (its reply at
    // 25), and once, at its latest, when several have (the reply and the last change at 30).
    expect(run(s.forward({ time: 15, index: 4 }, 26))).toEqual(['r2', 'r3@25']);
    expect(run(s.forward({ time: 20, index: 2 }, 36))).toEqual(['r3', 'r4@35']);
    expect(run(s.forward({ time: 20, index: 2 }, 40))).toEqual(['r3', 'r4']);
    expect(s.latest(4, 14)).toBeUndefined();
    expect(s.latest(4, 36)).toBe('r4@35');
    expect(s.latest(4, 40)).toBe('r4');
  });

  it('refuse versions older than what exists', () => {
    const s = toy();
    expect(() => s.append([{ index: 1, time: 40, patch: 'x' }])).toThrow();
  });
});
