import { describe, expect, it } from 'vitest';
import { accountRefsOf, mapJiraIssue, ticketRefsOf } from '../../../connectors/jira/map-issue.ts';
import { JiraIssue, parseJiraDateTime } from '../../../connectors/jira/schemas.ts';
import { IssueFact } from '../../../src/facts/schemas.ts';

const FIELDS = { account: 'customfield_10050', zendesk_tickets: 'customfield_10051' };

const raw = (fields: Record<string, unknown> = {}) =>
  JiraIssue.parse({
    id: '10001',
    key: 'PAY-1',
    fields: {
      issuetype: { name: 'Bug' },
      priority: { name: 'Highest' },
      status: { name: 'Done', statusCategory: { key: 'done' } },
      created: '2025-01-01T10:00:00.000+0000',
      updated: '2025-01-02T09:30:15.250-0500',
      resolutiondate: '2025-01-02T14:30:15.250+0000',
      summary: 'Acme cannot log in',
      description: 'jane@acme.com says…',
      customfield_10050: '001000000000001AAA',
      customfield_10051: '123, 456',
      ...fields,
    },
  });

describe('parseJiraDateTime', () => {
  it.each([
    ['2025-01-01T10:00:00.000+0000', Date.UTC(2025, 0, 1, 10)],
    ['2025-01-01T10:00:00.000-0800', Date.UTC(2025, 0, 1, 18)],
    ['2025-01-01T10:00:00.000+05:30', Date.UTC(2025, 0, 1, 4, 30)],
    ['2025-01-01T10:00:00Z', Date.UTC(2025, 0, 1, 10)],
    ['2025-01-01T10:00:00.5+0000', Date.UTC(2025, 0, 1, 10, 0, 0, 500)],
  ])('%s', (s, ms) => {
    expect(parseJiraDateTime(s)).toBe(ms);
  });

  it.each(['2025-01-01 10:00', '2025-02-30T10:00:00.000+0000', 'yesterday', '2025-01-01T10:00:00.000'])(
    'refuses %s',
    (s) => {
      expect(parseJiraDateTime(s)).toBeNull();
    },
  );
});

describe('mapJiraIssue', () => {
  it('keeps only what scoring and matching read, with times as epoch ms', () => {
    const fact = mapJiraIssue(raw(), FIELDS);
    expect(fact).toEqual({
      kind: 'issue',
      id: '10001',
      key: 'PAY-1',
      type: 'Bug',
      priority: 'Highest',
      statusCategory: 'done',
      createdAt: Date.UTC(2025, 0, 1, 10),
      updatedAt: Date.UTC(2025, 0, 2, 14, 30, 15, 250),
      resolvedAt: Date.UTC(2025, 0, 2, 14, 30, 15, 250),
      accountRefs: ['001000000000001AAA'],
      ticketRefs: ['123', '456'],
    });
    expect(IssueFact.safeParse(fact).success).toBe(true);
    expect(JSON.stringify(fact)).not.toMatch(/log in|jane/);
  });

  it('handles a missing priority, no resolution and unconfigured fields', () => {
    const fact = mapJiraIssue(raw({ priority: null, resolutiondate: null }), {
      account: null,
      zendesk_tickets: null,
    });
    expect(fact).toMatchObject({ priority: null, resolvedAt: null, accountRefs: [], ticketRefs: [] });
  });

  it('reads a status category outside the three by the resolution', () => {
    const odd = { name: 'Legacy', statusCategory: { key: 'undefined' } };
    expect(mapJiraIssue(raw({ status: odd, resolutiondate: null }), FIELDS).statusCategory).toBe(
      'indeterminate',
    );
    expect(mapJiraIssue(raw({ status: odd }), FIELDS).statusCategory).toBe('done');
  });
});

describe('custom field values', () => {
  it('account refs from a string, an array of strings, or option objects', () => {
    expect(accountRefsOf('001A, 001B;001C')).toEqual(['001A', '001B', '001C']);
    expect(accountRefsOf(['001A', ' 001B ', '001A'])).toEqual(['001A', '001B']);
    expect(accountRefsOf({ value: '001A', id: '10100', self: 'https://x' })).toEqual(['001A']);
    expect(accountRefsOf([{ value: '001A' }, { value: '001B' }])).toEqual(['001A', '001B']);
    expect(accountRefsOf(null)).toEqual([]);
    expect(accountRefsOf('')).toEqual([]);
  });

  it('ticket refs from numbers, strings, comma-separated strings and arrays; not from other text', () => {
    expect(ticketRefsOf(123)).toEqual(['123']);
    expect(ticketRefsOf('123,456, #789')).toEqual(['123', '456', '789']);
    expect(ticketRefsOf(['123', 456, '0456'])).toEqual(['123', '456']);
    expect(ticketRefsOf('see ticket 12')).toEqual(['12']);
    expect(ticketRefsOf('n/a')).toEqual([]);
    expect(ticketRefsOf(undefined)).toEqual([]);
  });
});
