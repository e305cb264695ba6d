import { describe, expect, it } from 'vitest';
import { isLimited, peakInWindow, windowChecks } from '../../bench/request-windows.ts';

describe('bench: the peak requests in a sliding limit window', () => {
  it('counts a request at t in (t − window, t], as the sandbox limiter does', () => {
    // 0, 59,999 and 60,000: the first has left the window when the third arrives.
    expect(peakInWindow([0, 59_999, 60_000], 60_000)).toBe(2);
    expect(peakInWindow([0, 59_999, 59_999], 60_000)).toBe(3);
    expect(peakInWindow([], 60_000)).toBe(0);
  });

  it('finds the busiest window wherever it lies, whatever the order of the times', () => {
    const times = [500_000, 0, 10_000, 130_000, 131_000, 132_000, 189_000, 70_000];
    // 130,000 … 189,000: four within one minute.
    expect(peakInWindow(times, 60_000)).toBe(4);
  });

  it("checks each bucket against the connector's limit and leaves out unlimited paths", () => {
    const exports = Array.from(
      { length: 11 },
      (_, i) => [i * 1000, 'GET /api/v2/incremental/tickets/cursor.json'] as const,
    );
    const checks = windowChecks(
      'zendesk',
      [...exports, [0, 'GET /api/v2/tickets/count.json'], [0, 'POST /oauth/tokens']],
      { default: { limit: 200, windowMs: 60_000 }, incremental: { limit: 10, windowMs: 60_000 } },
    );
    expect(checks).toEqual({
      incremental: { requests: 11, window_ms: 60_000, limit: 10, peak: 11, over: true },
      default: { requests: 1, window_ms: 60_000, limit: 200, peak: 1, over: false },
    });
    expect(isLimited('genesys', 'POST /oauth/token')).toBe(false);
    expect(isLimited('jira', 'POST /rest/api/3/search/jql')).toBe(true);
    expect(isLimited('salesforce', 'GET /services/data/v64.0/query')).toBe(false);
  });
});
