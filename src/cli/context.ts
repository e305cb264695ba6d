import { loadEnv, type AppEnv } from '../config/env.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { StatusLine } from '../log/status-line.ts';
import { databaseUrlPassword } from '../store/postgres/url.ts';

/** The mapping directory when no --mappings is given, without requiring a valid environment. */
export function defaultMappingsDir(): string {
  const fromEnv = process.env['MAPPINGS_DIR'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : './mappings';
}

/** The environment's secret values: the hash key, the database URL and its password, and each source's credential. */
export function envSecrets(env: AppEnv): (string | undefined)[] {
  const z = env.zendesk?.auth;
  const j = env.jira?.auth;
  const s = env.salesforce?.auth;
  return [
    env.hashKey,
    env.databaseUrl,
    env.databaseUrl === undefined ? undefined : databaseUrlPassword(env.databaseUrl),
    z?.type === 'oauth' ? z.clientSecret : z?.apiToken,
    j?.type === 'basic' ? j.apiToken : j?.token,
    env.genesys?.clientSecret,
    s?.type === 'client_credentials' ? s.clientSecret : s?.privateKey,
  ];
}

/**
 * The parsed environment and a logger, with every secret added to the command's `scrubber`. On a
 * terminal, the log lines share stderr with a status line (`status`), so that the two never end up on
 * one line.
 */
export function appContext(scrubber: SecretScrubber): {
  env: AppEnv;
  logger: Logger;
  status: StatusLine | undefined;
} {
  const env = loadEnv();
  scrubber.add(...envSecrets(env));
  const status = process.stderr.isTTY ? new StatusLine(process.stderr) : undefined;
  const logger = createLogger({
    level: env.logLevel,
    scrubber,
    ...(status ? { destination: status } : {}),
  });
  for (const source of env.skipped)
    logger.info({ source }, `${source}: no credentials configured, skipping this source`);
  return { env, logger, status };
}
