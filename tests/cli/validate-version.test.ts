import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { saveScoringConfig, scoringConfigOf } from '../../src/sync/stages/scoring-config.ts';
import { shippedMappings } from '../metrics/fixtures.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const WARNING = /warning: scorecard\.yaml changed but its version is still "2026\.12-1"/;

describe('validate against the scorecard the latest scores were computed with', () => {
  let tmp: string;
  let db: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'hs-validate-version-'));
    db = join(tmp, 'state.db');
    // What a run with the shipped mappings leaves in the state store.
    const store = openSqliteStore(db);
    await saveScoringConfig(store.meta, scoringConfigOf(shippedMappings()));
    await store.close();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function validate(
    edit: (scorecard: string) => string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const dir = mkdtempSync(join(tmp, 'mappings-'));
    cpSync(join(root, 'mappings'), dir, { recursive: true });
    const file = join(dir, 'scorecard.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [join(root, 'src/cli/main.ts'), 'validate', '--offline', '--mappings', dir],
        { env: { PATH: process.env['PATH'] ?? '', HEALTH_SYNC_DB: db } },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  const WEIGHT = /(- id: csat[\s\S]*?weight: )20/;

  it('warns (exit 0) when a weight changed under the same version label', async () => {
    const res = await validate((t) => t.replace(WEIGHT, '$140'));
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(WARNING);
    expect(res.stdout).toMatch(/scorecard 2026\.12-1\+[0-9a-f]{6}\)/);
  });

  it('does not warn when the label changed too, or when only comments and layout changed', async () => {
    const bumped = await validate((t) =>
      t.replace(WEIGHT, '$140').replace('version: "2026.12-1"', 'version: "2026.12-2"'),
    );
    expect([bumped.code, bumped.stderr]).toEqual([0, '']);
    const cosmetic = await validate(
      (t) => `# a comment\n${t.replace('drivers: 3', 'drivers:    3   # three')}`,
    );
    expect([cosmetic.code, cosmetic.stderr]).toEqual([0, '']);
  });
});
