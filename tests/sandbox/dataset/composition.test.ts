import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDataset } from '../../../src/sandbox/dataset/dataset.ts';
import type { ScenarioName } from '../../../src/sandbox/dataset/scenarios.ts';
import type { TicketModel } from '../../../src/sandbox/dataset/tickets.ts';
import { DAY, NOW } from '../helpers.ts';

/**
 * The dataset is a believable payments support book and its named scenarios are unmistakable:
 * what the scorecard measures differs the right way between the healthy, deteriorating and
 * in-trouble accounts.
 */
const ds = createDataset({ seed: 3, accounts: 200, now: NOW });
const tickets: TicketModel[] = [...ds.tickets.forward(null, Infinity)].map((e) => e.model());
const calls = [...ds.calls.forward(null, Infinity)].map((e) => e.model());
const issues = [...ds.issues.forward(null, Infinity)].map((e) => e.model());
const zendeskYaml = parse(readFileSync('mappings/zendesk.yaml', 'utf8')) as {
  tickets: {
    category: { values: Record<string, string>; field_id: number };
    risk_keywords: string[];
    amount_field_id: number;
  };
};
const index = (scenario: ScenarioName): number =>
  ds.ctx.accounts.findIndex((a) => a.id === ds.scenarios[scenario]);
const ofAccount = (i: number): TicketModel[] =>
  tickets.filter((t) => t.who.kind === 'account' && t.who.account === i);
const recent = (t: TicketModel): boolean => t.createdAt >= NOW - 30 * DAY;
const csat = (ts: TicketModel[]): number => {
  const rated = ts.filter((t) => t.satisfaction === 'good' || t.satisfaction === 'bad');
  return rated.filter((t) => t.satisfaction === 'good').length / rated.length;
};
const breachRate = (ts: TicketModel[]): number => ts.filter((t) => t.slaBreached).length / ts.length;
const riskPattern = new RegExp(
  `\\b(${zendeskYaml.tickets.risk_keywords.map((k) => k.replace(/\s+/g, '\\s+')).join('|')})\\b`,
  'i',
);

describe('the payments support book', () => {
  it('has the sizes asked for, proportional by default', () => {
    expect(ds.options).toMatchObject({ accounts: 200, tickets: 10_000, calls: 2_400, issues: 500 });
    expect(tickets).toHaveLength(10_000);
  });

  it('uses every category option of mappings/zendesk.yaml, sometimes only through tags', () => {
    const values = new Set(tickets.map((t) => t.categoryField).filter((v) => v !== null));
    expect([...values].sort()).toEqual(Object.keys(zendeskYaml.tickets.category.values).sort());
    expect(tickets.some((t) => t.categoryField === null && t.tags.includes('payout_failed'))).toBe(true);
    expect(zendeskYaml.tickets.category.field_id).toBe(360001234501);
    expect(zendeskYaml.tickets.amount_field_id).toBe(360001234502);
  });

  it('carries risk language exactly where the generator put it (whole words, near misses excluded)', () => {
    for (const t of tickets) expect(riskPattern.test(`${t.subject} ${t.description}`)).toBe(t.riskLanguage);
    expect(tickets.filter((t) => t.riskLanguage).length).toBeGreaterThan(50);
    expect(tickets.some((t) => /terminated|regulatory|lawyers/.test(t.description))).toBe(true);
  });

  it('has the realistic mix: priorities, channels, CSAT states, reopens, deletions, repeats, disputes', () => {
    const count = (f: (t: TicketModel) => boolean): number => tickets.filter(f).length;
    for (const p of ['urgent', 'high', 'normal', 'low', null])
      expect(count((t) => t.priority === p)).toBeGreaterThan(0);
    for (const s of ['unoffered', 'offered', 'good', 'bad'])
      expect(count((t) => t.satisfaction === s)).toBeGreaterThan(0);
    for (const c of ['email', 'web', 'chat', 'api', 'voice'])
      expect(count((t) => t.channel === c)).toBeGreaterThan(0);
    expect(count((t) => t.reopens > 0)).toBeGreaterThan(0);
    expect(count((t) => t.status === 'deleted')).toBeGreaterThan(0);
    expect(count((t) => t.slaBreached === true)).toBeGreaterThan(0);
    expect(count((t) => t.escalated)).toBeGreaterThan(0);
    expect(count((t) => t.category === 'chargeback_dispute' && t.amount !== null)).toBe(
      count((t) => t.category === 'chargeback_dispute'),
    );
    // Repeat contacts: the same requester again within 7 days.
    const byRequester = new Map<number, number[]>();
    for (const t of tickets)
      byRequester.set(t.requesterId, [...(byRequester.get(t.requesterId) ?? []), t.createdAt]);
    const repeats = [...byRequester.values()].filter((ts) =>
      ts.sort((a, b) => a - b).some((x, i) => i > 0 && x - ts[i - 1]! < 7 * DAY),
    );
    expect(repeats.length).toBeGreaterThan(20);
    expect(count((t) => t.repeatOf !== null)).toBeGreaterThan(0);
  });

  it('spikes at the end of each month', () => {
    const perDay = new Map<string, number>();
    for (const t of tickets) {
      const day = new Date(t.generatedAt).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const weekday = (d: string): boolean => ![0, 6].includes(new Date(d).getUTCDay());
    const isMonthEnd = (d: string): boolean => {
      const date = new Date(d);
      const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      return date.getUTCDate() >= last - 2;
    };
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const days = [...perDay.entries()].filter(([d]) => weekday(d));
    expect(mean(days.filter(([d]) => isMonthEnd(d)).map(([, n]) => n))).toBeGreaterThan(
      1.4 * mean(days.filter(([d]) => !isMonthEnd(d)).map(([, n]) => n)),
    );
  });

  it('has calls with handle, talk, hold and after-call work, abandoned and transferred ones', () => {
    expect(calls.some((c) => c.abandoned && c.agentIds.length === 0)).toBe(true);
    expect(calls.some((c) => c.transferred && c.agentIds.length === 2)).toBe(true);
    expect(calls.some((c) => c.holdMs > 0)).toBe(true);
    expect(calls.some((c) => c.direction === 'outbound')).toBe(true);
    expect(calls.every((c) => c.end > c.start && (c.abandoned || c.talkMs > 0))).toBe(true);
  });

  it('has bugs in and outside the shipped JQL, linked by account field, by ticket, or not at all', () => {
    expect(new Set(issues.map((i) => i.project))).toEqual(new Set(['PAY', 'API', 'WEB']));
    expect(new Set(issues.map((i) => i.type))).toEqual(new Set(['Bug', 'Story', 'Task']));
    expect(issues.some((i) => i.accountField !== null && i.ticketField === null)).toBe(true);
    expect(issues.some((i) => i.accountField === null && i.ticketField !== null)).toBe(true);
    expect(issues.some((i) => i.accountRefs.length === 2 && i.accountField!.includes(','))).toBe(true);
    expect(issues.some((i) => i.accountField === null && i.ticketField === null)).toBe(true);
  });
});

describe('the scenario accounts', () => {
  const healthy = ofAccount(index('healthy'));
  const deteriorating = ofAccount(index('deteriorating'));
  const trouble = ofAccount(index('trouble'));

  it('are the first three accounts, Enterprise, with enough tickets to score', () => {
    expect([index('healthy'), index('deteriorating'), index('trouble')]).toEqual([0, 1, 2]);
    for (const ts of [healthy, deteriorating, trouble]) expect(ts.length).toBeGreaterThan(40);
    expect(ds.account(2).tier).toBe('Enterprise');
  });

  it('healthy: high CSAT, few breaches, no risk language, no open serious bugs', () => {
    expect(csat(healthy)).toBeGreaterThan(0.9);
    expect(breachRate(healthy)).toBeLessThan(0.1);
    expect(healthy.some((t) => t.riskLanguage || t.escalated)).toBe(false);
    const bugs = issues.filter((i) => i.accountRefs.includes(ds.scenarios.healthy));
    expect(bugs.every((i) => i.status.category === 'done' && !['Highest', 'High'].includes(i.priority))).toBe(
      true,
    );
  });

  it('deteriorating: good more than 30 days ago, bad in the last 30 days', () => {
    const before = deteriorating.filter((t) => t.generatedAt < NOW - 35 * DAY);
    const after = deteriorating.filter((t) => t.generatedAt >= NOW - 30 * DAY);
    expect(csat(before)).toBeGreaterThan(0.85);
    expect(csat(after)).toBeLessThan(0.6);
    expect(breachRate(after)).toBeGreaterThan(breachRate(before) + 0.3);
  });

  it('trouble: bad CSAT, breaches, escalations, a contact spike, risk language, a large dispute, open P1 bugs', () => {
    expect(csat(trouble)).toBeLessThan(0.55);
    expect(breachRate(trouble)).toBeGreaterThan(0.4);
    expect(trouble.filter((t) => t.escalated).length / trouble.length).toBeGreaterThan(0.25);
    expect(trouble.filter((t) => t.riskLanguage).length).toBeGreaterThan(3);
    expect(
      trouble.some((t) => recent(t) && t.category === 'chargeback_dispute' && Number(t.amount) >= 10_000),
    ).toBe(true);
    const last30 = trouble.filter((t) => t.createdAt >= NOW - 30 * DAY).length;
    const previous60 = trouble.filter(
      (t) => t.createdAt >= NOW - 90 * DAY && t.createdAt < NOW - 30 * DAY,
    ).length;
    expect(last30).toBeGreaterThan(2 * (previous60 / 2));
    const openP1 = issues.filter(
      (i) =>
        i.accountRefs.includes(ds.scenarios.trouble) &&
        i.status.category !== 'done' &&
        ['Highest', 'High'].includes(i.priority),
    );
    expect(openP1.length).toBeGreaterThan(0);
  });

  /** Tickets created in the last 30 days whose requester wrote another within the 7 days before. */
  const repeatShare = (ts: TicketModel[]): number => {
    const byRequester = new Map<number, number[]>();
    for (const t of ts)
      byRequester.set(t.requesterId, [...(byRequester.get(t.requesterId) ?? []), t.createdAt]);
    let n = 0;
    let hits = 0;
    for (const times of byRequester.values()) {
      times.sort((a, b) => a - b);
      times.forEach((x, i) => {
        if (x < NOW - 30 * DAY) return;
        n++;
        if (i > 0 && x - times[i - 1]! <= 7 * DAY) hits++;
      });
    }
    return hits / n;
  };

  it('repeat contacts by person: never follow-ups at healthy, persistent repeaters at trouble, few accounts with any', () => {
    expect(healthy.some((t) => t.repeatOf !== null)).toBe(false);
    expect(trouble.filter((t) => recent(t) && t.repeatOf !== null).length).toBeGreaterThan(10);
    // Healthy's people come back within a week only by chance; trouble's keep coming back.
    expect(repeatShare(healthy)).toBeLessThan(0.12);
    expect(repeatShare(trouble)).toBeGreaterThan(0.3);
    const withRepeaters = ds.ctx.accounts.filter((a) => !a.scenario && a.repeaters > 0).length;
    expect(withRepeaters).toBeGreaterThan(5);
    expect(withRepeaters).toBeLessThan(0.2 * ds.ctx.accounts.length);
  });

  it('quiet_churning: few contacts, nothing alarming, but low uptime', () => {
    const quiet = ofAccount(index('quiet_churning'));
    expect(quiet.length).toBeLessThan(healthy.length);
    expect(quiet.some((t) => t.riskLanguage || t.escalated || t.repeatOf !== null)).toBe(false);
    expect(ds.account(index('quiet_churning')).uptime30d).toBeLessThan(97);
    expect(ds.account(index('healthy')).uptime30d).toBeGreaterThan(99.5);
  });

  it('noisy_happy: many contacts, all handled well, nobody coming back', () => {
    const noisy = ofAccount(index('noisy_happy'));
    expect(noisy.length).toBeGreaterThan(2 * healthy.length);
    expect(csat(noisy)).toBeGreaterThan(0.9);
    expect(breachRate(noisy)).toBeLessThan(0.1);
    expect(noisy.some((t) => t.riskLanguage || t.escalated || t.repeatOf !== null)).toBe(false);
    expect(repeatShare(noisy)).toBeLessThan(0.12);
  });
});
