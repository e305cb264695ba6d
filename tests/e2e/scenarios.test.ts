import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/config/mappings/load.ts';
import { saveScores, scoreAccounts } from '../../src/sync/stages/score-accounts.ts';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { allOutputLines, runCli, runJson } from './support/cli.ts';
import { credentialValues, leakyLines } from './support/secrets.ts';
import { openWorld, type E2eWorld } from './support/sandbox.ts';
import { readOrg } from './support/snapshots.ts';

const DAY_MS = 86_400_000;

/**
 * Issue 6 end to end: the accounts the generator built healthy, deteriorating and in trouble come
 * out green, falling and red; issue 17: the busy account whose contacts are all handled well is not
 * red. History is made as `health-sync demo` makes it: scores for 30 and 7 days ago computed from
 * the stored facts, then a second sync. (quiet_churning, whose only sign is its falling uptime, needs
 * a scorecard measure of Uptime_30d__c to come out other than green.)
 */
describe('scenario accounts through the real CLI', { timeout: 120_000 }, () => {
  let w: E2eWorld;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => {
    const secrets = credentialValues(w.env(), w.sandbox);
    await w.close();
    expect(leakyLines(allOutputLines, secrets)).toEqual([]);
  });

  it('healthy is green, deteriorating falls over 30 days, trouble is red (in the store and in Salesforce)', async () => {
    const first = await runCli(['sync', '--json'], w.env());
    expect([first.code, runJson(first).status]).toEqual([0, 'succeeded']);

    const { mappings } = await loadMappings(join(w.dir, 'mappings'));
    const store = openSqliteStore(w.dbPath());
    try {
      const now = w.sandbox.clock.now();
      for (const daysAgo of [30, 7])
        await saveScores(
          store,
          await scoreAccounts(store, mappings, now - daysAgo * DAY_MS),
          now - daysAgo * DAY_MS,
        );
    } finally {
      await store.close();
    }
    const second = await runCli(['sync', '--json'], w.env());
    expect([second.code, runJson(second).status]).toEqual([0, 'succeeded']);

    const { healthy, deteriorating, trouble, noisy_happy } = w.sandbox.dataset.scenarios;
    const after = openSqliteStore(w.dbPath());
    const scores = await after.scores.latestAll();
    await after.close();
    const h = scores.get(healthy)!;
    const d = scores.get(deteriorating)!;
    const t = scores.get(trouble)!;
    const n = scores.get(noisy_happy)!;
    console.log(
      `scenarios: healthy ${h.status} ${h.score?.toFixed(1)} (30d ${h.trend30d}), ` +
        `deteriorating ${d.status} ${d.score?.toFixed(1)} (30d ${d.trend30d}), trouble ${t.status} ${t.score?.toFixed(1)}, ` +
        `noisy_happy ${n.status} ${n.score?.toFixed(1)}`,
    );
    // Healthy: satisfied, on SLA, nobody coming back about the same problem; green.
    expect(h.status).toBe('green');
    // Trouble: unhappy, breached, escalated, people coming back about what was not solved; red.
    expect(t.status).toBe('red');
    // Many contacts answered fast and well, nobody coming back, nothing escalated: a CSM would not
    // flag this account, so neither may the score.
    expect(n.status).not.toBe('red');
    expect(n.score!).toBeGreaterThan(t.score!);
    // The repeat-contact measure tells them apart: healthy's people come back no more than by
    // chance, trouble's keep coming back.
    const repeats = (s: typeof h): number | null | undefined =>
      s.measures?.find((m) => m.id === 'repeat_contacts')?.subScore;
    expect(repeats(h)).toBe(100);
    expect(repeats(n)).toBe(100);
    expect(repeats(t)!).toBeLessThan(50);
    expect(d.trend30d).not.toBeNull();
    expect(d.trend30d!).toBeLessThan(0);
    expect(d.status).not.toBe('green');
    expect(d.score!).toBeLessThan(h.score!);
    expect(t.score!).toBeLessThan(h.score!);

    const org = await readOrg(w.sandbox);
    expect(org.accounts.get(healthy)?.['Health_Status__c']).toBe('green');
    expect(org.accounts.get(trouble)?.['Health_Status__c']).toBe('red');
    expect(org.accounts.get(deteriorating)?.['Health_Trend_30d__c']).toBe(Math.round(d.trend30d! * 10) / 10);
    // The drop and the trouble signals reached the account owners as Tasks.
    const tasksOn = (id: string): number =>
      [...org.tasksByAlert.keys()].filter((k) => k.startsWith(`${id}|`)).length;
    expect(tasksOn(trouble)).toBeGreaterThan(0);
    // Healthy gets no Task: no drop, no risk language, no dispute, and its busiest week is no
    // spike against its own normal.
    expect(tasksOn(healthy)).toBe(0);
    // Trouble's contacts are a spike against its own normal: the burst alert fires.
    const bursts = (id: string): number =>
      [...org.tasksByAlert.keys()].filter((k) => k.startsWith(`${id}|signal:contact-burst:`)).length;
    expect(bursts(trouble)).toBe(1);
    // Noisy_happy's many contacts are its normal week, not a burst.
    expect(bursts(noisy_happy)).toBe(0);
  });
});
