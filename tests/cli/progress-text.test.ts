import { describe, expect, it } from 'vitest';
import { progressReporter, progressText } from '../../src/cli/progress-text.ts';
import { StatusLine } from '../../src/log/status-line.ts';

describe('progress line text', () => {
  it('shows a query count, a share of the time range, and a rate once a second has passed', () => {
    expect(
      progressText(
        {
          stage: 'sources',
          stream: 'salesforce.accounts',
          pages: 1,
          records: 1500,
          position: { done: 1500, total: 2000, unit: 'records' },
        },
        500,
      ),
    ).toBe('sources salesforce.accounts: 1 pages, 1,500 records, 1,500 of 2,000 queried');
    expect(
      progressText(
        {
          stage: 'sources',
          stream: 'zendesk.tickets',
          pages: 4,
          records: 4000,
          position: { done: 729, total: 1000, unit: 'ms' },
        },
        2000,
      ),
    ).toBe('sources zendesk.tickets: 4 pages, 4,000 records, 72% of the time range, 2,000 records/s');
    expect(progressText({ stage: 'sources', stream: 'jira.issues', pages: 2, records: 200 }, 4000)).toBe(
      'sources jira.issues: 2 pages, 200 records, 50 records/s',
    );
    expect(progressText({ stage: 'match' }, 0)).toBe('match…');
  });

  it('says what a stream waits on, and for how long', () => {
    expect(
      progressText(
        {
          stage: 'sources',
          stream: 'zendesk.tickets',
          pages: 3,
          records: 3000,
          waiting: 'zendesk incremental limit (10 requests per minute), 52 s',
        },
        500,
      ),
    ).toBe(
      'sources zendesk.tickets: 3 pages, 3,000 records; waiting on zendesk incremental limit (10 requests per minute), 52 s',
    );
  });

  it("counts the rate from each stream's own start", () => {
    let out = '';
    let t = 0;
    const report = progressReporter(new StatusLine({ write: (s: string) => (out = s) }), () => t);
    report({ stage: 'sources', stream: 'jira.issues', pages: 0, records: 0 });
    t = 10_000;
    report({ stage: 'sources', stream: 'jira.issues', pages: 5, records: 500 });
    expect(out).toContain('50 records/s');
    report({ stage: 'sources', stream: 'genesys.calls', pages: 0, records: 0 });
    t = 12_000;
    report({ stage: 'sources', stream: 'genesys.calls', pages: 1, records: 300 });
    expect(out).toContain('150 records/s');
  });
});

describe('status line', () => {
  it('puts each log line on its own line and draws the status again under it', () => {
    let out = '';
    const status = new StatusLine({ write: (s: string) => (out += s) });
    status.write('{"level":30,"msg":"before"}\n');
    status.show('sources a: 0 pages');
    status.write('{"level":30,"msg":"during"}\n');
    status.show('sources a: 1 pages');
    status.clear();
    status.clear();
    expect(out).toBe(
      '{"level":30,"msg":"before"}\n' +
        '\r\x1b[Ksources a: 0 pages' +
        '\r\x1b[K{"level":30,"msg":"during"}\nsources a: 0 pages' +
        '\r\x1b[Ksources a: 1 pages' +
        '\r\x1b[K',
    );
  });
});
