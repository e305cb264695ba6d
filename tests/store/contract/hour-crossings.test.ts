import { expect, it } from 'vitest';
import { METRIC_IDS, type MetricId } from '../../../src/config/mappings/metric-ids.ts';
import type { Fact } from '../../../src/facts/schemas.ts';
import { metricQuery } from '../../../src/metrics/catalogue.ts';
import { hourCrossings } from '../../../src/metrics/hour-crossings.ts';
import type { MetricSpec } from '../../../src/metrics/types.ts';
import { DAY_MS } from '../../../src/metrics/windows.ts';
import { HOUR, NOW, SETTINGS, account, call, issue, ticket, write } from '../../metrics/fixtures.ts';
import { describeStoreContract } from './stores.ts';

/** A small linear congruential generator: the same facts on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

// Times near the boundaries the shipped windows have (7, 30, 37 and 97 days, 72 hours), a quarter
// of an hour apart, so that many facts sit just inside or outside a window at one anchor or the other.
const BOUNDARY_DAYS = [0, 3, 7, 14, 30, 37, 60, 90, 97, 120];
const ACCOUNTS = 720;
const FROM = NOW + 10 * 60_000; // anchor 12:00 UTC
const TO = NOW + 3 * HOUR + 20 * 60_000; // anchor 15:00, the same UTC day

function facts(): (Fact | [Exclude<Fact, { kind: 'account' }>, string])[] {
  const r = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const near = (): number => NOW - pick(BOUNDARY_DAYS) * DAY_MS + Math.round(r() * 16 - 8) * 15 * 60_000;
  const out: (Fact | [Exclude<Fact, { kind: 'account' }>, string])[] = [];
  // One record per account (two tickets of one requester for every fifth), so that no other record
  // of the account hides a boundary the crossings miss. Every third account is quiet: its record is
  // from the middle of a day weeks ago, and solved or done.
  for (let a = 0; a < ACCOUNTS; a++) {
    const id = `001A${String(a).padStart(11, '0')}`;
    out.push(account(id));
    const quiet = a % 4 === 0;
    const at = (): number => (quiet ? NOW - (40 + Math.floor(r() * 10)) * DAY_MS + 6 * HOUR : near());
    const kind = Math.floor(a / 4) % 3;
    if (kind === 0)
      for (let i = 0; i < (a % 5 === 1 ? 2 : 1); i++) {
        const createdAt = at();
        const solved = quiet || r() < 0.6;
        const solvedAt = solved ? Math.min(quiet ? createdAt + HOUR : at(), FROM - 60_000) : null;
        out.push([
          ticket(`t${a}-${i}`, {
            createdAt,
            updatedAt: solvedAt ?? createdAt,
            solvedAt: solvedAt === null ? null : Math.max(solvedAt, createdAt),
            status: solved ? 'solved' : 'open',
            requesterKey: `p${a}`,
            firstReplyMinutes: Math.round(r() * 200),
            fullResolutionMinutes: solved ? Math.round(r() * 900) : null,
            replies: 1 + (i % 2),
            reopens: r() < 0.3 ? 1 : 0,
            tags: r() < 0.4 ? ['complaint'] : r() < 0.3 ? ['escalated'] : [],
            satisfaction: solved ? pick(['good', 'bad', null]) : null,
            riskFlag: r() < 0.2,
          }),
          id,
        ]);
      }
    else if (kind === 1)
      for (let i = 0; i < (a % 5 === 1 ? 2 : 1); i++) {
        const startedAt = at();
        out.push([
          call(`c${a}-${i}`, {
            startedAt,
            endedAt: startedAt + 600_000,
            direction: r() < 0.8 ? 'inbound' : 'outbound',
            abandoned: r() < 0.2,
            handleSec: 300,
            callerKey: `k${a}`,
          }),
          id,
        ]);
      }
    else {
      const done = quiet || r() < 0.4;
      const createdAt = quiet ? NOW - 45 * DAY_MS + 6 * HOUR : near() - (r() < 0.5 ? 20 * DAY_MS : 0);
      const closedAt = Math.max(createdAt, quiet ? createdAt + DAY_MS : Math.min(at(), FROM - 60_000));
      out.push([
        issue(`i${a}`, {
          createdAt,
          updatedAt: done ? closedAt : createdAt,
          resolvedAt: done ? closedAt : null,
          statusCategory: done ? 'done' : 'indeterminate',
          priority: pick(['Highest', 'High', 'Medium']),
        }),
        id,
      ]);
    }
  }
  return out;
}

/** Every metric of the catalogue over 7 and 30 days, and each one's window before (a change measure). */
function everySpec(): MetricSpec[] {
  const params: Partial<Record<MetricId, Record<string, string | number>>> = {
    complaint_turnaround: { category: 'complaint', target_hours: 72 },
    complaint_turnaround_hours: { category: 'complaint' },
    category_share: { category: 'complaint' },
  };
  return METRIC_IDS.flatMap((metric) =>
    [7, 30].flatMap((windowDays) => {
      const spec = { metric, windowDays, params: params[metric] ?? {} };
      return [spec, { ...spec, shiftDays: windowDays }];
    }),
  );
}

describeStoreContract('accounts a new hour moves', (ctx) => {
  it('every account whose metric differs at two anchors of a day is named, metric by metric; quiet accounts are not', async () => {
    const { store } = ctx();
    await write(store, facts());
    const missed: string[] = [];
    const moved = new Set<string>();
    const named = new Set<string>();
    for (const spec of everySpec()) {
      const crossing = await store.metrics.accountsCrossing(hourCrossings([spec], SETTINGS, FROM, TO));
      const [before, after] = await Promise.all(
        [FROM, TO].map(
          async (now) => (await store.metrics.compute([metricQuery({ spec, settings: SETTINGS, now })]))[0],
        ),
      );
      for (const id of new Set([...before!.keys(), ...after!.keys()])) {
        if (JSON.stringify(before!.get(id)) === JSON.stringify(after!.get(id))) continue;
        moved.add(id);
        if (!crossing.has(id)) missed.push(`${spec.metric}/${spec.windowDays}/${spec.shiftDays ?? 0}: ${id}`);
      }
      for (const id of crossing) named.add(id);
    }
    expect(missed).toEqual([]);
    // The test has teeth: time moved many accounts, and the query leaves the quiet ones out.
    expect(moved.size).toBeGreaterThan(ACCOUNTS / 4);
    expect([...named].filter((id) => Number(id.slice(4)) % 4 === 0)).toEqual([]);
  });

  it('an open bug moves its account only when its age in whole days differs at the two anchors', async () => {
    const { store } = ctx();
    // At the anchors, 12:00 and 15:00: 45 days 6 hours, then 45 days 9 hours (45 days both times);
    // 4 days 22.5 hours, then 5 days 1.5 hours.
    await write(store, [
      account('A'),
      account('B'),
      [issue('steady', { createdAt: NOW - 45 * DAY_MS - 6 * HOUR, statusCategory: 'indeterminate' }), 'A'],
      [issue('older', { createdAt: NOW - 5 * DAY_MS + 1.5 * HOUR, statusCategory: 'indeterminate' }), 'B'],
    ]);
    const spec: MetricSpec = { metric: 'open_bugs_weighted', windowDays: 30, params: {} };
    const crossing = await store.metrics.accountsCrossing(hourCrossings([spec], SETTINGS, FROM, TO));
    expect([...crossing]).toEqual(['B']);
  });

  it("a complaint measure's boundaries move only the accounts of complaints", async () => {
    const { store } = ctx();
    // Created 72 hours before 13:30: overdue between the anchors (12:00 and 15:00), and leaving a
    // 7-day window 7 days later. Only the complaint can move complaint_turnaround.
    const createdAt = NOW + 1.5 * HOUR - 3 * DAY_MS;
    const open = { createdAt, updatedAt: createdAt, solvedAt: null, status: 'open' } as const;
    await write(store, [
      account('A'),
      account('B'),
      [ticket('complaint', { ...open, tags: ['complaint'] }), 'A'],
      [ticket('billing', { ...open, tags: ['billing'] }), 'B'],
    ]);
    const specs: MetricSpec[] = [
      { metric: 'complaint_turnaround', windowDays: 7, params: { category: 'complaint', target_hours: 72 } },
      { metric: 'complaint_turnaround_hours', windowDays: 7, params: { category: 'complaint' } },
      { metric: 'tickets', windowDays: 7, params: { category: 'complaint' } },
    ];
    const crossing = await store.metrics.accountsCrossing(hourCrossings(specs, SETTINGS, FROM, TO));
    expect([...crossing]).toEqual(['A']);
  });
});
