import { loadEnv, type AppEnv } from '../config/env.ts';
import { scrubber } from '../log/redact.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { StatusLine } from '../log/status-line.ts';

/** The mapping directory when no --mappings is given, without requiring a valid environment. */
export function defaultMappingsDir(): string {
  const fromEnv = process.env['MAPPINGS_DIR'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : './mappings';
}

/**
 * The parsed environment and a logger, with every secret registered for scrubbing. On a terminal, the
 * log lines share stderr with a status line (`status`), so that the two never end up on one line.
 */
export function appContext(): { env: AppEnv; logger: Logger; status: StatusLine | undefined } {
  const env = loadEnv();
  const z = env.zendesk?.auth;
  const j = env.jira?.auth;
  const s = env.salesforce?.auth;
  scrubber.add(
    env.hashKey,
    z?.type === 'oauth' ? z.clientSecret : z?.apiToken,
    j?.type === 'basic' ? j.apiToken : j?.token,
    env.genesys?.clientSecret,
    s?.type === 'client_credentials' ? s.clientSecret : s?.privateKey,
  );
  const status = process.stderr.isTTY ? new StatusLine(process.stderr) : undefined;
  const logger = createLogger({ level: env.logLevel, ...(status ? { destination: status } : {}) });
  for (const source of env.skipped)
    logger.info({ source }, `${source}: no credentials configured, skipping this source`);
  return { env, logger, status };
}
