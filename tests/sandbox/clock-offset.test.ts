import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PRELOAD = fileURLToPath(new URL('../../src/sandbox/clock-offset.ts', import.meta.url));
const PROBE = `
const real = performance.timeOrigin + performance.now();
console.log(JSON.stringify({
  now: Date.now() - real,
  constructed: new Date().getTime() - real,
  fixed: new Date(0).getTime(),
  parsed: Date.parse('2020-01-01T00:00:00Z'),
  utc: Date.UTC(2020, 0, 1),
  isDate: new Date() instanceof Date,
  called: typeof Date(),
}));`;

const probe = (offset: string | undefined): Record<string, unknown> =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', PRELOAD, '-e', PROBE], {
      env: { ...process.env, SANDBOX_CLOCK_OFFSET_MS: offset ?? '' },
      encoding: 'utf8',
    }),
  ) as Record<string, unknown>;

describe('sandbox: clock-offset preload', () => {
  it('moves the current time by the offset and nothing else', () => {
    const r = probe(String(6 * 3_600_000));
    for (const k of ['now', 'constructed'] as const) {
      expect(r[k]).toBeGreaterThan(6 * 3_600_000 - 1_000);
      expect(r[k]).toBeLessThan(6 * 3_600_000 + 1_000);
    }
    expect(r).toMatchObject({
      fixed: 0,
      parsed: 1_577_836_800_000,
      utc: 1_577_836_800_000,
      isDate: true,
      called: 'string',
    });
  });

  it('leaves the clock alone without an offset', () => {
    const r = probe(undefined);
    expect(Math.abs(r['now'] as number)).toBeLessThan(1_000);
  });
});
