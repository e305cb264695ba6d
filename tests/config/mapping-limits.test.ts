import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_PROBLEMS_PER_FILE,
  readMappingTexts,
  validateMappingTexts,
  type MappingTexts,
} from '../../src/config/mappings/load.ts';
import { MAX_ALIASES, MAX_MAPPING_BYTES, parseYaml } from '../../src/config/mappings/yaml-source.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const shipped = (): Promise<MappingTexts> => readMappingTexts(join(ROOT, 'mappings'));

/** `k0: 0` lines appended to `base` until the text is as close to `bytes` as a line allows. */
function padded(base: string, bytes: number): string {
  const lines: string[] = [base.endsWith('\n') ? base : `${base}\n`];
  let size = Buffer.byteLength(lines[0]!);
  for (let i = 0; ; i++) {
    const line = `k${i}: ${i}\n`;
    if (size + line.length > bytes) break;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

const BOMB = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghi'.split('').map((l, i) => {
    const prev = 'abcdefghi'[i]!;
    return `${l}: &${l} [${Array.from({ length: 9 }, () => `*${prev}`).join(', ')}]`;
  }),
].join('\n');

describe('mapping files under abuse', () => {
  it('refuses a file over 256 KB unread, saying its size and the limit', async () => {
    const texts = await shipped();
    const big = padded(texts.scorecard!, 1.2 * 1024 * 1024);
    const result = validateMappingTexts({ ...texts, scorecard: big });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const refusal = {
      file: 'scorecard.yaml',
      path: [],
      message: '1.2 MB is over the 256 KB limit for a mapping file',
    };
    expect(result.problems).toEqual([refusal]);
    expect(result.refused).toEqual([refusal]);
  });

  it('counts the limit in bytes, and accepts a file of exactly 256 KB', () => {
    const exact = padded('version: 1', MAX_MAPPING_BYTES);
    const fill = MAX_MAPPING_BYTES - Buffer.byteLength(exact);
    const atLimit = `${exact}${'#'.repeat(fill)}`;
    expect(Buffer.byteLength(atLimit)).toBe(MAX_MAPPING_BYTES);
    expect(parseYaml('x.yaml', atLimit).refused).toBeUndefined();
    // One two-byte character more: 256 KB of characters but over the limit in bytes.
    const over = `${atLimit.slice(0, -1)}é`;
    expect(over.length).toBe(MAX_MAPPING_BYTES);
    expect(parseYaml('x.yaml', over)).toMatchObject({ refused: true, problems: [{ file: 'x.yaml' }] });
  });

  it('refuses an alias bomb with a problem naming the file instead of throwing', async () => {
    const texts = await shipped();
    const result = validateMappingTexts({ ...texts, zendesk: BOMB });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refused).toEqual([
      { file: 'zendesk.yaml', path: [], message: expect.stringContaining('alias bomb') },
    ]);
  });

  it('refuses a file with more aliases than any mapping needs', () => {
    const many = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `- &a${i} x\n- *a${i}`).join('\n');
    expect(parseYaml('accounts.yaml', many)).toEqual({
      refused: true,
      problems: [
        {
          file: 'accounts.yaml',
          path: [],
          message: `${MAX_ALIASES + 1} YAML aliases (*name) are more than the ${MAX_ALIASES} a mapping file may hold: refused`,
        },
      ],
    });
  });

  it('reports a duplicate key at its path, with both lines', () => {
    const text = 'version: 1\nstatus:\n  green: 70\n  yellow: 45\n  green: 75\nlist:\n  - { a: 1, a: 2 }\n';
    expect(parseYaml('scorecard.yaml', text).problems).toEqual([
      {
        file: 'scorecard.yaml',
        path: ['list', 0, 'a'],
        message: 'duplicate key "a" (first on line 7)',
        line: 7,
      },
      {
        file: 'scorecard.yaml',
        path: ['status', 'green'],
        message: 'duplicate key "green" (first on line 3)',
        line: 5,
      },
    ]);
  });

  it('finds the one duplicate among 20,000 keys of the largest accepted file', () => {
    const text = `${padded('version: 1', MAX_MAPPING_BYTES - 20)}k7: again\n`;
    const parsed = parseYaml('zendesk.yaml', text);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ path: ['k7'], message: 'duplicate key "k7" (first on line 9)' }),
    ]);
  });

  it('lists the first problems of a file with their lines, then how many more there are', async () => {
    const texts = await shipped();
    const scorecard = padded(texts.scorecard!, MAX_MAPPING_BYTES);
    const firstLine = texts.scorecard!.split('\n').length + (texts.scorecard!.endsWith('\n') ? 0 : 1);
    const result = validateMappingTexts({ ...texts, scorecard });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const extra = scorecard.split('\n').filter((l) => /^k\d+: /.test(l)).length;
    expect(extra).toBeGreaterThan(19_000);
    expect(result.refused).toBeUndefined();
    expect(result.problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(result.problems[0]).toEqual({
      file: 'scorecard.yaml',
      path: ['k0'],
      message: expect.stringContaining('unknown key'),
      line: firstLine,
    });
    expect(result.problems[MAX_PROBLEMS_PER_FILE - 1]).toMatchObject({
      path: [`k${MAX_PROBLEMS_PER_FILE - 1}`],
      line: firstLine + MAX_PROBLEMS_PER_FILE - 1,
    });
    expect(result.problems[MAX_PROBLEMS_PER_FILE]).toEqual({
      file: 'scorecard.yaml',
      path: [],
      message: `and ${(extra - MAX_PROBLEMS_PER_FILE).toLocaleString('en')} more problems in this file (fix the ones above first)`,
    });
  });

  it('reads deeply nested YAML without overflowing the stack, and refuses what nests deeper than it can', () => {
    const nested = (depth: number) => `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    expect(parseYaml('jira.yaml', nested(300)).source?.lineOf(['a', 0, 0, 0])).toBe(1);
    expect(parseYaml('jira.yaml', nested(20_000))).toEqual({
      refused: true,
      problems: [{ file: 'jira.yaml', path: [], message: expect.stringContaining('nested too deeply') }],
    });
  });
});
