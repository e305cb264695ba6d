import { metricSettings } from '../../../src/metrics/settings.ts';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSalesforceConnection,
  type SalesforceConnection,
} from '../../../connectors/salesforce/index.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import type { SqliteStore } from '../../../src/store/open-sqlite.ts';
import { processAlerts } from '../../../src/sync/stages/alerts.ts';
import { scoreStage } from '../../../src/sync/stages/score.ts';
import { FakeOrg, accountId } from '../../connectors/salesforce/fake-org.ts';
import { shippedSalesforceMapping } from '../../connectors/salesforce/helpers.ts';
import {
  HOUR,
  NOW,
  account,
  daysAgo,
  memoryStore,
  shippedMappings,
  ticket,
  write,
} from '../../metrics/fixtures.ts';

const DAY = 86_400_000;
const MIXED = accountId(1);
const STEADY = accountId(2);

/**
 * 20 solved tickets a month, on time, never escalated, one person each, and a steady past: every
 * measure at target but CSAT, which `csat` sets. Green under the shipped scorecard (CSAT weighs 20 of 80).
 */
function tickets(accountIdOf: string, prefix: string, satisfaction: 'good' | 'bad', now = NOW) {
  const items: Parameters<typeof write>[1] = [];
  for (let i = 0; i < 20; i++) {
    const createdAt = daysAgo(1 + i, now) - HOUR;
    items.push([
      ticket(`${prefix}${i}`, {
        createdAt,
        status: 'solved',
        solvedAt: createdAt + HOUR,
        requesterKey: `${prefix}-person-${i}`,
        firstReplyMinutes: 10,
        fullResolutionMinutes: 60,
        replies: 1,
        reopens: 0,
        satisfaction,
      }),
      accountIdOf,
    ]);
  }
  for (let i = 0; i < 60; i++)
    items.push([ticket(`${prefix}b${i}`, { createdAt: daysAgo(31 + i * 1.5, now) }), accountIdOf]);
  return items;
}

/** The shipped mappings with CSAT weighing `weight` (and, unless told, the same version label). */
function withCsatWeight(base: Mappings, weight: number, version = base.scorecard.version): Mappings {
  return {
    ...base,
    scorecard: {
      ...base.scorecard,
      version,
      measures: base.scorecard.measures.map((m) => (m.id === 'csat' ? { ...m, weight } : m)),
    },
  };
}

describe('a status change made by the configuration', () => {
  let org: FakeOrg;
  let store: SqliteStore;
  let salesforce: SalesforceConnection;
  const mapping = shippedSalesforceMapping();
  const accounts = [account(MIXED, { name: 'Mixed Co' }), account(STEADY, { name: 'Steady Co' })];

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
    org.addAccounts(3, 1);
    salesforce = createSalesforceConnection(org.env());
    store = memoryStore();
    // MIXED: every CSAT rating bad; STEADY: every one good.
    await write(store, [...accounts, ...tickets(MIXED, 'm', 'bad'), ...tickets(STEADY, 's', 'good')]);
  });
  afterEach(async () => {
    await store.close();
    await org.stop();
    nock.enableNetConnect();
  });

  /** One run: score, save, record the alerts and open their Tasks. */
  async function run(mappings: Mappings, now: number) {
    const scored = await scoreStage(store, mappings, now, false);
    const alerts = await processAlerts(
      {
        current: scored.scores,
        previous: scored.previous,
        accounts,
        mapping,
        ticketMaps: metricSettings(mappings).tickets,
        ...(scored.configChange ? { underPreviousConfig: scored.configChange.underPreviousConfig } : {}),
      },
      { salesforce, store, now: () => now },
    );
    const status = new Map(scored.scores.map((s) => [s.accountId, s.status]));
    return { ...scored, alerts, status };
  }

  it('opens no Task when a weight change drops an account, and records the move', async () => {
    const shipped = shippedMappings();
    const first = await run(shipped, NOW);
    expect(first.status).toEqual(
      new Map([
        [MIXED, 'green'],
        [STEADY, 'green'],
      ]),
    );
    expect(first.configChange).toBeUndefined();

    // Ops make CSAT weigh 80: on the same facts MIXED is no longer green.
    const second = await run(withCsatWeight(shipped, 80), NOW + HOUR);
    expect(second.status.get(MIXED)).not.toBe('green');
    expect(second.status.get(STEADY)).toBe('green');
    expect(second.configChange).toMatchObject({
      moved: 1,
      byTransition: { [`green->${second.status.get(MIXED)}`]: 1 },
    });
    expect(second.configChange!.scorecardBefore).not.toBe(second.configChange!.scorecardAfter);
    expect(second.alerts).toMatchObject({ statusDrops: 0, configDrops: 1, created: 0 });
    expect(org.tasks.size).toBe(0);
    // The baseline moved: the next run, with nothing changed, opens nothing either.
    const third = await run(withCsatWeight(shipped, 80), NOW + 2 * HOUR);
    expect(third.configChange).toBeUndefined();
    expect(third.alerts).toMatchObject({ statusDrops: 0, configDrops: 0, created: 0 });
    expect(org.tasks.size).toBe(0);
  });

  it('opens exactly one Task when the facts drop an account, even in the run that changes a weight', async () => {
    const shipped = shippedMappings();
    await run(shipped, NOW);
    // STEADY's customers turn unhappy (new bad ratings outnumber the good ones); MIXED only moves by the weight.
    const later = NOW + DAY;
    const bad: Parameters<typeof write>[1] = [];
    for (let i = 0; i < 60; i++)
      bad.push([
        ticket(`s-bad${i}`, {
          createdAt: later - 2 * HOUR,
          status: 'solved',
          solvedAt: later - HOUR,
          requesterKey: `s-bad-person-${i}`,
          firstReplyMinutes: 10,
          fullResolutionMinutes: 60,
          replies: 1,
          reopens: 0,
          satisfaction: 'bad',
          tags: ['escalated'],
        }),
        STEADY,
      ]);
    await write(store, bad);
    const second = await run(withCsatWeight(shipped, 80), later);
    expect(second.status.get(MIXED)).not.toBe('green');
    expect(second.status.get(STEADY)).not.toBe('green');
    expect(second.configChange?.moved).toBeGreaterThanOrEqual(1);
    expect(second.alerts).toMatchObject({ statusDrops: 1, configDrops: 1 });
    // (The 60 new tickets also fire the contact-burst signal: its Task is not a status drop.)
    const dropTasks = [...org.tasks.values()].filter((t) => String(t['Subject']).includes('health dropped'));
    expect(dropTasks.map((t) => t['WhatId'])).toEqual([STEADY]);
  });
});
