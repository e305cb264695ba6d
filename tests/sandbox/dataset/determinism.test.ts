import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataset, type Dataset } from '../../../src/sandbox/dataset/dataset.ts';
import { NOW } from '../helpers.ts';

/** Every record of every stream, serialized in stream order. */
function digest(ds: Dataset): string {
  const h = createHash('sha256');
  const add = (v: unknown): void => void h.update(`${JSON.stringify(v)}\n`);
  for (const a of ds.salesforceAccounts()) add(a);
  add(ds.salesforceUsers());
  add(ds.organizations());
  for (const e of ds.tickets.forward(null, Infinity)) {
    const t = e.model();
    add(t);
    add(ds.user(t.requesterId));
  }
  for (const e of ds.calls.forward(null, Infinity)) add(e.model());
  for (const e of ds.issues.forward(null, Infinity)) add(e.model());
  return h.digest('hex');
}

const options = { seed: 11, accounts: 60, tickets: 2000, calls: 500, issues: 150, now: NOW };

describe('dataset determinism', () => {
  it('gives byte-identical output for the same seed and size', () => {
    expect(digest(createDataset(options))).toBe(digest(createDataset(options)));
  });

  it('gives different output for another seed', () => {
    expect(digest(createDataset({ ...options, seed: 12 }))).not.toBe(digest(createDataset(options)));
  });

  it('computes record i alone exactly as in sequence', () => {
    const ds = createDataset(options);
    const inOrder = [...ds.tickets.forward(null, Infinity)].map((e) => e.model());
    const fresh = createDataset(options);
    for (const i of [1999, 0, 1234, 7]) expect(fresh.tickets.latest(i)).toEqual(inOrder[i]);
    const calls = [...ds.calls.forward(null, Infinity)].map((e) => e.model());
    expect(fresh.calls.latest(321)).toEqual(calls[321]);
  });

  it('serves every stream in the order its API needs', () => {
    const ds = createDataset(options);
    const times = (gen: Iterable<{ key: { time: number } }>): number[] => [...gen].map((e) => e.key.time);
    for (const t of [
      times(ds.tickets.forward(null, Infinity)),
      times(ds.calls.forward(null, Infinity)),
      times(ds.issues.forward(null, Infinity)),
    ]) {
      expect(t.every((x, i) => i === 0 || x >= t[i - 1]!)).toBe(true);
      expect(t[0]!).toBeGreaterThanOrEqual(ds.options.start);
      expect(t.at(-1)!).toBeLessThanOrEqual(NOW);
    }
    // generated_timestamp is whole seconds; the ticket with index i has id i + 1.
    const first = ds.tickets.latest(0)!;
    expect(first.id).toBe(1);
    expect(first.generatedAt % 1000).toBe(0);
  });

  it('reaches any record of a million-ticket stream without generating the others', () => {
    const ds = createDataset({ seed: 1, accounts: 20_000, tickets: 1_000_000, now: NOW });
    const last = ds.tickets.latest(999_999)!;
    const middle = ds.tickets.latest(500_000)!;
    expect(last.id).toBe(1_000_000);
    expect(middle.generatedAt).toBeLessThanOrEqual(last.generatedAt);
    expect(last.generatedAt).toBeLessThanOrEqual(NOW);
    expect(ds.calls.total()).toBe(240_000);
    expect(ds.issues.total()).toBe(50_000);
  });
});
