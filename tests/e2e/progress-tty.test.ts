import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_PRELOAD } from './support/cli.ts';
import { openWorld, type E2eWorld } from './support/sandbox.ts';

/** `script` (util-linux) gives the CLI a pseudo-terminal, as a user's shell does. */
const HAVE_SCRIPT = ((): boolean => {
  try {
    return execFileSync('script', ['--version'], { encoding: 'utf8' }).includes('util-linux');
  } catch {
    return false;
  }
})();
if (!HAVE_SCRIPT) console.warn('util-linux `script` not found: the terminal progress-line test is skipped');

/** What a terminal shows after `raw`: carriage returns, erase-to-end-of-line and newlines applied. */
export function renderTerminal(raw: string): string[] {
  const lines: string[] = [''];
  let col = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (raw.startsWith('\x1b[K', i)) {
      lines[lines.length - 1] = lines.at(-1)!.slice(0, col);
      i += 2;
    } else if (ch === '\r') col = 0;
    else if (ch === '\n') {
      lines.push('');
      col = 0;
    } else {
      const line = lines.at(-1)!;
      lines[lines.length - 1] = line.slice(0, col) + ch + line.slice(col + 1);
      col++;
    }
  }
  return lines;
}

/** Runs the CLI under a pseudo-terminal; stdout and stderr both reach the terminal, as for a user. */
function runOnTerminal(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; raw: string }> {
  // The CLI's clock follows its sandbox's, as for every e2e child (support/cli.ts).
  const preload = env['SANDBOX_CLOCK_OFFSET_MS'] ? ['--import', CLOCK_PRELOAD] : [];
  const command = ['node', ...preload, 'src/cli/main.ts', ...args].join(' ');
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    env: { PATH: process.env['PATH'] ?? '', NODE_NO_WARNINGS: '1', TERM: 'xterm', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (raw += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (raw += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, raw }));
  });
}

describe.runIf(HAVE_SCRIPT)('sync on a terminal: the progress line', { timeout: 120_000 }, () => {
  let w: E2eWorld;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  it('never shares a line with a log line, and shows how far each stream has got', async () => {
    const { code, raw } = await runOnTerminal(['sync'], w.env());
    expect(code, raw.slice(-3000)).toBe(0);
    const screen = renderTerminal(raw);
    const logLines = screen.filter((l) => l.includes('{"level"'));
    expect(logLines.length).toBeGreaterThan(3);
    // Each log line starts its own line and holds nothing else.
    for (const line of logLines) expect(line).toMatch(/^\{"level":\d+.*\}$/);
    // The summary starts on a clean line too.
    expect(screen.some((l) => /^run \d+ succeeded in /.test(l))).toBe(true);
    // Totals where the source gives one: the Accounts query's count, the Zendesk export's time range.
    expect(raw).toMatch(
      /sources salesforce\.accounts: [\d,]+ pages, [\d,]+ records, [\d,]+ of [\d,]+ queried/,
    );
    expect(raw).toMatch(/sources zendesk\.tickets: [\d,]+ pages, [\d,]+ records, \d+% of the time range/);
    expect(raw).toMatch(/sources genesys\.calls: [\d,]+ pages, [\d,]+ records, 100% of the time range/);
  });
});
