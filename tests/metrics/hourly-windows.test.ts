import { expect, test } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/metrics/windows.ts';
import { NOW, account, memoryStore, metric, ticket, write } from './fixtures.ts';

// NOW is on the hour; these runs are 10 and 50 minutes into it, and the first of the next hour.
const LATER = NOW + 50 * 60_000;
const NEXT_HOUR = NOW + HOUR_MS;

test('window starts move once an hour: a ticket ages out at the hour, not at the next run', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    // 30 days and 20 minutes old at LATER: inside [hour − 30 days, now] until the hour turns.
    [ticket('edge', { createdAt: NOW - 30 * DAY_MS + 30 * 60_000 }), 'A'],
    [ticket('recent', { createdAt: NOW - DAY_MS }), 'A'],
  ]);
  const at = async (now: number) => (await metric(store, 'contacts', 30, { now })).get('A');
  expect(await at(NOW + 10 * 60_000)).toEqual({ value: 2, sample: 2 });
  expect(await at(LATER)).toEqual({ value: 2, sample: 2 });
  expect(await at(NEXT_HOUR)).toEqual({ value: 1, sample: 1 });
});

test('a record that arrived after the hour began counts at once', async () => {
  const store = memoryStore();
  await write(store, [account('A'), [ticket('fresh', { createdAt: NOW + 5 * 60_000 }), 'A']]);
  expect((await metric(store, 'contacts', 30, { now: NOW + 10 * 60_000 })).get('A')).toEqual({
    value: 1,
    sample: 1,
  });
});

test('ages are taken at the start of the hour, so an open backlog does not age between runs', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('open', { createdAt: NOW - 2 * DAY_MS, status: 'open', solvedAt: null }), 'A'],
    // Opened after the hour began: age 0, not negative.
    [ticket('new', { createdAt: NOW + 5 * 60_000, status: 'new', solvedAt: null }), 'A'],
  ]);
  const age = async (now: number) =>
    (await metric(store, 'open_ticket_age_days', 30, { now })).get('A')?.value;
  expect(await age(NOW + 10 * 60_000)).toBe(await age(LATER));
  expect(await age(LATER)).toBeCloseTo(1, 9); // median of 2 days and 0
  // An hour on: 2 days 1 hour and 55 minutes old.
  expect(await age(NEXT_HOUR)).toBeCloseTo((2 + 1 / 24 + 55 / 1440) / 2, 9);
});
