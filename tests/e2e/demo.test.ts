import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allOutputLines, runCli } from './support/cli.ts';
import { e2eMappingsDir } from './support/sandbox.ts';
import { pinnedClockEnv, TEST_NOW } from '../support/test-clock.ts';

/**
 * `health-sync demo` as a user runs it, on 50 accounts (the full `npm run demo`, 200 accounts and
 * the shipped mappings, is in tests/e2e/heavy/).
 */
describe('health-sync demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'health-sync-e2e-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'exits 0 and prints the run summary, the status counts and the at-risk table',
    { timeout: 120_000 },
    async () => {
      const r = await runCli(['demo', '--accounts', '50', '--seed', '3'], {
        MAPPINGS_DIR: e2eMappingsDir(dir),
        // The demo's sandbox runs on the CLI's own clock: pinning that pins the dataset and every run.
        ...pinnedClockEnv(TEST_NOW),
      });
      expect(r.code).toBe(0);
      // Warnings only (the sandbox's Zendesk API-token credentials draw the retirement warning).
      for (const line of r.stderr.split('\n').filter(Boolean))
        expect((JSON.parse(line) as { level: number }).level).toBeLessThan(50);
      const out = r.stdout;
      expect(out).toMatch(/^Sandbox: 50 accounts, \d+ tickets, \d+ calls, \d+ Jira issues \(seed 3\)$/m);
      expect(out).toMatch(/^run \d+ succeeded in [\d.]+ s \(trigger demo\)$/m);
      expect(out).toMatch(/^\s+zendesk\s+\d+\s+\d+/m);
      expect(out).toMatch(/Salesforce: 50 accounts sent, 50 written, 0 failed/);
      expect(out).toContain('Second run (score only; then the older history)');
      expect(out).toMatch(/^Account health: \d+ red/m);
      const table = out.split('Most at risk:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
      expect(table[0]).toMatch(/account\s+tier\s+score\s+status\s+30d\s+top driver \(or strength\)/);
      expect(table.length).toBe(13);
      expect(table[1]).toMatch(/\s(red)\s/);
      expect(out).toMatch(
        /healthy → green \([\d.]+\), deteriorating → (red|yellow) \([\d.]+\), trouble → red/,
      );
      expect(out).toMatch(/^Done in [\d.]+ s\.$/m);
      expect(allOutputLines.length).toBeGreaterThan(20);
    },
  );
});
