import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/config/mappings/load.ts';
import { saveScores, scoreAccounts } from '../../src/sync/stages/score-accounts.ts';
import { allOutputLines, runCli, runJson } from './support/cli.ts';
import { credentialValues, leakyLines } from './support/secrets.ts';
import { openWorld, type E2eWorld } from './support/sandbox.ts';
import { readOrg } from './support/snapshots.ts';

const DAY_MS = 86_400_000;

/**
 * Issue 6 end to end: the accounts the generator built healthy, deteriorating and in trouble come
 * out green, falling and red; issue 17: the busy account whose contacts are all handled well is not
 * red, with the default scorecard and with the payments-gateway example, and the quiet account whose
 * uptime is falling is at risk with the example (the default reads support data only, where it looks
 * fine). The first sync rebuilds the history it compares with; the scores for 30 and 7 days ago are
 * saved once more from the stored facts (as a live run on those days would), then a second sync.
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
    const store = await w.openStore();
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

    const { healthy, deteriorating, trouble, noisy_happy, quiet_churning } = w.sandbox.dataset.scenarios;
    const after = await w.openStore();
    const scores = await after.scores.latestAll();
    await after.close();
    const h = scores.get(healthy)!;
    const d = scores.get(deteriorating)!;
    const t = scores.get(trouble)!;
    const n = scores.get(noisy_happy)!;
    const q = scores.get(quiet_churning)!;
    console.log(
      `scenarios: healthy ${h.status} ${h.score?.toFixed(1)} (30d ${h.trend30d}), ` +
        `deteriorating ${d.status} ${d.score?.toFixed(1)} (30d ${d.trend30d}), trouble ${t.status} ${t.score?.toFixed(1)}, ` +
        `noisy_happy ${n.status} ${n.score?.toFixed(1)}`,
    );
    // Healthy: satisfied, on SLA, nobody coming back about the same problem; green, and nothing
    // pulls it down.
    expect(h.status).toBe('green');
    expect(h.drivers).toEqual([]);
    expect(h.strengths.length).toBeGreaterThan(0);
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
    // Quiet_churning's support data is clean (few contacts, all handled well): a scorecard of
    // support measures alone cannot see its falling uptime, so it is not red. The payments-gateway
    // example below, which reads Uptime_30d__c, puts it at risk.
    expect(q.status).not.toBe('red');

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

  it('the payments-gateway example scorecard: uptime and changes put the quiet churner and trouble at risk, the happy ones green', async () => {
    // The example drops in over the shipped scorecard.yaml; its Uptime_30d__c measure makes the
    // Accounts stream read that field (the stream's fingerprint changes: every Account is read again).
    copyFileSync(
      join(import.meta.dirname, '..', '..', 'mappings', 'examples', 'payments-gateway', 'scorecard.yaml'),
      join(w.dir, 'mappings', 'scorecard.yaml'),
    );
    const validate = await runCli(['validate'], w.env());
    expect(validate.code).toBe(0);
    const run = await runCli(['sync', '--json'], w.env());
    expect([run.code, runJson(run).status]).toEqual([0, 'succeeded']);

    const { healthy, deteriorating, trouble, noisy_happy, quiet_churning } = w.sandbox.dataset.scenarios;
    const store = await w.openStore();
    const scores = await store.scores.latestAll();
    await store.close();
    const s = (id: string) => scores.get(id)!;
    const line = (name: string, id: string): string => `${name} ${s(id).status} ${s(id).score?.toFixed(1)}`;
    console.log(
      `payments-gateway: ${[
        line('healthy', healthy),
        line('deteriorating', deteriorating),
        line('trouble', trouble),
        line('quiet_churning', quiet_churning),
        line('noisy_happy', noisy_happy),
      ].join(', ')}`,
    );
    for (const id of [healthy, deteriorating, trouble, noisy_happy, quiet_churning])
      expect(s(id).scorecardVersion).toMatch(/^payments-gateway-1\+[0-9a-f]{6}$/);
    // Resolved within SLA, uptime above 99.9%, chargebacks and CSAT steady: green.
    expect(s(healthy).status).toBe('green');
    // Busy, but every contact resolved fast, uptime high: green.
    expect(s(noisy_happy).status).toBe('green');
    // Its slow tail of resolutions (p90 far past the SLA) and its uptime below 99%: red.
    expect(s(trouble).status).toBe('red');
    // Everything went bad 30 days ago: resolutions, chargebacks, CSAT: not green.
    expect(s(deteriorating).status).not.toBe('green');
    // Support looks fine, but its integration's uptime is 96.4%: at risk, and uptime is why.
    expect(['yellow', 'red']).toContain(s(quiet_churning).status);
    expect(s(quiet_churning).drivers[0]).toMatch(/^Merchant uptime/);
    // Display-only measures are shown and move nothing.
    const aht = s(noisy_happy).measures.find((m) => m.id === 'aht');
    expect(aht?.weight).toBe(0);
    expect(aht?.contribution).toBe(0);
  });
});
