import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'tests', 'fixtures', 'broken-mappings');

async function validate(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(root, 'src/cli/main.ts'), 'validate', '--mappings', dir],
      {
        env: { PATH: process.env['PATH'] ?? '' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Expectation {
  file: string;
  path?: string;
  contains: string;
  line?: boolean;
  delete?: string;
}

describe('health-sync validate', () => {
  it('accepts the shipped mappings with exit 0', async () => {
    const res = await validate(join(root, 'mappings'));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/valid \(7 files, digest [0-9a-f]{16}, scorecard 2026\.12-1\+[0-9a-f]{6}\)/);
  });

  // Each case directory holds the broken file(s), laid over a copy of the shipped mappings.
  for (const name of readdirSync(fixtures)) {
    it(`rejects ${name} with exit 2, naming the file and the path`, async () => {
      const expected = JSON.parse(readFileSync(join(fixtures, name, 'expect.json'), 'utf8')) as Expectation;
      const dir = mkdtempSync(join(tmpdir(), `hs-${name}-`));
      try {
        cpSync(join(root, 'mappings'), dir, { recursive: true });
        for (const f of readdirSync(join(fixtures, name)))
          if (f.endsWith('.yaml')) cpSync(join(fixtures, name, f), join(dir, f));
        if (expected.delete) rmSync(join(dir, expected.delete));
        const res = await validate(dir);
        expect(res.code).toBe(2);
        expect(res.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // no stack trace
        const prefix = [expected.file, expected.path].filter(Boolean).join(' > ');
        const lines = res.stderr.split('\n').filter((l) => l.trim().startsWith(prefix));
        expect(lines.length, res.stderr).toBeGreaterThan(0);
        const line = lines.find((l) => l.includes(expected.contains));
        expect(line, res.stderr).toBeDefined();
        if (expected.line) expect(line).toMatch(/\(line \d+\): /);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('refuses a mapping file over 256 KB with exit 2, naming the file, its size and the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-big-'));
    try {
      cpSync(join(root, 'mappings'), dir, { recursive: true });
      appendFileSync(
        join(dir, 'scorecard.yaml'),
        Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}\n`).join(''),
      );
      const res = await validate(dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(
        /^ {2}scorecard\.yaml: 53\d KB is over the 256 KB limit for a mapping file$/m,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the first 100 problems of the largest accepted file, then how many more', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-max-'));
    try {
      cpSync(join(root, 'mappings'), dir, { recursive: true });
      const size = readFileSync(join(dir, 'scorecard.yaml')).length;
      const lines: string[] = [];
      for (let i = 0, total = size; ; i++) {
        const line = `k${i}: ${i}\n`;
        if ((total += line.length) > 256 * 1024) break;
        lines.push(line);
      }
      appendFileSync(join(dir, 'scorecard.yaml'), lines.join(''));
      const res = await validate(dir);
      expect(res.code).toBe(2);
      const listed = res.stderr.split('\n').filter((l) => l.startsWith('  scorecard.yaml > k'));
      expect(listed).toHaveLength(100);
      expect(listed[0]).toMatch(/^ {2}scorecard\.yaml > k0 \(line \d+\): unknown key/);
      expect(res.stderr).toContain(
        `  scorecard.yaml: and ${(lines.length - 100).toLocaleString('en')} more problems in this file`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every problem of a directory at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-many-'));
    try {
      cpSync(join(root, 'mappings'), dir, { recursive: true });
      for (const name of ['unknown-key', 'duplicate-target'])
        cpSync(join(fixtures, name), dir, { recursive: true });
      const res = await validate(dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('zendesk.yaml > tickets > pagesize');
      // Semantic problems wait until every file has a valid shape, so only the shape problem shows.
      expect(res.stderr).toMatch(/1 problem\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
