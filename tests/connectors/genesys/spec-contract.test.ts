import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ZodObject } from 'zod';
import { genesysStreams } from '../../../connectors/genesys/index.ts';
import {
  GenesysConversation,
  GenesysDataAvailability,
  GenesysDetailsQueryResponse,
  GenesysJobResults,
  GenesysJobStatus,
  GenesysMetric,
  GenesysParticipant,
  GenesysSegment,
  GenesysSession,
} from '../../../connectors/genesys/schemas.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { openSqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import { fakeClock } from '../../http/helpers.ts';
import { API, fakeGenesys, HASH_KEY, LOGIN, mapping } from './fixtures.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

/** The Genesys Cloud public API swagger, trimmed to the analytics paths (see ../shared/specs/README.md). */
const SPEC = fileURLToPath(
  new URL('../../../../shared/specs/genesys-cloud-publicapi.trimmed.swagger2.json', import.meta.url),
);
type Def = { properties?: Record<string, { enum?: string[] }> };

describe("the Genesys connector against Genesys's published swagger", () => {
  if (!existsSync(SPEC)) {
    it('is not checked: the vendor specs folder is absent', () => {
      console.log(`skipped: ${SPEC} not found (the specs live outside the repo, in ../shared/specs)`);
    });
    return;
  }
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { definitions: Record<string, Def> };
  const props = (name: string): string[] => Object.keys(spec.definitions[name]?.properties ?? {});
  const unknown = (s: ZodObject, def: string): string[] =>
    Object.keys(s.shape).filter((k) => !props(def).includes(k));

  it('reads only fields the swagger documents', () => {
    expect(unknown(GenesysConversation, 'AnalyticsConversationWithoutAttributes')).toEqual([]);
    expect(unknown(GenesysParticipant, 'AnalyticsParticipantWithoutAttributes')).toEqual([]);
    expect(unknown(GenesysSession, 'AnalyticsSession')).toEqual([]);
    expect(unknown(GenesysMetric, 'AnalyticsSessionMetric')).toEqual([]);
    expect(unknown(GenesysSegment, 'AnalyticsConversationSegment')).toEqual([]);
    expect(unknown(GenesysDetailsQueryResponse, 'AnalyticsConversationQueryResponse')).toEqual([]);
    expect(unknown(GenesysJobResults, 'AnalyticsConversationAsyncQueryResponse')).toEqual([]);
    expect(unknown(GenesysJobStatus, 'AsyncQueryStatus')).toEqual([]);
    expect(unknown(GenesysDataAvailability, 'DataAvailabilityResponse')).toEqual([]);
    expect(GenesysJobStatus.shape.state.options).toEqual(
      spec.definitions.AsyncQueryStatus!.properties!.state!.enum,
    );
  });

  it('the query and job bodies we send are valid ConversationQuery / AsyncConversationQuery documents', async () => {
    nock.disableNetConnect();
    const fake = fakeGenesys();
    const store = openSqliteStore(':memory:');
    const [calls] = genesysStreams(
      { apiBaseUrl: API, loginUrl: LOGIN, clientId: 'c', clientSecret: 'secret-123' },
      {
        genesys: mapping({ start_date: '2026-09-01', window_hours: 168, queues: ['q-1'] }),
        accounts: { phone_default_country_code: '1' },
      } as Mappings,
      {
        counters: createCounters(),
        log: pino({ level: 'silent' }),
        scrubber: new SecretScrubber(),
        hashKey: HASH_KEY,
        rateLimits: 'off',
        clock: fakeClock(Date.parse('2026-11-23T12:00:00Z')),
      },
    );
    await runStream(calls!, {
      store,
      log: pino({ level: 'silent' }),
      signal: new AbortController().signal,
      full: false,
      now: () => Date.parse('2026-11-23T12:00:00Z'),
    });
    await store.close();
    nock.cleanAll();

    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
    ajv.addSchema(spec, 'gc');
    const check = (name: string, value: unknown): string[] => {
      const validate = ajv.getSchema(`gc#/definitions/${name}`)!;
      return validate(value)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    };
    // The check can fail: a made-up dimension is refused.
    const bogus = {
      interval: 'a/b',
      segmentFilters: [{ type: 'or', predicates: [{ dimension: 'callerMood', value: 'x' }] }],
    };
    expect(check('ConversationQuery', bogus)).not.toEqual([]);
    expect(fake.queries.length).toBeGreaterThan(0);
    for (const q of fake.queries) expect(check('ConversationQuery', q.body)).toEqual([]);
    expect(fake.jobBodies.length).toBeGreaterThan(0);
    for (const b of fake.jobBodies) expect(check('AsyncConversationQuery', b)).toEqual([]);
  });
});
