import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/dataset/dataset.ts';
import { jiraDatetime, localToEpoch } from '../../../src/sandbox/jira/datetime.ts';
import { compileCondition, dateValue, updatedLowerBound } from '../../../src/sandbox/jira/jql-eval.ts';
import { JqlError, parseJql } from '../../../src/sandbox/jira/jql.ts';
import { NOW } from '../helpers.ts';

const LA = { timeZone: 'America/Los_Angeles', now: NOW };
const ds = createDataset({ seed: 2, accounts: 50, issues: 300, now: NOW });
const issues = [...ds.issues.forward(null, Infinity)].map((e) => e.model());

describe('JQL subset', () => {
  it('parses the queries health-sync builds', () => {
    const q = parseJql(
      'project in (PAY, API) AND issuetype = Bug AND updated >= 1763856000000 ORDER BY updated ASC, id ASC',
    );
    expect(q.orderBy).toEqual([
      { field: 'updated', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ]);
    expect(q.where).toMatchObject({ kind: 'and' });
    expect(updatedLowerBound(q.where, LA)).toBe(1763856000000);
  });

  it('reads zone-less datetimes in the user time zone and epoch milliseconds as instants', () => {
    // 10:00 in Los Angeles in January is 18:00 UTC; in July (daylight saving) 17:00 UTC.
    expect(dateValue({ kind: 'text', text: '2025-01-01 10:00', quoted: true }, 'updated', LA)).toBe(
      Date.UTC(2025, 0, 1, 18),
    );
    expect(dateValue({ kind: 'text', text: '2025/07/01 10:00', quoted: true }, 'updated', LA)).toBe(
      Date.UTC(2025, 6, 1, 17),
    );
    expect(
      dateValue({ kind: 'text', text: '2025-01-01', quoted: false }, 'updated', { ...LA, timeZone: 'UTC' }),
    ).toBe(Date.UTC(2025, 0, 1));
    expect(dateValue({ kind: 'text', text: '1735725600000', quoted: false }, 'updated', LA)).toBe(
      1735725600000,
    );
    expect(dateValue({ kind: 'text', text: '-15m', quoted: false }, 'updated', LA)).toBe(NOW - 15 * 60_000);
    expect(localToEpoch(2025, 3, 9, 12, 0, 'America/Los_Angeles')).toBe(Date.UTC(2025, 2, 9, 19));
    expect(jiraDatetime(Date.UTC(2025, 0, 1, 18), 'America/Los_Angeles')).toBe(
      '2025-01-01T10:00:00.000-0800',
    );
    expect(jiraDatetime(Date.UTC(2025, 0, 1, 18), 'UTC')).toBe('2025-01-01T18:00:00.000+0000');
  });

  it('filters like Jira: AND, OR, NOT, IN, status categories, priorities', () => {
    const match = compileCondition(
      parseJql('project in (PAY, API) AND (priority = Highest OR priority = High) AND statusCategory != Done')
        .where,
      LA,
    );
    const expected = issues.filter(
      (i) => i.project !== 'WEB' && ['Highest', 'High'].includes(i.priority) && i.status.category !== 'done',
    );
    expect(issues.filter(match)).toEqual(expected);
    const notBugs = compileCondition(parseJql('NOT issuetype = Bug AND project = PAY').where, LA);
    expect(issues.filter(notBugs).every((i) => i.type !== 'Bug' && i.project === 'PAY')).toBe(true);
  });

  it('refuses what Jira refuses, with Jira messages', () => {
    const err = (jql: string): string => {
      try {
        compileCondition(parseJql(jql).where, LA);
      } catch (e) {
        if (e instanceof JqlError) return e.message;
        throw e;
      }
      return 'no error';
    };
    expect(err('foo = bar')).toBe("Field 'foo' does not exist or you do not have permission to view it.");
    expect(err('project = FOO')).toBe("The value 'FOO' does not exist for the field 'project'.");
    expect(err('updated >= "yesterday"')).toMatch(/^Date value 'yesterday' for field 'updated' is invalid/);
    expect(err('project = PAY AND')).toMatch(/^Error in the JQL Query: Expecting/);
    expect(err('project = "PAY')).toMatch(/has not been completed/);
    expect(err('project = PAY ORDER BY summary')).toBe("Not able to sort using field 'summary'.");
  });
});
