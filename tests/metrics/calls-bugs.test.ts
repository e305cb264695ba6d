import { expect, test } from 'vitest';
import { METRIC_IDS } from '../../src/config/mappings/metric-ids.ts';
import { DAY_MS } from '../../src/metrics/windows.ts';
import { NOW, account, call, daysAgo, issue, memoryStore, metric, ticket, write } from './fixtures.ts';

test('abandoned-call rate over inbound calls; handle time over answered calls', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [call('in-ok-1', { handleSec: 300 }), 'A'],
    [call('in-ok-2', { handleSec: 100 }), 'A'],
    [call('in-abandoned', { abandoned: true, handleSec: null }), 'A'],
    [call('in-abandoned-2', { abandoned: true, handleSec: 5 }), 'A'],
    [call('out', { direction: 'outbound', handleSec: 600 }), 'A'],
    [call('no-handle', { handleSec: null }), 'A'],
    [call('old', { startedAt: daysAgo(31), abandoned: true, handleSec: 9000 }), 'A'],
  ]);
  expect((await metric(store, 'abandoned_call_rate', 30)).get('A')).toEqual({ value: 2 / 5, sample: 5 });
  expect((await metric(store, 'avg_handle_time_sec', 30)).get('A')).toEqual({ value: 1000 / 3, sample: 3 });
});

test('open bugs weighted by priority and whole days open', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    // 5 × (1 + 0.02 × 10) = 6; 10.9 days open counts as 10
    [issue('1', { priority: 'Highest', createdAt: NOW - 10.9 * DAY_MS }), 'A'],
    // 5 × (1 + 0.02 × 23) = 7.3
    [issue('2', { priority: 'Highest', createdAt: daysAgo(23), statusCategory: 'indeterminate' }), 'A'],
    // 1.5 × (1 + 0.02 × 3) = 1.59
    [issue('3', { priority: 'Medium', createdAt: daysAgo(3) }), 'A'],
    // no configured weight: 1 × (1 + 0) = 1
    [issue('4', { priority: 'Blocker', createdAt: NOW }), 'A'],
    // done within the window: in the sample only
    [
      issue('5', {
        priority: 'Highest',
        statusCategory: 'done',
        createdAt: daysAgo(50),
        resolvedAt: daysAgo(5),
      }),
      'A',
    ],
    // done long ago, not a bug type, or created after now: nothing
    [issue('6', { statusCategory: 'done', createdAt: daysAgo(90), resolvedAt: daysAgo(40) }), 'A'],
    [issue('7', { type: 'Story', priority: 'Highest' }), 'A'],
    [issue('8', { priority: 'Highest', createdAt: NOW + 1 }), 'A'],
  ]);
  const v = (await metric(store, 'open_bugs_weighted', 30)).get('A')!;
  expect(v.value).toBeCloseTo(6 + 7.3 + 1.59 + 1, 9);
  expect(v.sample).toBe(5);
  expect(v.detail).toEqual({ open: 4, oldestDays: 23, topPriority: 'Highest', topPriorityOpen: 2 });
});

test('an open bug counts however old; a done one only while the window saw it done', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    account('B'),
    account('C'),
    // 1.5 × (1 + 0.02 × 400) = 13.5
    [issue('old-open', { createdAt: daysAgo(400) }), 'A'],
    // done without a resolution date: its last update stands in
    [issue('fixed', { statusCategory: 'done', createdAt: daysAgo(60), updatedAt: daysAgo(2) }), 'B'],
    [
      issue('fixed-long-ago', { statusCategory: 'done', createdAt: daysAgo(60), resolvedAt: daysAgo(31) }),
      'C',
    ],
  ]);
  const m = await metric(store, 'open_bugs_weighted', 30);
  expect(m.get('A')!.value).toBeCloseTo(13.5, 9);
  expect(m.get('B')).toEqual({ value: 0, sample: 1, detail: { open: 0 } });
  expect(m.has('C')).toBe(false);
});

test('every metric gives one account the same value alone as among all accounts', async () => {
  const store = memoryStore();
  const items: Parameters<typeof write>[1] = [];
  for (const a of ['A', 'B', 'C']) {
    items.push(account(a));
    for (let i = 0; i < 12; i++) {
      const at = daysAgo((i * 11) % 100) - i * 3_600_000;
      items.push([
        ticket(`${a}t${i}`, {
          createdAt: at,
          solvedAt: i % 3 === 0 ? null : at + i * 3_600_000,
          status: i % 3 === 0 ? 'open' : 'solved',
          requesterKey: `${a}-${i % 4}`,
          firstReplyMinutes: i * 13,
          fullResolutionMinutes: i % 3 === 0 ? null : i * 70,
          replies: i % 3,
          reopens: i % 5 === 0 ? 1 : 0,
          satisfaction: i % 2 ? 'good' : 'bad',
          tags: i % 4 === 0 ? ['complaint'] : i % 4 === 1 ? ['escalated'] : [],
          riskFlag: i % 6 === 2,
        }),
        a,
      ]);
      items.push([
        call(`${a}c${i}`, {
          startedAt: at + 1,
          callerKey: `${a}-${i % 3}`,
          abandoned: i % 4 === 0,
          handleSec: 60 * i,
        }),
        a,
      ]);
      items.push([
        issue(`${a}${i}`, {
          priority: ['Highest', 'Medium', null][i % 3]!,
          createdAt: at,
          statusCategory: i % 2 ? 'new' : 'done',
        }),
        a,
      ]);
    }
  }
  await write(store, items);
  for (const id of METRIC_IDS) {
    const params = { category: 'complaint', target_hours: 48 };
    const all = await metric(store, id, 60, { params });
    expect(all.size, id).toBe(3);
    for (const a of ['A', 'B', 'C'])
      expect(await metric(store, id, 60, { params, accountId: a }), `${id} ${a}`).toEqual(
        new Map([[a, all.get(a)]]),
      );
  }
});
