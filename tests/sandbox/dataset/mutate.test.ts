import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/dataset/dataset.ts';
import { NOW } from '../helpers.ts';

const options = { seed: 5, accounts: 100, now: NOW };
const AT = NOW + 3_600_000;

describe('dataset.mutate', () => {
  it('changes about the share asked for, as versions at the end of each stream', () => {
    const ds = createDataset(options);
    const before = {
      tickets: ds.tickets.lastTime(),
      calls: ds.calls.lastTime(),
      issues: ds.issues.lastTime(),
    };
    const s = ds.mutate({ share: 0.02, seed: 9, at: AT });
    const changedTickets =
      s.tickets.updated.length +
      s.tickets.system.length +
      s.tickets.deleted.length +
      s.tickets.created.length;
    expect(changedTickets).toBeGreaterThan(80);
    expect(changedTickets).toBeLessThan(120);
    expect(s.tickets.created.length).toBeGreaterThan(0);
    expect(s.tickets.deleted.length).toBeGreaterThan(0);
    expect(s.tickets.system.length).toBeGreaterThan(0);
    expect(s.calls.created).toBe(24);
    expect(s.issues.updated.length + s.issues.created.length).toBe(5);
    expect(s.accounts.length).toBe(2);
    expect(s.organizations.length).toBeGreaterThan(0);
    for (const e of ds.tickets.overlay()) expect(e.time).toBeGreaterThan(before.tickets);
    for (const e of ds.calls.overlay()) expect(e.time).toBeGreaterThan(before.calls);
    for (const e of ds.issues.overlay()) expect(e.time).toBeGreaterThan(before.issues);
    expect(ds.tickets.total()).toBe(5000 + s.tickets.created.length);
  });

  it('serves a changed ticket once, at its new position, and a deleted one as status "deleted"', () => {
    const ds = createDataset(options);
    const s = ds.mutate({ share: 0.01, seed: 1, at: AT });
    const served = [...ds.tickets.forward(null, Infinity)].map((e) => e.model());
    expect(new Set(served.map((t) => t.id)).size).toBe(served.length);
    expect(served).toHaveLength(ds.tickets.total());
    const deletedId = s.tickets.deleted[0]!;
    const deleted = served.find((t) => t.id === deletedId)!;
    expect(deleted.status).toBe('deleted');
    expect(served.findIndex((t) => t.id === deletedId)).toBeGreaterThan(5000 - 60);
    expect(ds.truth.ticket(deletedId)!.deleted).toBe(true);
  });

  it('can change only generated_timestamp (a system update), leaving updated_at alone', () => {
    const ds = createDataset(options);
    const s = ds.mutate({ share: 0.02, seed: 4, at: AT });
    const id = s.tickets.system[0]!;
    const now = ds.tickets.latest(id - 1)!;
    const base = createDataset(options).tickets.latest(id - 1)!;
    expect(now.generatedAt).toBeGreaterThan(base.generatedAt);
    expect(now.updatedAt).toBe(base.updatedAt);
    expect({ ...now, generatedAt: 0 }).toEqual({ ...base, generatedAt: 0 });
  });

  it('touches Salesforce accounts (new SystemModstamp) but never the scenario accounts', () => {
    const ds = createDataset(options);
    const stamp = (v: unknown): number => Date.parse(String(v).replace('+0000', 'Z'));
    const latest = Math.max(...[...ds.salesforceAccounts()].map((a) => stamp(a.SystemModstamp)));
    const s = ds.mutate({ share: 0.05, seed: 2, at: AT });
    const accounts = [...ds.salesforceAccounts()];
    for (const id of s.accounts)
      expect(stamp(accounts.find((a) => a.Id === id)!.SystemModstamp)).toBeGreaterThan(latest);
    expect(s.accounts).not.toContain(ds.scenarios.trouble);
  });

  it('is deterministic for a mutation seed and keeps the ground truth consistent', () => {
    const a = createDataset(options);
    const b = createDataset(options);
    expect(a.mutate({ share: 0.01, seed: 3, at: AT })).toEqual(b.mutate({ share: 0.01, seed: 3, at: AT }));
    const truth = [...a.truth.tickets()];
    expect(truth).toHaveLength(a.tickets.total());
    expect(truth.filter((t) => t.deleted).length).toBeGreaterThan(0);
  });
});
