import { expect, test } from 'vitest';
import type { TicketFact } from '../../src/facts/schemas.ts';
import { metricQuery } from '../../src/metrics/catalogue.ts';
import { DAY_MS, ageReference } from '../../src/metrics/windows.ts';
import {
  HOUR,
  NOW,
  SETTINGS,
  account,
  call,
  daysAgo,
  memoryStore,
  metric,
  ticket,
  write,
} from './fixtures.ts';

test('first reply minutes: median and p90 over the tickets created in the window that have one', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map(
      (m, i) => [ticket(`t${i}`, { firstReplyMinutes: m }), 'A'] as [TicketFact, string],
    ),
    [ticket('no-reply', { firstReplyMinutes: null }), 'A'],
    [ticket('old', { createdAt: daysAgo(31), firstReplyMinutes: 9000 }), 'A'],
  ]);
  // Type 7: median of 10..100 is 55; p90 at rank 8.1 is 91.
  expect((await metric(store, 'first_reply_minutes_median', 30)).get('A')).toEqual({ value: 55, sample: 10 });
  expect((await metric(store, 'first_reply_minutes_p90', 30)).get('A')!.value).toBeCloseTo(91, 9);
});

test('open ticket age p90 in days, over every open ticket however old', async () => {
  const store = memoryStore();
  const H = ageReference(NOW);
  await write(store, [
    account('A'),
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map(
      (d, i) => [ticket(`o${i}`, { status: 'open', createdAt: H - d * DAY_MS }), 'A'] as [TicketFact, string],
    ),
    [ticket('solved', { status: 'solved', createdAt: H - 500 * DAY_MS, solvedAt: daysAgo(1) }), 'A'],
  ]);
  // Ages 1..9 and 100: p90 at rank 8.1 = 9 + 0.1 × 91.
  expect((await metric(store, 'open_ticket_age_p90_days', 30)).get('A')!.value).toBeCloseTo(18.1, 9);
  expect((await metric(store, 'open_ticket_age_days', 30)).get('A')!.value).toBeCloseTo(5.5, 9);
});

test('complaint turnaround in hours: the median from created to solved, complaints solved in the window', async () => {
  const store = memoryStore();
  const solved = (id: string, hours: number, o = {}) =>
    ticket(id, {
      tags: ['complaint'],
      status: 'solved',
      createdAt: daysAgo(5) - hours * HOUR,
      solvedAt: daysAgo(5),
      ...o,
    });
  await write(store, [
    account('A'),
    [solved('c1', 10), 'A'],
    [solved('c2', 30), 'A'],
    [solved('c3', 80), 'A'],
    [solved('other', 1, { tags: ['billing'] }), 'A'],
    [solved('long-ago', 1, { solvedAt: daysAgo(40), createdAt: daysAgo(41) }), 'A'],
    [ticket('open', { tags: ['complaint'], status: 'open', createdAt: daysAgo(20) }), 'A'],
  ]);
  const v = (
    await metric(store, 'complaint_turnaround_hours', 30, { params: { category: 'complaint' } })
  ).get('A');
  expect(v).toEqual({ value: 30, sample: 3 });
});

test('ticket counts by category and inbound call counts over the window', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    account('B'),
    [ticket('cb1', { tags: ['chargeback'] }), 'A'],
    [ticket('cb2', { tags: ['chargeback'] }), 'A'],
    [ticket('x', { tags: ['billing'] }), 'A'],
    [ticket('y'), 'A'],
    [ticket('old', { tags: ['chargeback'], createdAt: daysAgo(31) }), 'A'],
    [ticket('b', { tags: ['billing'] }), 'B'],
    [call('in'), 'A'],
    [call('out', { direction: 'outbound' }), 'A'],
  ]);
  const all = await metric(store, 'tickets', 30);
  expect(all.get('A')).toEqual({ value: 4, sample: 4 });
  const chargebacks = await metric(store, 'tickets', 30, { params: { category: 'chargeback' } });
  expect(chargebacks.get('A')).toEqual({ value: 2, sample: 2 });
  // No chargeback at all: no row (the ratio measure reads it as zero).
  expect(chargebacks.has('B')).toBe(false);
  expect((await metric(store, 'inbound_calls', 30)).get('A')).toEqual({ value: 1, sample: 1 });
  // The chargeback ratio: 2 of the 4 tickets created in the window; none of B's.
  const share = await metric(store, 'category_share', 30, { params: { category: 'chargeback' } });
  expect(share.get('A')).toEqual({ value: 0.5, sample: 4 });
  expect(share.get('B')).toEqual({ value: 0, sample: 1 });
});

test('call first-contact resolution: answered inbound calls whose caller did not call again within 7 days', async () => {
  const store = memoryStore();
  const H = ageReference(NOW);
  // The calls counted are those of [H − 30 − 7 days, H − 7 days]: each one's 7 days have passed.
  const at = (days: number) => H - days * DAY_MS;
  await write(store, [
    account('A'),
    // resolved: the same caller is next heard of 10 days later
    [call('r1', { startedAt: at(30), callerKey: 'p1' }), 'A'],
    [call('r1-later', { startedAt: at(20), callerKey: 'p1' }), 'A'],
    // not resolved: called again 2 days later (the second call itself is resolved: nothing follows)
    [call('n1', { startedAt: at(15), callerKey: 'p2' }), 'A'],
    [call('n1-again', { startedAt: at(13), callerKey: 'p2' }), 'A'],
    // not resolved: an abandoned call back still counts as another contact
    [call('n2', { startedAt: at(12), callerKey: 'p3' }), 'A'],
    [call('n2-again', { startedAt: at(11), callerKey: 'p3', abandoned: true }), 'A'],
    // resolved: only an outbound call followed, which is not the caller contacting us
    [call('r2', { startedAt: at(10), callerKey: 'p4' }), 'A'],
    [call('r2-out', { startedAt: at(9), callerKey: 'p4', direction: 'outbound' }), 'A'],
    // not counted: too recent (its 7 days have not passed), abandoned, without a caller, or too old
    [call('recent', { startedAt: at(3), callerKey: 'p5' }), 'A'],
    [call('abandoned', { startedAt: at(20), callerKey: 'p6', abandoned: true }), 'A'],
    [call('anonymous', { startedAt: at(20), callerKey: null }), 'A'],
    [call('old', { startedAt: at(38), callerKey: 'p7' }), 'A'],
    // followed exactly 7 days later: a repeat (the 7 days are inclusive)
    [call('n3', { startedAt: at(25), callerKey: 'p8' }), 'A'],
    [call('n3-again', { startedAt: at(18), callerKey: 'p8' }), 'A'],
  ]);
  // Counted: r1, r1-later, n1, n1-again, n2, r2, n3, n3-again (n2-again is abandoned) = 8;
  // followed within 7 days: n1, n2, n3 → 5 of 8 resolved.
  expect((await metric(store, 'call_first_contact_resolution', 30)).get('A')).toEqual({
    value: 5 / 8,
    sample: 8,
  });
});

test('a shifted spec is the same query at the start of the hour less the shift', () => {
  const spec = { metric: 'csat' as const, windowDays: 30, params: {} };
  const shifted = metricQuery({ spec: { ...spec, shiftDays: 30 }, settings: SETTINGS, now: NOW });
  const direct = metricQuery({ spec, settings: SETTINGS, now: ageReference(NOW) - 30 * DAY_MS });
  expect(JSON.stringify(shifted)).toBe(JSON.stringify(direct));
  // The window before ends where the current one starts.
  const current = metricQuery({ spec, settings: SETTINGS, now: NOW });
  if (shifted.kind !== 'share' || current.kind !== 'share') throw new Error('csat is a share');
  expect(shifted.over.window!.to).toBe(current.over.window!.from);
  expect(current.over.window!.from - shifted.over.window!.from).toBe(30 * DAY_MS);
});
