import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { pinnedClockEnv } from '../support/test-clock.ts';

/**
 * The README's demo sample is what `npm run demo` prints (200 accounts, seed 1, the shipped
 * mappings), run at the instant below. Every line of the sample must appear in the output, with
 * durations masked; a line shortened with `…` must begin an output line. When the demo's output
 * changes on purpose, paste the output this test prints on failure into the README.
 */
const README_DEMO_AT = Date.parse('2026-11-23T12:00:00.000Z');

const maskDurations = (line: string): string => line.replace(/\b\d+(\.\d+)? s\b/g, '# s');

function readmeSample(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const block = /Its output, shortened:\n\n```\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error('README.md has no "Its output, shortened:" code block');
  return block[1]!.split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…');
}

describe("the README's demo sample", () => {
  it('is what the demo prints', { timeout: 180_000 }, async () => {
    const r = await runCli(['demo'], { ...pinnedClockEnv(README_DEMO_AT) });
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').map(maskDurations);
    const missing = readmeSample()
      .map(maskDurations)
      .filter((want) => {
        const cut = want.indexOf('…');
        return cut === -1 ? !out.includes(want) : !out.some((l) => l.startsWith(want.slice(0, cut)));
      });
    if (missing.length) console.log(`The demo printed:\n${r.stdout}`);
    expect(missing).toEqual([]);
  });
});
