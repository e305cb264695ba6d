import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run demo` exactly as the README tells a newcomer to run it (200 accounts, shipped mappings). */
describe('npm run demo', () => {
  it('exits 0 and prints the summary and the at-risk table', { timeout: 600_000 }, () => {
    const r = spawnSync('npm', ['run', '--silent', 'demo'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Sandbox: 200 accounts/m);
    expect(r.stdout).toMatch(/^Account health: /m);
    expect(r.stdout).toMatch(/Most at risk:\n\s+account\s+tier\s+score\s+status/);
    expect(r.stdout).toMatch(/healthy → green .* trouble → red/);
  });
});
