import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { startService } from '../../src/server/start.ts';
import { hashToken } from '../../src/server/tokens.ts';
import { captureLogger, mappingsDir, tempDir } from './helpers.ts';

const line = (name: string, role: string, token: string): string =>
  `- { name: ${name}, role: ${role}, sha256: ${hashToken(token)} }\n`;

describe('SIGHUP reload of ADMIN_TOKENS_FILE', () => {
  it('audits every reload by holder name (added, removed, role changed, replaced), never a hash', async () => {
    const dir = tempDir();
    const file = join(dir, 'tokens.yaml');
    writeFileSync(
      file,
      line('alice', 'admin', 'alice-token-1') +
        line('bob', 'viewer', 'bob-token-1') +
        line('carl', 'operator', 'carl-token-1'),
    );
    const env = parseEnv({
      HEALTH_SYNC_DB: join(dir, 'state.db'),
      MAPPINGS_DIR: mappingsDir(dir),
      ADMIN_TOKENS_FILE: file,
    });
    const { logger, lines, scrubber } = captureLogger();
    const service = await startService(env, logger, scrubber, {
      port: 0,
      host: '127.0.0.1',
      schedule: false,
      shutdownTimeoutMs: 5000,
    });
    const audit = async () => {
      const res = await fetch(`http://127.0.0.1:${service.port}/audit`, {
        headers: { Authorization: 'Bearer alice-token-1' },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        items: { actor: string; action: string; target: string; detail: unknown }[];
      };
      return body.items.filter((e) => e.action === 'tokens.reload');
    };
    try {
      writeFileSync(
        file,
        line('alice', 'admin', 'alice-token-1') +
          line('bob', 'operator', 'bob-token-1') +
          line('carl', 'operator', 'carl-token-2') +
          line('dana', 'viewer', 'dana-token-1'),
      );
      await service.reload('sighup');
      writeFileSync(file, line('alice', 'admin', 'alice-token-1') + line('dana', 'viewer', 'dana-token-1'));
      await service.reload('sighup');
      writeFileSync(file, '- { name: eve, role: root }\n');
      await service.reload('sighup');

      const rows = await audit();
      expect(rows.map((r) => r.detail)).toEqual([
        { outcome: 'invalid', problems: 2, tokens: 2 },
        {
          outcome: 'ok',
          tokens: 2,
          added: [],
          removed: [
            { name: 'bob', role: 'operator' },
            { name: 'carl', role: 'operator' },
          ],
          roleChanged: [],
          replaced: [],
        },
        {
          outcome: 'ok',
          tokens: 4,
          added: [{ name: 'dana', role: 'viewer' }],
          removed: [],
          roleChanged: [{ name: 'bob', from: 'viewer', to: 'operator' }],
          replaced: ['carl'],
        },
      ]);
      expect(rows.every((r) => r.actor === 'system:sighup' && r.target === 'tokens.yaml')).toBe(true);
      const everything = JSON.stringify(rows) + JSON.stringify(lines);
      for (const token of ['alice-token-1', 'carl-token-1', 'carl-token-2', 'dana-token-1'])
        expect(everything).not.toContain(hashToken(token));
    } finally {
      expect(await service.shutdown('test')).toBe(0);
    }
  });
});
