import { describe, expect, it } from 'vitest';
import { gracefulShutdown } from '../../src/server/shutdown.ts';
import { captureLogger } from './helpers.ts';

describe('graceful shutdown', () => {
  it('runs the steps in order and exits 0', async () => {
    const order: string[] = [];
    const { logger } = captureLogger();
    const code = await gracefulShutdown(
      {
        stopIntake: () => order.push('intake'),
        abortRun: () => order.push('abort'),
        waitForRun: () => Promise.resolve(void order.push('wait')),
        closeServer: () => Promise.resolve(void order.push('server')),
        closeStore: () => Promise.resolve(void order.push('store')),
      },
      { timeoutMs: 1000, logger, reason: 'SIGTERM' },
    );
    expect(code).toBe(0);
    expect(order).toEqual(['intake', 'abort', 'wait', 'server', 'store']);
  });

  it('gives up after the timeout when the run does not stop: exit 1 with a log line, store left alone', async () => {
    const { logger, lines } = captureLogger();
    let storeClosed = false;
    const code = await gracefulShutdown(
      {
        stopIntake: () => undefined,
        abortRun: () => undefined,
        waitForRun: () => new Promise(() => undefined),
        closeServer: () => Promise.resolve(),
        closeStore: () => Promise.resolve(void (storeClosed = true)),
      },
      { timeoutMs: 30, logger, reason: 'SIGTERM' },
    );
    expect(code).toBe(1);
    expect(storeClosed).toBe(false);
    expect(
      lines.some((l) => l['level'] === 50 && String(l['msg']).startsWith('shutdown did not finish')),
    ).toBe(true);
  });
});
