import { afterEach, describe, expect, test } from 'vitest';
import { saveScores, scoreAccounts } from '../../../src/sync/stages/score-accounts.ts';
import { DAY_MS } from '../../../src/metrics/windows.ts';
import { type AccountScore, summarizeScore } from '../../../src/score/types.ts';
import { NOW, account, memoryStore, shippedMappings, ticket, write } from '../../metrics/fixtures.ts';
import { scoreStage } from '../../../src/sync/stages/score.ts';

const scoreOf = (accountId: string, score: number | null, o: Partial<AccountScore> = {}): AccountScore => ({
  accountId,
  computedAt: NOW,
  score,
  status: score === null ? 'insufficient_data' : score >= 70 ? 'green' : score >= 45 ? 'yellow' : 'red',
  segment: null,
  scorecardVersion: 'v1',
  coverage: 1,
  trend7d: null,
  trend30d: null,
  drivers: [],
  strengths: [],
  measures: [],
  ...o,
});

const original = process.env['TZ'];
afterEach(() => {
  if (original === undefined) delete process.env['TZ'];
  else process.env['TZ'] = original;
});

describe('saveScores', () => {
  test('one snapshot per account per UTC day: a later run the same day replaces it', async () => {
    const store = memoryStore();
    const morning = Date.UTC(2026, 10, 20, 0, 0, 0);
    const evening = Date.UTC(2026, 10, 20, 23, 59, 59, 999);
    expect(await saveScores(store, [scoreOf('A', 50), scoreOf('B', 80)], morning)).toEqual({
      day: '2026-11-20',
      saved: 2,
    });
    await saveScores(store, [scoreOf('A', 60, { computedAt: evening, scorecardVersion: 'v2' })], evening);
    expect(await store.scores.history('A')).toEqual([
      {
        accountId: 'A',
        day: '2026-11-20',
        score: 60,
        status: 'yellow',
        scorecardVersion: 'v2',
        rebuilt: false,
      },
    ]);
    expect(await store.scores.history('B')).toHaveLength(1);
    // The next UTC day is a new snapshot.
    await saveScores(store, [scoreOf('A', 40)], evening + 1);
    expect((await store.scores.history('A')).map((s) => [s.day, s.score])).toEqual([
      ['2026-11-20', 60],
      ['2026-11-21', 40],
    ]);
  });

  test('the day is the UTC day whatever the process time zone', async () => {
    process.env['TZ'] = 'Pacific/Kiritimati'; // UTC+14: local time is already the next day
    const store = memoryStore();
    expect((await saveScores(store, [scoreOf('A', 50)], Date.UTC(2026, 10, 20, 12))).day).toBe('2026-11-20');
  });

  test('the previous score stays readable until the new one is saved', async () => {
    const store = memoryStore();
    await saveScores(store, [scoreOf('A', 80, { drivers: ['x'] })], NOW - DAY_MS);
    const previous = await store.scores.latest('A');
    expect(previous).toMatchObject({ score: 80, status: 'green', drivers: ['x'] });
    await saveScores(store, [scoreOf('A', 30)], NOW);
    expect(await store.scores.latest('A')).toMatchObject({ score: 30, status: 'red' });
    expect((await store.scores.latestAll()).get('A')?.score).toBe(30);
    expect(await store.scores.latestStatuses()).toEqual(new Map([['A', 'red']]));
    expect(await store.scores.latest('nobody')).toBeUndefined();
  });

  test('snapshotsOn reads every account on the given days', async () => {
    const store = memoryStore();
    await saveScores(store, [scoreOf('A', 10), scoreOf('B', null)], Date.UTC(2026, 0, 1));
    await saveScores(store, [scoreOf('A', 20)], Date.UTC(2026, 0, 2));
    expect((await store.scores.snapshotsOn(['2026-01-01'])).map((s) => [s.accountId, s.score])).toEqual([
      ['A', 10],
      ['B', null],
    ]);
    expect(await store.scores.snapshotsOn(['2026-01-01', '2026-01-02'], ['A'])).toHaveLength(2);
    expect(await store.scores.history('A', { from: '2026-01-02' })).toHaveLength(1);
  });
});

test('scoreAccounts reads trends from the saved daily history', async () => {
  const store = memoryStore();
  const mappings = shippedMappings();
  const items: Parameters<typeof write>[1] = [account('A')];
  // Risk language alone decides this account's score (every other measure lacks data).
  for (let i = 0; i < 3; i++) items.push([ticket(`t${i}`, { createdAt: NOW - (i + 1) * DAY_MS }), 'A']);
  await write(store, items);
  const floor0 = { ...mappings, scorecard: { ...mappings.scorecard, coverage_floor: 0 } };

  const [now] = await scoreAccounts(store, floor0, NOW);
  expect(now).toMatchObject({ score: 100, trend7d: null, trend30d: null });
  await saveScores(store, [{ ...now!, score: 90 }], NOW - 7 * DAY_MS);
  await saveScores(store, [{ ...now!, score: 95.5 }], NOW - 31 * DAY_MS); // the day before 30 days ago
  const [later] = await scoreAccounts(store, floor0, NOW);
  expect(later).toMatchObject({ score: 100, trend7d: 10, trend30d: 4.5 });
});

describe('scoreStage', () => {
  test('forgets the latest score of an Account that left the store, and keeps its history', async () => {
    const store = memoryStore();
    await write(store, [account('A'), account('B'), [ticket('t1', { createdAt: NOW - DAY_MS }), 'A']]);
    const mappings = shippedMappings();
    await scoreStage(store, mappings, NOW - DAY_MS, false);
    expect([...(await store.scores.latestStatuses()).keys()].sort()).toEqual(['A', 'B']);
    await store.facts.commitPage(
      'test',
      { upserts: [], deletes: [{ kind: 'account', id: 'B' }] },
      { value: null, fingerprint: 'f' },
    );
    const { previous } = await scoreStage(store, mappings, NOW, false);
    expect([...previous.keys()].sort()).toEqual(['A', 'B']);
    expect([...(await store.scores.latestStatuses()).keys()]).toEqual(['A']);
    expect(await store.scores.latest('B')).toBeUndefined();
    expect(await store.scores.history('B')).toHaveLength(1);
    // A dry run saves nothing and forgets nothing.
    await store.facts.commitPage(
      'test',
      { upserts: [], deletes: [{ kind: 'account', id: 'A' }] },
      { value: null, fingerprint: 'f' },
    );
    await scoreStage(store, mappings, NOW, true);
    expect([...(await store.scores.latestStatuses()).keys()]).toEqual(['A']);
  });

  test("saves every account's full score, in chunks, and returns summaries equal to what write-back reads", async () => {
    const store = memoryStore();
    const ids = Array.from({ length: 1203 }, (_, i) => `A${String(i).padStart(4, '0')}`);
    await write(store, [
      ...ids.map((id) => account(id)),
      [ticket('t1', { createdAt: NOW - DAY_MS }), 'A0007'],
    ]);
    const mappings = shippedMappings();
    const { scores } = await scoreStage(store, mappings, NOW, false);
    expect(scores.map((s) => s.accountId)).toEqual(ids);
    const full = await scoreAccounts(store, mappings, NOW);
    expect(scores).toEqual(full.map(summarizeScore));
    // Summaries drop the measures' audit detail; the store keeps it for every account.
    expect(Object.keys(scores[7]!.measures[0]!).sort()).toEqual(['hasData', 'id', 'value']);
    expect((await store.scores.latestAll()).size).toBe(ids.length);
    expect(await store.scores.latest('A1202')).toEqual(full[1202]);
    expect((await store.scores.latest('A0007'))?.measures[0]?.explanation).toEqual(expect.any(String));
  });
});
