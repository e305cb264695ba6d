import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { EnvError } from '../../src/errors.ts';

const URL = 'postgres://hs@db.internal:5432/health';

describe('HEALTH_SYNC_QUEUE', () => {
  it('no database: no queue (serve runs its schedule itself)', () => {
    expect(parseEnv({}).queue).toBeUndefined();
  });

  it('a database alone: a queue for workers, but serve still runs in process', () => {
    expect(parseEnv({ HEALTH_SYNC_DATABASE_URL: URL }).queue).toEqual({
      enabled: false,
      databaseUrl: URL,
      schema: 'health_sync_queue',
      heartbeatSeconds: 30,
    });
  });

  it('pg-boss with a database: serve queues jobs; schema and heartbeat may be set', () => {
    const env = parseEnv({
      HEALTH_SYNC_DATABASE_URL: URL,
      HEALTH_SYNC_QUEUE: 'pg-boss',
      HEALTH_SYNC_QUEUE_SCHEMA: 'jobs',
      HEALTH_SYNC_QUEUE_HEARTBEAT_SECONDS: '12',
    });
    expect(env.queue).toEqual({ enabled: true, databaseUrl: URL, schema: 'jobs', heartbeatSeconds: 12 });
  });

  it('refuses a queue without a database, another engine, a bad schema or a heartbeat under 10 s', () => {
    const problems = (vars: Record<string, string>): string => {
      try {
        parseEnv(vars);
      } catch (e) {
        expect(e).toBeInstanceOf(EnvError);
        return (e as EnvError).message;
      }
      return 'accepted';
    };
    expect(problems({ HEALTH_SYNC_QUEUE: 'pg-boss' })).toContain('set HEALTH_SYNC_DATABASE_URL too');
    expect(problems({ HEALTH_SYNC_DATABASE_URL: URL, HEALTH_SYNC_QUEUE: 'bullmq' })).toContain(
      'HEALTH_SYNC_QUEUE',
    );
    expect(problems({ HEALTH_SYNC_DATABASE_URL: URL, HEALTH_SYNC_QUEUE_SCHEMA: 'Drop"Table' })).toContain(
      'HEALTH_SYNC_QUEUE_SCHEMA',
    );
    expect(problems({ HEALTH_SYNC_DATABASE_URL: URL, HEALTH_SYNC_QUEUE_HEARTBEAT_SECONDS: '5' })).toContain(
      'at least 10 seconds',
    );
  });
});
