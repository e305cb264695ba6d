import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { startService } from '../../src/server/start.ts';
import { hashToken } from '../../src/server/tokens.ts';
import { captureLogger, mappingsDir, tempDir } from './helpers.ts';

describe('startService (in-process)', () => {
  it('serves, reloads the tokens file on SIGHUP (keeping the old ones when the new file is bad), and stops', async () => {
    const dir = tempDir();
    const tokensFile = join(dir, 'tokens.yaml');
    writeFileSync(tokensFile, `- { name: alice, role: admin, sha256: ${hashToken('first-token-123456')} }\n`);
    const env = parseEnv({
      HEALTH_SYNC_DB: join(dir, 'state.db'),
      MAPPINGS_DIR: mappingsDir(dir),
      ADMIN_TOKENS_FILE: tokensFile,
    });
    const { logger, lines, scrubber } = captureLogger();
    const service = await startService(env, logger, scrubber, {
      port: 0,
      host: '127.0.0.1',
      schedule: false,
      shutdownTimeoutMs: 5000,
    });
    const get = (path: string, token: string) =>
      fetch(`http://127.0.0.1:${service.port}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      }).then((r) => r.status);
    try {
      expect(await get('/runs', 'first-token-123456')).toBe(200);

      writeFileSync(
        tokensFile,
        `- { name: bob, role: viewer, sha256: ${hashToken('second-token-123456')} }\n`,
      );
      await service.reload('sighup');
      expect(await get('/runs', 'first-token-123456')).toBe(401);
      expect(await get('/runs', 'second-token-123456')).toBe(200);

      writeFileSync(tokensFile, '- { name: bob, role: superuser }\n');
      await service.reload('sighup');
      expect(await get('/runs', 'second-token-123456')).toBe(200);
      expect(lines.some((l) => String(l['msg']).startsWith('admin tokens not reloaded'))).toBe(true);
    } finally {
      expect(await service.shutdown('test')).toBe(0);
    }
    expect(service.server.listening).toBe(false);
    expect(JSON.stringify(lines)).not.toContain('first-token-123456');
  });
});
