import { Writable } from 'node:stream';
import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createZendeskClient } from '../../../connectors/zendesk/client.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

const BASE = 'https://acme.zendesk.com';
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Zendesk API-token auth', () => {
  it('sends Basic {email}/token:{api_token} and warns once that API tokens are being retired', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          lines.push(chunk.toString());
          cb();
        },
      }),
    );
    const env = {
      baseUrl: BASE,
      auth: { type: 'token' as const, email: 'ops@acme.test', apiToken: 'tok-secret-123' },
    };
    const basic = `Basic ${Buffer.from('ops@acme.test/token:tok-secret-123').toString('base64')}`;
    nock(BASE)
      .get('/api/v2/users/me.json')
      .matchHeader('authorization', basic)
      .reply(200, { user: { id: 1 } });
    const http = createZendeskClient(env, {
      counters: createCounters(),
      log,
      scrubber: new SecretScrubber(),
      rateLimits: 'off',
    });
    createZendeskClient(env, {
      counters: createCounters(),
      log,
      scrubber: new SecretScrubber(),
      rateLimits: 'off',
    });
    await http.request(
      { method: 'GET', path: '/api/v2/users/me.json', endpoint: 'GET /api/v2/users/me.json' },
      z.object({ user: z.object({ id: z.number() }) }),
    );
    const warnings = lines.filter((l) => l.includes('2027-04-30'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('OAuth');
    expect(lines.join('')).not.toContain('tok-secret-123');
  });
});
