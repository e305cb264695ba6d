import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnmatchedReport } from '../../src/sync/stages/match/unmatched-report.ts';
import { allOutputLines, runCli, runJson, type RunJson } from './support/cli.ts';
import { control, openWorld, type E2eWorld } from './support/sandbox.ts';
import { credentialValues, leakyLines } from './support/secrets.ts';
import { readStore, type StoreSnapshot } from './support/snapshots.ts';
import { expectedFacts } from './support/truth.ts';

/** Unlinked facts per source as the generator's ground truth has them: facts minus those it links. */
function truthUnlinked(w: E2eWorld): Record<'zendesk' | 'jira' | 'genesys', number> {
  const t = expectedFacts(w.sandbox.dataset);
  const linked = (kind: string): number => [...t.links.keys()].filter((k) => k.startsWith(`${kind}:`)).length;
  return {
    zendesk: t.ids.ticket.size + t.ids.organization.size - linked('ticket') - linked('organization'),
    jira: t.ids.issue.size - linked('issue'),
    genesys: t.ids.call.size - linked('call'),
  };
}

/** Facts of each kind that have no link in the store. */
function storeUnlinked(s: StoreSnapshot): Record<'call' | 'issue', number> {
  const linked = new Set(s.links.map((l) => l.slice(0, l.indexOf('→'))));
  const count = (kind: 'call' | 'issue'): number =>
    [...s.facts[kind].keys()].filter((id) => !linked.has(`${kind}:${id}`)).length;
  return { call: count('call'), issue: count('issue') };
}

const total = (rules: Record<string, number> | undefined): number =>
  Object.values(rules ?? {}).reduce((a, b) => a + b, 0);

/** The `matched facts to accounts` log line's relink mode. */
const relinkMode = (stderr: string): string | undefined =>
  stderr
    .split('\n')
    .filter((l) => l.includes('"matched facts to accounts"'))
    .map((l) => (JSON.parse(l) as { mode: string }).mode)[0];

describe('what is unlinked now: run records and `health-sync unmatched`', { timeout: 120_000 }, () => {
  let w: E2eWorld;
  const secrets = new Set<string>();
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => {
    for (const s of credentialValues(w.env(), w.sandbox)) secrets.add(s);
    await w.close();
    expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
  });

  const sync = async (...args: string[]): Promise<{ run: RunJson; stderr: string }> => {
    const r = await runCli(['sync', '--json', ...args], w.env());
    const run = runJson(r);
    expect([r.code, run.status, run.stats.errors]).toEqual([0, 'succeeded', []]);
    return { run, stderr: r.stderr };
  };

  let full: RunJson;

  it('every run reports the unlinked facts the store holds, not only those it matched', async () => {
    full = (await sync()).run;
    const truth = truthUnlinked(w);
    for (const source of ['zendesk', 'jira', 'genesys'] as const)
      expect([source, total(full.stats.unmatched[source])]).toEqual([source, truth[source]]);
    expect(truth.zendesk).toBeGreaterThan(0);

    // Nothing changed: the relink has nothing to do, and still reports the same unlinked facts.
    const again = await sync();
    expect(relinkMode(again.stderr)).not.toBe('full');
    expect(again.run.stats.unmatched).toEqual(full.stats.unmatched);
    const text = await runCli(['sync'], w.env());
    expect(text.stdout).toMatch(/unlinked now \(source\/first rule that found nothing\): zendesk\/\S+ \d+/);

    // New calls and issues only (accounts and organizations not re-read): an incremental relink.
    await control(w.sandbox.urls.zendesk, '/__sandbox/mutate', { share: 0.05, seed: 9, spanMs: 1000 });
    await control(w.sandbox.urls.zendesk, '/__sandbox/clock', { advanceMs: 20 * 60_000 });
    const incremental = await sync('--source', 'jira,genesys');
    expect(relinkMode(incremental.stderr)).toBe('incremental');
    // The store, not the generator, is the oracle here: Zendesk was not re-read, so an issue linked
    // through a ticket the mutation deleted is still linked in the store.
    const after = storeUnlinked(await readStore(w.storeConfig()));
    expect(incremental.run.stats.unmatched['zendesk']).toEqual(full.stats.unmatched['zendesk']);
    expect(total(incremental.run.stats.unmatched['genesys'])).toBe(after.call);
    expect(total(incremental.run.stats.unmatched['jira'])).toBe(after.issue);
  });

  it('`health-sync unmatched` lists the keys behind them, without an email address or a phone hash', async () => {
    const r = await runCli(['unmatched', '--json', '--limit', '5'], w.env());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as UnmatchedReport;
    const last = runJson(await runCli(['sync', '--json', '--source', 'jira'], w.env()));
    expect(report.unlinked).toEqual(last.stats.unmatched);

    const z = report.zendesk!;
    expect(z.organizations.length).toBeGreaterThan(0);
    expect(z.organizations.length).toBeLessThanOrEqual(5);
    const orgIds = new Set([...w.sandbox.dataset.truth.organizations()].map((o) => String(o.id)));
    for (const o of z.organizations) expect(orgIds.has(o.id)).toBe(true);
    const tickets = z.organizations.map((o) => o.tickets);
    expect(tickets).toEqual([...tickets].sort((a, b) => b - a));
    for (const d of z.emailDomains) expect(d.domain).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
    for (const i of report.jira!.issues) expect(i.key).toMatch(/^[A-Z]+-\d+$/);
    const g = report.genesys!;
    expect(g.distinctCallers).toBeLessThanOrEqual(g.callsWithCaller);
    expect(
      g.callsWithCaller + g.callsWithoutKey + g.externalOrgIds.reduce((a, e) => a + e.calls, 0),
    ).toBeGreaterThan(0);
    expect(r.stdout).not.toMatch(/@|[0-9a-f]{32}/);

    const text = await runCli(['unmatched', '--source', 'zendesk', '--limit', '3'], w.env());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^zendesk: organizations without an account/m);
    expect(text.stdout).not.toMatch(/^jira:|^genesys:/m);
    expect(text.stdout).toContain(z.organizations[0]!.id);
  });
});
