import { describe, expect, it } from 'vitest';
import { bucketOf, firstScoreAfterRequests } from '../../bench/first-score.ts';

describe('bench: firstScoreAfterRequests', () => {
  it("paces Zendesk's exports on their own bucket and the rest on the default one", () => {
    expect(bucketOf('zendesk', 'GET /api/v2/incremental/tickets/cursor.json')).toBe('incremental');
    expect(bucketOf('zendesk', 'GET /api/v2/tickets/count.json')).toBe('default');
    expect(bucketOf('jira', 'POST /rest/api/3/search/jql')).toBe('default');
  });

  it("gives each source its busiest bucket's minutes at the documented limits and adds the sources up", () => {
    const r = firstScoreAfterRequests({
      salesforce: { reads: 12 },
      // 25 exports at 10/min and 3 other requests at 200/min.
      zendesk: {
        'GET /api/v2/incremental/tickets/cursor.json': 20,
        'GET /api/v2/incremental/organizations.json': 5,
        'GET /api/v2/tickets/count.json': 3,
      },
      // 450 requests at 300/min.
      genesys: { 'POST /api/v2/analytics/conversations/details/query': 449, 'POST /oauth/token': 1 },
      // 1,200 requests at 100/s.
      jira: { 'POST /rest/api/3/search/jql': 1_200 },
    });
    expect(r.sources.salesforce).toEqual({ requests: 12, by_bucket: {}, minutes: null });
    expect(r.sources.zendesk).toEqual({
      requests: 28,
      by_bucket: {
        incremental: { requests: 25, per_minute: 10, minutes: 2.5 },
        default: { requests: 3, per_minute: 200, minutes: 0.1 },
      },
      minutes: 2.5,
    });
    expect(r.sources.genesys?.minutes).toBe(1.5);
    expect(r.sources.jira?.by_bucket['default']).toEqual({
      requests: 1_200,
      per_minute: 6_000,
      minutes: 0.2,
    });
    expect(r.minutes).toBe(4.2);
  });

  it('takes other limits when given (an override such as High Volume: 30 exports a minute)', () => {
    const r = firstScoreAfterRequests(
      { zendesk: { 'GET /api/v2/incremental/tickets/cursor.json': 60 } },
      () => ({
        incremental: { limit: 30, windowMs: 60_000 },
      }),
    );
    expect(r.sources.zendesk?.minutes).toBe(2);
    expect(r.minutes).toBe(2);
  });
});
