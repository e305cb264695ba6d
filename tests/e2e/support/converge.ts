import { expect } from 'vitest';
import { runCli, runJson, startCli, type CliResult, type RunJson } from './cli.ts';
import type { Killer } from './kill.ts';
import type { E2eWorld } from './sandbox.ts';
import {
  FACT_KINDS,
  mapDiff,
  readOrg,
  readStore,
  type OrgSnapshot,
  type StoreSnapshot,
} from './snapshots.ts';

/** What a clean run against a fresh sandbox leaves: the oracle every faulty or killed run must reach. */
export interface Outcome {
  store: StoreSnapshot;
  org: OrgSnapshot;
}

export async function outcomeOf(w: E2eWorld): Promise<Outcome> {
  return { store: await readStore(w.storeConfig()), org: await readOrg(w.sandbox) };
}

/** The oracle: one `sync` with no fault, which must succeed, and what it leaves. */
export async function cleanOutcome(w: E2eWorld): Promise<Outcome> {
  const r = await runCli(['sync', '--json'], w.env());
  expect([r.code, runJson(r).status]).toEqual([0, 'succeeded']);
  return outcomeOf(w);
}

/** Runs `sync --json` until it succeeds (at most `max` runs); returns every run's result. */
export async function syncUntilSuccess(
  w: E2eWorld,
  max = 3,
): Promise<{ results: CliResult[]; last: RunJson }> {
  const results: CliResult[] = [];
  for (let i = 0; i < max; i++) {
    const r = await runCli(['sync', '--json'], w.env());
    results.push(r);
    if (r.code === 0) return { results, last: runJson(r) };
  }
  throw new Error(
    `sync did not succeed in ${max} runs; last exit ${results.at(-1)?.code}:\n${results.at(-1)?.stdout}\n${results.at(-1)?.stderr.slice(-2000)}`,
  );
}

/** One `sync --json` with a kill hook armed; resolves when the child has exited (killed or not). */
export async function syncWithKiller(w: E2eWorld, killer: Killer): Promise<CliResult> {
  const run = startCli(['sync', '--json'], w.env(), (line, r) => killer.onLine(line, r));
  killer.target = run;
  const result = await run.done;
  killer.target = undefined;
  killer.disarm();
  return result;
}

const stampless = (m: Map<string, string>): Map<string, string> =>
  new Map([...m].map(([k, j]) => [k, JSON.stringify({ ...(JSON.parse(j) as object), systemModstamp: 0 })]));

/**
 * The stored facts, links and Salesforce health fields equal the reference's, and no alert has
 * more than one Task. Scores are computed at each run's own `now`, so they are compared to 0.1
 * (the field's scale) and statuses exactly.
 */
export function expectSameOutcome(got: Outcome, want: Outcome, label: string): void {
  for (const kind of FACT_KINDS) {
    const a = kind === 'account' ? stampless(got.store.facts[kind]) : got.store.facts[kind];
    const b = kind === 'account' ? stampless(want.store.facts[kind]) : want.store.facts[kind];
    expect([label, kind, mapDiff(a, b)]).toEqual([label, kind, []]);
  }
  expect([label, got.store.links.length]).toEqual([label, want.store.links.length]);
  expect(got.store.links).toEqual(want.store.links);

  const diffs: string[] = [];
  for (const [id, fields] of want.org.accounts) {
    const have = got.org.accounts.get(id) ?? {};
    for (const [f, v] of Object.entries(fields)) {
      const h = have[f];
      const same = typeof v === 'number' && typeof h === 'number' ? Math.abs(v - h) <= 0.10001 : h === v;
      // Driver texts quote measured values, which may move with `now` exactly as scores do.
      if (!same && f !== 'Health_Drivers__c') diffs.push(`${id}.${f}: ${String(h)} ≠ ${String(v)}`);
    }
  }
  expect([label, diffs.slice(0, 8)]).toEqual([label, []]);

  const twice = [...got.org.tasksByAlert].filter(([, n]) => n > 1);
  expect([label, 'Tasks per alert > 1', twice]).toEqual([label, 'Tasks per alert > 1', []]);
  const gotKeys = [...got.org.tasksByAlert.keys()].sort();
  const wantKeys = [...want.org.tasksByAlert.keys()].sort();
  expect([label, gotKeys]).toEqual([label, wantKeys]);
}
