import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../../src/sandbox/common/clock.ts';
import { createZendeskSim, ZENDESK_LIMITS } from '../../../src/sandbox/zendesk/app.ts';
import { DAY, NOW, basic, getJson, serve, smallDataset } from '../helpers.ts';

const clock = createClock(NOW + DAY);
const sim = createZendeskSim({ dataset: smallDataset(), clock, rateLimits: 'documented' });
const auth = { authorization: basic(`${sim.credentials.email}/token`, sim.credentials.apiToken) };
let url = '';
beforeAll(async () => {
  url = await serve(sim.app);
});

describe('Zendesk documented rate limits', () => {
  it('allows 10 incremental export requests a minute, then answers 429 with Retry-After', async () => {
    const path = `${url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1`;
    for (let i = 0; i < ZENDESK_LIMITS.incremental; i++) {
      const ok = await getJson(path, auth);
      expect(ok.status).toBe(200);
      expect(Number(ok.headers.get('x-rate-limit'))).toBe(ZENDESK_LIMITS.account);
    }
    const refused = await getJson(path, auth);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('x-rate-limit-remaining')).not.toBeNull();
    expect(refused.body).toEqual({
      error: 'APIRateLimitExceeded',
      description: 'Number of allowed incremental export API requests per minute exceeded',
    });
    // Other endpoints draw only on the account-wide budget.
    expect((await getJson(`${url}/api/v2/tickets/count.json`, auth)).status).toBe(200);
    clock.advance(61_000);
    expect((await getJson(path, auth)).status).toBe(200);
  });
});
