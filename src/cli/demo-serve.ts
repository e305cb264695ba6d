import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { startService } from '../server/start.ts';
import { hashToken, parseTokenFile, type TokenEntry } from '../server/tokens.ts';

/**
 * The demo's last step on a terminal: `serve` over the demo's database, with the console at `/` and a
 * fresh admin token for this process only (also any tokens of ADMIN_TOKENS_FILE, so tests can sign in
 * with several roles). Mappings are copied into the demo's directory: approving a proposal there never
 * writes to the repository's files. Resolves with the exit code once SIGINT or SIGTERM stopped it.
 */
export async function serveDemo(options: {
  dir: string;
  sandboxEnv: Record<string, string>;
  mappingsDir: string;
  dbPath: string;
  port: number;
  extraTokensFile: string | undefined;
  logger: Logger;
  scrubber: SecretScrubber;
  print: (line: string) => void;
}): Promise<number> {
  const token = `demo-${randomBytes(24).toString('base64url')}`;
  options.scrubber.add(token);
  const extra: TokenEntry[] = options.extraTokensFile
    ? parseTokenFile(readFileSync(options.extraTokensFile, 'utf8'), options.extraTokensFile)
    : [];
  const tokensFile = join(options.dir, 'tokens.json');
  writeFileSync(
    tokensFile,
    JSON.stringify([{ name: 'demo-admin', role: 'admin', sha256: hashToken(token) }, ...extra]),
    { mode: 0o600 },
  );
  const mappings = join(options.dir, 'mappings');
  cpSync(options.mappingsDir, mappings, { recursive: true });
  // The demo's sync ran once already; the scheduler stays off so runs start from the console only.
  const env = parseEnv({
    ...options.sandboxEnv,
    HEALTH_SYNC_RATE_LIMITS: 'off',
    HEALTH_SYNC_DB: options.dbPath,
    MAPPINGS_DIR: mappings,
    ADMIN_TOKENS_FILE: tokensFile,
  });
  const service = await startService(env, options.logger, options.scrubber, {
    port: options.port,
    host: '127.0.0.1',
    schedule: false,
    shutdownTimeoutMs: 10_000,
  });
  options.print(
    `\nConsole: http://127.0.0.1:${service.port}/\nSign in with this admin token (valid until you stop the demo):\n  ${token}\nPress Ctrl-C to stop.`,
  );
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      void service.shutdown(signal).then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
