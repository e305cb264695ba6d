import { describe, expect, test } from 'vitest';
import { DAY_MS } from '../../src/metrics/windows.ts';
import { HOUR, NOW, account, daysAgo, memoryStore, metric, ticket, write } from './fixtures.ts';

describe('windows', () => {
  test('a window is [now − days, now]: both edges in, a millisecond outside out', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      [ticket('edge-start', { createdAt: NOW - 30 * DAY_MS, tags: ['escalated'] }), 'A'],
      [ticket('before', { createdAt: NOW - 30 * DAY_MS - 1, tags: ['escalated'] }), 'A'],
      [ticket('edge-now', { createdAt: NOW }), 'A'],
      [ticket('future', { createdAt: NOW + 1, tags: ['escalated'] }), 'A'],
    ]);
    expect((await metric(store, 'escalation_rate', 30)).get('A')).toEqual({ value: 0.5, sample: 2 });
    // One window shorter and the ticket at the old edge falls out.
    expect((await metric(store, 'escalation_rate', 29)).get('A')).toEqual({ value: 0, sample: 1 });
  });

  test('an account without facts in the window has no row', async () => {
    const store = memoryStore();
    await write(store, [account('A'), account('B'), [ticket('t', { createdAt: daysAgo(40) }), 'A']]);
    expect((await metric(store, 'escalation_rate', 30)).size).toBe(0);
  });

  test('unlinked facts count for nobody; a fact linked to two accounts counts for both', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      account('B'),
      ticket('loose', { riskFlag: true }),
      [ticket('shared', { riskFlag: true }), ['A', 'B']],
    ]);
    const m = await metric(store, 'risk_flags', 30);
    expect(m.get('A')).toEqual({ value: 1, sample: 1 });
    expect(m.get('B')).toEqual({ value: 1, sample: 1 });
    expect(m.size).toBe(2);
  });
});

test('CSAT: good ÷ rated, over tickets solved in the window', async () => {
  const store = memoryStore();
  const solved = (id: string, satisfaction: 'good' | 'bad' | null, solvedAt = daysAgo(3)) =>
    [ticket(id, { status: 'solved', solvedAt, satisfaction }), 'A'] as [ReturnType<typeof ticket>, string];
  await write(store, [
    account('A'),
    solved('g1', 'good'),
    solved('g2', 'good'),
    solved('g3', 'good'),
    solved('b1', 'bad'),
    solved('unrated', null),
    solved('old', 'bad', daysAgo(91)),
  ]);
  expect((await metric(store, 'csat', 90)).get('A')).toEqual({ value: 0.75, sample: 4 });
});

test('escalation rate and risk flags over tickets created in the window', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('1', { tags: ['escalated'], riskFlag: true }), 'A'],
    [ticket('2', { riskFlag: true }), 'A'],
    [ticket('3'), 'A'],
    [ticket('4'), 'A'],
  ]);
  expect((await metric(store, 'escalation_rate', 30)).get('A')).toEqual({ value: 0.25, sample: 4 });
  expect((await metric(store, 'risk_flags', 30)).get('A')).toEqual({ value: 2, sample: 4 });
});

describe('SLA adherence', async () => {
  // Targets (fixtures SETTINGS): first reply normal 120, billing 10; resolution normal 400, complaint 50.
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('both-met', { firstReplyMinutes: 100, fullResolutionMinutes: 400 }), 'A'],
    [ticket('reply-late', { firstReplyMinutes: 121, fullResolutionMinutes: 10 }), 'A'],
    [ticket('res-late', { firstReplyMinutes: 5, fullResolutionMinutes: 401 }), 'A'],
    [
      ticket('billing-reply-late', { tags: ['billing'], firstReplyMinutes: 11, fullResolutionMinutes: 10 }),
      'A',
    ],
    [ticket('unsolved', { firstReplyMinutes: 5, fullResolutionMinutes: null }), 'A'],
    [ticket('no-reply-yet', { firstReplyMinutes: null, fullResolutionMinutes: null }), 'A'],
    [ticket('no-target', { priority: null, firstReplyMinutes: 1, fullResolutionMinutes: 1 }), 'A'],
  ]);

  test('both targets, over tickets with both times', async () => {
    expect((await metric(store, 'sla_adherence', 30)).get('A')).toEqual({ value: 1 / 4, sample: 4 });
  });
  test('first reply, over tickets with a first reply', async () => {
    // met: both-met, res-late, unsolved; missed: reply-late, billing-reply-late
    expect((await metric(store, 'first_reply_sla_adherence', 30)).get('A')).toEqual({
      value: 3 / 5,
      sample: 5,
    });
  });
  test('resolution, over resolved tickets', async () => {
    // met: both-met, reply-late, billing-reply-late; missed: res-late
    expect((await metric(store, 'resolution_sla_adherence', 30)).get('A')).toEqual({
      value: 3 / 4,
      sample: 4,
    });
  });
});

test('first-contact resolution and reopen rate over tickets solved in the window', async () => {
  const store = memoryStore();
  const s = (
    id: string,
    replies: number | null,
    reopens: number | null,
    status: 'solved' | 'open' = 'solved',
  ) =>
    [ticket(id, { status, solvedAt: daysAgo(2), replies, reopens }), 'A'] as [
      ReturnType<typeof ticket>,
      string,
    ];
  await write(store, [
    account('A'),
    s('one-reply', 1, 0),
    s('no-reply', 0, 0),
    s('two-replies', 2, 0),
    s('reopened', 1, 1),
    s('unknown', null, 0),
    s('reopened-now-open', 1, 1, 'open'),
  ]);
  expect((await metric(store, 'first_contact_resolution', 30)).get('A')).toEqual({ value: 2 / 4, sample: 4 });
  expect((await metric(store, 'reopen_rate', 30)).get('A')).toEqual({ value: 1 / 5, sample: 5 });
});

test('complaint turnaround: solved within target hours; open complaints count once overdue', async () => {
  const store = memoryStore();
  const c = (id: string, createdAt: number, solvedAt: number | null, category = 'complaint') =>
    [
      ticket(id, { tags: [category], createdAt, solvedAt, status: solvedAt === null ? 'open' : 'solved' }),
      'A',
    ] as [ReturnType<typeof ticket>, string];
  const t0 = daysAgo(10);
  await write(store, [
    account('A'),
    c('on-time', t0, t0 + 48 * HOUR),
    c('late', t0, t0 + 48 * HOUR + 1),
    c('open-overdue', NOW - 49 * HOUR, null),
    c('open-not-yet-due', NOW - 47 * HOUR, null),
    c('not-a-complaint', t0, t0 + 100 * HOUR, 'billing'),
  ]);
  const params = { category: 'complaint', target_hours: 48 };
  expect((await metric(store, 'complaint_turnaround', 30, { params })).get('A')).toEqual({
    value: 1 / 3,
    sample: 3,
  });
});

test('open ticket age: median days open of every ticket still open, however old', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('o1', { status: 'open', createdAt: daysAgo(2) }), 'A'],
    [ticket('o2', { status: 'pending', createdAt: daysAgo(4) }), 'A'],
    [ticket('o3', { status: 'hold', createdAt: daysAgo(9) }), 'A'],
    [ticket('o4', { status: 'new', createdAt: daysAgo(1) }), 'A'],
    [ticket('backlog', { status: 'open', createdAt: daysAgo(100) }), 'A'],
    [ticket('done', { status: 'solved', createdAt: daysAgo(20), solvedAt: daysAgo(1) }), 'A'],
    [ticket('later', { status: 'open', createdAt: NOW + 1 }), 'A'],
  ]);
  expect((await metric(store, 'open_ticket_age_days', 30)).get('A')).toEqual({ value: 4, sample: 5 });
});
