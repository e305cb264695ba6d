import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv, type AppEnv } from '../../src/config/env.ts';
import type { Mappings } from '../../src/config/mappings/index.ts';
import { loadMappings } from '../../src/config/mappings/load.ts';
import { hashKeyId } from '../../src/facts/keys.ts';
import { createCounters } from '../../src/http/limits.ts';
import { READ_ORDER, SOURCE_NAMES, sourceNamed } from '../../src/sources.ts';
import { SecretScrubber } from '../../src/log/redact.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { completedKey } from '../../src/sync/run-stream.ts';
import { incompleteSources, streamsFor } from '../../src/sync/source-streams.ts';

const everySource = parseEnv({
  ZENDESK_SUBDOMAIN: 'acme',
  ZENDESK_CLIENT_ID: 'id',
  ZENDESK_CLIENT_SECRET: 'secret-value',
  JIRA_BASE_URL: 'https://acme.atlassian.net',
  JIRA_EMAIL: 'ops@acme.com',
  JIRA_API_TOKEN: 'tok',
  GENESYS_REGION: 'mypurecloud.ie',
  GENESYS_CLIENT_ID: 'g',
  GENESYS_CLIENT_SECRET: 'gs',
  SF_LOGIN_URL: 'https://acme.my.salesforce.com',
  SF_CLIENT_ID: 'c',
  SF_CLIENT_SECRET: 's',
});

let shipped: Mappings;
let store: SqliteStore;
beforeAll(async () => {
  shipped = (await loadMappings(join(import.meta.dirname, '..', '..', 'mappings'))).mappings;
});
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

const HASH_KEY = 'k'.repeat(32);

const streams = (env: AppEnv, mappings: Mappings, source: (typeof SOURCE_NAMES)[number]) =>
  streamsFor(source, {
    env,
    mappings,
    store,
    log: pino({ level: 'silent' }),
    scrubber: new SecretScrubber(),
    hashKey: HASH_KEY,
    counters: createCounters(),
    salesforce: () => Promise.reject(new Error('not connected in this test')),
  });
const built = (env: AppEnv, mappings: Mappings, source: (typeof SOURCE_NAMES)[number]): string[] =>
  streams(env, mappings, source).map((s) => s.name);

describe('the source registry', () => {
  it('reads the accounts source first, then the others in their listed order', () => {
    expect(SOURCE_NAMES).toEqual(['zendesk', 'jira', 'genesys', 'salesforce']);
    expect(READ_ORDER).toEqual(['salesforce', 'zendesk', 'jira', 'genesys']);
  });

  it("names each source's streams as its factory builds them, without building them", () => {
    const noOrganizations: Mappings = {
      ...shipped,
      zendesk: { ...shipped.zendesk, organizations: { ...shipped.zendesk.organizations, enabled: false } },
    };
    for (const mappings of [shipped, noOrganizations])
      for (const source of SOURCE_NAMES)
        expect(sourceNamed(source).streamNames(mappings)).toEqual(built(everySource, mappings, source));
    expect(sourceNamed('zendesk').streamNames(noOrganizations)).toEqual(['zendesk.tickets']);
  });

  it("computes each stream's fingerprint as the stream does, so a preview predicts a sync's restarts", () => {
    const riskier: Mappings = {
      ...shipped,
      zendesk: { ...shipped.zendesk, tickets: { ...shipped.zendesk.tickets, risk_keywords: ['churn'] } },
    };
    for (const mappings of [shipped, riskier])
      for (const source of SOURCE_NAMES) {
        const def = sourceNamed(source);
        const fromStreams = Object.fromEntries(
          streams(everySource, mappings, source).map((s) => [s.name, s.fingerprint]),
        );
        expect(def.fingerprints(everySource[source] as never, mappings, hashKeyId(HASH_KEY))).toEqual(
          fromStreams,
        );
      }
    const tickets = (m: Mappings) =>
      sourceNamed('zendesk').fingerprints(everySource.zendesk, m, hashKeyId(HASH_KEY));
    expect(tickets(riskier)['zendesk.tickets']).not.toBe(tickets(shipped)['zendesk.tickets']);
    expect(tickets(riskier)['zendesk.organizations']).toBe(tickets(shipped)['zendesk.organizations']);
  });

  it('keeps the tickets fingerprint when only a category map or an escalation rule changes, not the field read', () => {
    const t = shipped.zendesk.tickets;
    const edit = (tickets: Partial<typeof t>): Mappings => ({
      ...shipped,
      zendesk: { ...shipped.zendesk, tickets: { ...t, ...tickets } },
    });
    const fingerprint = (m: Mappings) =>
      sourceNamed('zendesk').fingerprints(everySource.zendesk, m, hashKeyId(HASH_KEY))['zendesk.tickets'];
    const reinterpreting = [
      edit({ category: { ...t.category, values: { ...t.category.values, other_value: 'complaint' } } }),
      edit({ category: { ...t.category, tags: { vip: 'complaint', ...t.category.tags } } }),
      edit({ escalation: { tags: ['vip'], priorities: ['high'], groups: [42] } }),
    ];
    for (const m of reinterpreting) {
      expect(fingerprint(m)).toBe(fingerprint(shipped));
      // As the stream computes it too.
      expect(streams(everySource, m, 'zendesk').find((s) => s.name === 'zendesk.tickets')!.fingerprint).toBe(
        fingerprint(shipped),
      );
    }
    expect(fingerprint(edit({ category: { ...t.category, field_id: 4242 } }))).not.toBe(fingerprint(shipped));
  });

  it('builds no stream for a source that is not configured', () => {
    expect(built(parseEnv({}), shipped, 'jira')).toEqual([]);
  });
});

describe('incompleteSources', () => {
  it('lists configured sources with a stream never read to its end, in read order', async () => {
    const env = { ...everySource, jira: undefined, genesys: undefined };
    expect(await incompleteSources(env, shipped, store)).toEqual(['salesforce', 'zendesk']);
    await store.meta.set(completedKey('salesforce.accounts'), '1');
    await store.meta.set(completedKey('zendesk.tickets'), '1');
    // Organizations are read too under the shipped mappings.
    expect(await incompleteSources(env, shipped, store)).toEqual(['zendesk']);
    await store.meta.set(completedKey('zendesk.organizations'), '1');
    expect(await incompleteSources(env, shipped, store)).toEqual([]);
  });
});
