import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zendeskStreams } from '../../../connectors/zendesk/index.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { listen, type Listening } from '../../../src/sandbox/common/listen.ts';
import { createDataset, type Dataset } from '../../../src/sandbox/dataset/dataset.ts';
import { createZendeskSim, type ZendeskSim } from '../../../src/sandbox/zendesk/app.ts';
import { openSqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import { HASH_KEY, mapping } from './fixtures.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

/** The connector against the sandbox's Zendesk simulator: every ticket the export serves, once. */
const log = pino({ level: 'silent' });
let dataset: Dataset;
let sim: ZendeskSim;
let server: Listening;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  dataset = createDataset({ seed: 11, accounts: 50, tickets: 900, calls: 0, issues: 0 });
  sim = createZendeskSim({ dataset, rateLimits: 'off' });
  server = await listen(sim.app);
});
afterAll(async () => {
  await server.close();
  nock.disableNetConnect();
});

function streams(auth: 'oauth' | 'token') {
  const m = mapping();
  m.tickets.start_date = new Date(dataset.options.start).toISOString().slice(0, 10);
  m.tickets.page_size = 100;
  const c = sim.credentials;
  return zendeskStreams(
    {
      baseUrl: server.url,
      auth:
        auth === 'oauth'
          ? { type: 'oauth', clientId: c.clientId, clientSecret: c.clientSecret }
          : { type: 'token', email: c.email, apiToken: c.apiToken },
    },
    { zendesk: m } as Mappings,
    { counters: createCounters(), log, scrubber: new SecretScrubber(), hashKey: HASH_KEY, rateLimits: 'off' },
  );
}

const expectedTickets = () =>
  [...dataset.truth.tickets()]
    .filter((t) => !t.deleted)
    .map((t) => String(t.id))
    .sort();

describe('Zendesk connector against the sandbox simulator', () => {
  it.each(['oauth', 'token'] as const)(
    'reads every organization and ticket exactly once (%s auth), then follows a mutation',
    async (auth) => {
      const store = openSqliteStore(':memory:');
      try {
        const signal = new AbortController().signal;
        for (const s of streams(auth)) await runStream(s, { store, log, signal, full: false });
        expect(await store.facts.ids('ticket')).toEqual(expectedTickets());
        expect(await store.facts.ids('organization')).toEqual(
          dataset
            .organizations()
            .map((o) => String(o.id))
            .sort(),
        );

        if (auth === 'token') return;
        dataset.mutate({ share: 0.05, seed: 3 });
        sim.ctx.clock.advance(5 * 60_000); // past Zendesk's held-back minute
        let deletes = 0;
        for (const s of streams(auth))
          deletes += (await runStream(s, { store, log, signal, full: false, now: () => sim.ctx.clock.now() }))
            .deletes;
        expect(await store.facts.ids('ticket')).toEqual(expectedTickets());
        expect(deletes).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    },
  );
});
