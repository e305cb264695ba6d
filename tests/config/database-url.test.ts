import { describe, expect, it } from 'vitest';
import { envSecrets } from '../../src/cli/context.ts';
import { parseEnv } from '../../src/config/env.ts';
import { EnvError } from '../../src/errors.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

describe('HEALTH_SYNC_DATABASE_URL', () => {
  it('is unset by default: the store is the SQLite file', () => {
    expect(parseEnv({})).toMatchObject({ dbPath: './data/health-sync.db', databaseUrl: undefined });
  });

  it('takes a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://hs:pw@db.internal:5432/health', 'postgresql://db.internal/health'])
      expect(parseEnv({ HEALTH_SYNC_DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url);
  });

  it('refuses anything else, naming the variable and never its value', () => {
    for (const url of ['mysql://hs:hunter22@db/health', 'db.internal:5432', 'postgres://']) {
      let err: unknown;
      try {
        parseEnv({ HEALTH_SYNC_DATABASE_URL: url });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EnvError);
      expect((err as EnvError).message).toContain('HEALTH_SYNC_DATABASE_URL: a postgres:// URL');
      // (The rule itself says "postgres://": only the other values can be told apart in the message.)
      if (url !== 'postgres://') expect((err as EnvError).message).not.toContain(url);
    }
  });

  it('its password (and the URL itself) are scrubbed from whatever the command writes', () => {
    const env = parseEnv({
      HEALTH_SYNC_DATABASE_URL: 'postgres://hs:p%40ss-w0rd-42@db.internal:5432/health',
    });
    const scrubber = new SecretScrubber(envSecrets(env));
    const line = scrubber.scrub(
      'connect failed for hs with password p@ss-w0rd-42 to postgres://hs:p%40ss-w0rd-42@db.internal:5432/health',
    );
    expect(line).not.toContain('p@ss-w0rd-42');
    expect(line).not.toContain('p%40ss-w0rd-42');
  });
});
