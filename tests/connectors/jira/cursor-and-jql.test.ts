import { describe, expect, it } from 'vitest';
import { advanceCursor } from '../../../connectors/jira/cursor.ts';
import { issuesFingerprint, requestedFields, searchJql, startDateMs } from '../../../connectors/jira/jql.ts';
import { jiraMapping } from './harness.ts';

const MIN = 60_000;

describe('searchJql', () => {
  it('adds an epoch-ms lower bound and the stable order to the configured JQL', () => {
    expect(searchJql('project = PAY OR project = API', 1_735_689_600_000)).toBe(
      '(project = PAY OR project = API) AND updated >= 1735689600000 ORDER BY updated ASC, id ASC',
    );
  });

  it('starts the first run at 00:00 UTC of start_date', () => {
    expect(startDateMs(jiraMapping())).toBe(Date.UTC(2025, 0, 1));
  });

  it('asks for the custom fields that are configured, and only those', () => {
    expect(
      requestedFields(jiraMapping({ fields: { account: null, zendesk_tickets: 'customfield_1' } })),
    ).toEqual(['issuetype', 'priority', 'status', 'created', 'updated', 'resolutiondate', 'customfield_1']);
  });
});

describe('issuesFingerprint', () => {
  const base = issuesFingerprint(jiraMapping(), 'cloud');
  it('changes with the JQL, the fields, the start date and the deployment', () => {
    expect(issuesFingerprint(jiraMapping({ jql: 'project = PAY' }), 'cloud')).not.toBe(base);
    expect(
      issuesFingerprint(jiraMapping({ fields: { account: null, zendesk_tickets: null } }), 'cloud'),
    ).not.toBe(base);
    expect(issuesFingerprint(jiraMapping({ start_date: '2024-01-01' }), 'cloud')).not.toBe(base);
    expect(issuesFingerprint(jiraMapping(), 'datacenter')).not.toBe(base);
  });
  it('does not change with the lookback, the page size or the scoring settings', () => {
    expect(
      issuesFingerprint(jiraMapping({ lookback_minutes: 60, page_size: 50, age_weight_per_day: 0 }), 'cloud'),
    ).toBe(base);
  });
});

describe('advanceCursor', () => {
  const start = { updatedMs: 1_000 * MIN, recent: {}, full: false };

  it('moves to the newest updated seen and remembers the issues inside the next lookback', () => {
    const c = advanceCursor(
      start,
      [
        { id: 'a', updatedAt: 1_010 * MIN },
        { id: 'b', updatedAt: 1_030 * MIN },
        { id: 'c', updatedAt: 1_020 * MIN },
      ],
      15 * MIN,
      2_000 * MIN,
    );
    expect(c).toEqual({ updatedMs: 1_030 * MIN, recent: { b: 1_030 * MIN, c: 1_020 * MIN }, full: false });
  });

  it('never moves back, and never past our clock', () => {
    expect(advanceCursor(start, [{ id: 'a', updatedAt: 10 * MIN }], 15 * MIN, 2_000 * MIN).updatedMs).toBe(
      1_000 * MIN,
    );
    expect(advanceCursor(start, [{ id: 'a', updatedAt: 5_000 * MIN }], 15 * MIN, 2_000 * MIN).updatedMs).toBe(
      2_000 * MIN,
    );
  });

  it('forgets issues that fall out of the window', () => {
    const c1 = advanceCursor(start, [{ id: 'a', updatedAt: 1_000 * MIN }], 15 * MIN, 9e12);
    const c2 = advanceCursor(c1, [{ id: 'b', updatedAt: 1_016 * MIN }], 15 * MIN, 9e12);
    expect(c2.recent).toEqual({ b: 1_016 * MIN });
  });
});
