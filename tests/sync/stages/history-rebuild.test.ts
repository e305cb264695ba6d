import { provenanceVersion } from '../../../src/config/mappings/provenance.ts';
import { describe, expect, test } from 'vitest';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { DAY_MS, addDays, utcDay } from '../../../src/metrics/windows.ts';
import type { TicketFact } from '../../../src/facts/schemas.ts';
import {
  endOfDay,
  markHistoryBuilt,
  pendingDays,
  rebuildDays,
  rebuildHistory,
  rebuildReason,
  setPendingDays,
} from '../../../src/sync/stages/history-rebuild.ts';
import { saveScores, scoreAccounts } from '../../../src/sync/stages/score-accounts.ts';
import { NOW, account, memoryStore, shippedMappings, ticket, write } from '../../metrics/fixtures.ts';

/** Scores even thin accounts, so every day has a number to compare. */
function floor0(): Mappings {
  const m = shippedMappings();
  return { ...m, scorecard: { ...m.scorecard, coverage_floor: 0 } };
}

const ACCOUNTS = ['A', 'B', 'C'];

/** Tickets over the last 60 days; every third is solved two days after it was opened, some are risky. */
function book(): [TicketFact, string][] {
  const out: [TicketFact, string][] = [];
  for (let d = 60; d >= 1; d--) {
    const accountId = ACCOUNTS[d % ACCOUNTS.length]!;
    const createdAt = NOW - d * DAY_MS;
    const solved = d % 3 === 0;
    out.push([
      ticket(`t${d}`, {
        createdAt,
        updatedAt: solved ? createdAt + 2 * DAY_MS : createdAt,
        status: solved ? 'solved' : 'open',
        solvedAt: solved ? createdAt + 2 * DAY_MS : null,
        tags: d % 4 === 0 ? ['escalated'] : [],
        riskFlag: d % 5 === 0,
      }),
      accountId,
    ]);
  }
  return out;
}

/** The facts as a run at `at` would have held them: none created later, none solved yet. */
function asOf(facts: [TicketFact, string][], at: number): [TicketFact, string][] {
  return facts
    .filter(([t]) => t.createdAt <= at)
    .map(([t, a]) =>
      t.solvedAt !== null && t.solvedAt > at
        ? [{ ...t, status: 'open', solvedAt: null, updatedAt: t.createdAt }, a]
        : [t, a],
    );
}

describe('rebuildHistory', () => {
  test('each rebuilt day is the score a run at the end of that day, over the facts it had, would have saved', async () => {
    const mappings = floor0();
    const facts = book();
    const store = memoryStore();
    await write(store, [...ACCOUNTS.map((id) => account(id)), ...facts]);

    const done = await rebuildHistory(store, mappings, NOW, { days: 12 });
    expect(done).toMatchObject({
      days: 12,
      from: addDays(utcDay(NOW), -12),
      to: addDays(utcDay(NOW), -1),
      accounts: 3,
      written: 36,
    });

    for (const back of [12, 8, 3, 1]) {
      const day = addDays(utcDay(NOW), -back);
      const then = memoryStore();
      await write(then, [...ACCOUNTS.map((id) => account(id)), ...asOf(facts, endOfDay(day))]);
      const live = await scoreAccounts(then, mappings, endOfDay(day));
      const rebuilt = await store.scores.snapshotsOn([day]);
      expect(rebuilt.map((s) => [s.accountId, s.score, s.status, s.rebuilt])).toEqual(
        live.map((s) => [s.accountId, s.score, s.status, true]),
      );
    }
    // Today is left to the live run; nothing before the span is written.
    expect(await store.scores.snapshotsOn([utcDay(NOW), addDays(utcDay(NOW), -13)])).toEqual([]);
  });

  test("today's trends read the rebuilt days", async () => {
    const mappings = floor0();
    const store = memoryStore();
    await write(store, [...ACCOUNTS.map((id) => account(id)), ...book()]);
    const before = await scoreAccounts(store, mappings, NOW);
    expect(before.map((s) => [s.trend7d, s.trend30d])).toEqual(ACCOUNTS.map(() => [null, null]));
    await rebuildHistory(store, mappings, NOW, { days: 31 });
    const after = await scoreAccounts(store, mappings, NOW);
    for (const s of after) {
      const snapshotScore = async (back: number): Promise<number> =>
        (
          await store.scores.history(s.accountId, {
            from: addDays(utcDay(NOW), -back),
            to: addDays(utcDay(NOW), -back),
          })
        )[0]!.score!;
      const [week, month] = [await snapshotScore(7), await snapshotScore(30)];
      expect(s.trend7d).toBeCloseTo(s.score! - week, 1);
      expect(s.trend30d).toBeCloseTo(s.score! - month, 1);
    }
    expect(after.some((s) => s.trend30d !== 0)).toBe(true);
  });

  test('keeps live snapshots of the same scorecard version, replaces rebuilt ones and other versions', async () => {
    const mappings = floor0();
    const store = memoryStore();
    await write(store, [...ACCOUNTS.map((id) => account(id)), ...book()]);
    const version = provenanceVersion(mappings.scorecard);
    const yesterday = NOW - DAY_MS;
    const [a, b] = await scoreAccounts(store, mappings, yesterday);
    // A live run yesterday of this version (A), and of an older version (B).
    await saveScores(
      store,
      [
        { ...a!, score: 1 },
        { ...b!, score: 2, scorecardVersion: 'old' },
      ],
      yesterday,
    );

    const first = await rebuildHistory(store, mappings, NOW, { days: 2 });
    expect(first.written).toBe(5); // 3 accounts × 2 days, less A's live snapshot
    const day = utcDay(yesterday);
    const [sa, sb, sc] = await store.scores.snapshotsOn([day]);
    expect(sa).toEqual({
      accountId: 'A',
      day,
      score: 1,
      status: a!.status,
      scorecardVersion: version,
      rebuilt: false,
    });
    expect(sb).toMatchObject({ accountId: 'B', scorecardVersion: version, rebuilt: true });
    expect(sb!.score).not.toBe(2);
    expect(sc).toMatchObject({ accountId: 'C', rebuilt: true });

    // A second rebuild (another scorecard version) replaces its own snapshots, and now A's too.
    const next = { ...mappings, scorecard: { ...mappings.scorecard, version: 'next' } };
    expect((await rebuildHistory(store, next, NOW, { days: 2 })).written).toBe(6);
    expect((await store.scores.snapshotsOn([day])).map((s) => [s.scorecardVersion, s.rebuilt])).toEqual(
      ACCOUNTS.map(() => [provenanceVersion(next.scorecard), true]),
    );
    // A live save marks the day live again.
    await saveScores(store, [a!], yesterday);
    expect((await store.scores.history('A', { from: day, to: day }))[0]?.rebuilt).toBe(false);
  });

  test('an aborted rebuild stops between days and reports the days done', async () => {
    const store = memoryStore();
    await write(store, [account('A')]);
    const controller = new AbortController();
    controller.abort();
    expect(await rebuildHistory(store, floor0(), NOW, { days: 5, signal: controller.signal })).toMatchObject({
      days: 0,
      written: 0,
    });
    await expect(rebuildHistory(store, floor0(), NOW, { days: 0 })).rejects.toThrow(RangeError);
  });
});

describe('rebuildReason', () => {
  test('never built, then built with this scorecard, then its version or content changed', async () => {
    const store = memoryStore();
    const mappings = shippedMappings();
    expect(await rebuildReason(store, mappings)).toBe('first complete read');
    await markHistoryBuilt(store, mappings);
    expect(await rebuildReason(store, mappings)).toBeUndefined();
    const relabelled = { ...mappings, scorecard: { ...mappings.scorecard, version: 'other' } };
    expect(await rebuildReason(store, relabelled)).toBe('scorecard changed');
    const reweighted = {
      ...mappings,
      scorecard: { ...mappings.scorecard, coverage_floor: mappings.scorecard.coverage_floor / 2 },
    };
    expect(await rebuildReason(store, reweighted)).toBe('scorecard changed');
  });

  test('while older days are pending it is a backfill; the last one marks the history built', async () => {
    const store = memoryStore();
    const mappings = shippedMappings();
    const days = ['2026-11-18', '2026-11-17'];
    await setPendingDays(store, mappings, days);
    expect(await rebuildReason(store, mappings)).toBe('backfill');
    expect(await pendingDays(store, mappings)).toEqual(days);
    // Another scorecard meanwhile: the pending days are not its own, it starts over.
    const relabelled = { ...mappings, scorecard: { ...mappings.scorecard, version: 'other' } };
    expect(await rebuildReason(store, relabelled)).toBe('scorecard changed');
    expect(await pendingDays(store, relabelled)).toEqual([]);
    await setPendingDays(store, mappings, []);
    expect(await rebuildReason(store, mappings)).toBeUndefined();
    // Pending days of a new scorecard unmark the old one: going back to it rebuilds again.
    await setPendingDays(store, relabelled, days);
    expect(await rebuildReason(store, mappings)).toBe('scorecard changed');
  });
});

describe('rebuildDays', () => {
  test('rebuilds the given days in order, and past its deadline starts no further day', async () => {
    const mappings = floor0();
    const store = memoryStore();
    await write(store, [...ACCOUNTS.map((id) => account(id)), ...book()]);
    const days = [addDays(utcDay(NOW), -7), addDays(utcDay(NOW), -30), addDays(utcDay(NOW), -8)];
    const late = await rebuildDays(store, mappings, days, { until: performance.now() - 1 });
    expect(late).toMatchObject({ days: 1, from: days[0], to: days[0], written: 3 });
    const all = await rebuildDays(store, mappings, days);
    expect(all).toMatchObject({ days: 3, from: days[1], to: days[0], accounts: 3 });
    expect((await store.scores.snapshotsOn(days)).length).toBe(9);
  });
});
