import { loadEnv, type AppEnv } from '../config/env.ts';
import { scrubber } from '../log/redact.ts';
import { createLogger, type Logger } from '../log/logger.ts';

/** The mapping directory when no --mappings is given, without requiring a valid environment. */
export function defaultMappingsDir(): string {
  const fromEnv = process.env['MAPPINGS_DIR'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : './mappings';
}

/** The parsed environment and a logger, with every secret registered for scrubbing. */
export function appContext(): { env: AppEnv; logger: Logger } {
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
  const logger = createLogger({ level: env.logLevel });
  for (const source of env.skipped)
    logger.info({ source }, `${source}: no credentials configured, skipping this source`);
  return { env, logger };
}
