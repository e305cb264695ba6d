import type { Logger } from '../log/logger.ts';

/** The steps of a graceful stop, in order. */
export interface ShutdownSteps {
  /** Stop the scheduler and the mapping watcher; refuse new runs. */
  stopIntake(): void;
  /** Abort the current run's signal: the runner finishes its page, commits, returns. */
  abortRun(): void;
  waitForRun(): Promise<void>;
  closeServer(): Promise<void>;
  closeStore(): Promise<void>;
}

/**
 * Runs the steps within `timeoutMs`. Resolves with the exit code: 0 when everything closed, 1 when
 * time ran out (the store is then left open: SQLite's journal keeps it consistent) or a step failed.
 */
export async function gracefulShutdown(
  steps: ShutdownSteps,
  options: { timeoutMs: number; logger: Logger; reason: string },
): Promise<0 | 1> {
  const { logger, timeoutMs } = options;
  logger.info({ reason: options.reason, timeoutMs }, 'shutting down');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const sequence = (async (): Promise<'done'> => {
    steps.stopIntake();
    steps.abortRun();
    await steps.waitForRun();
    await steps.closeServer();
    await steps.closeStore();
    return 'done';
  })();
  try {
    const outcome = await Promise.race([sequence, timeout]);
    if (outcome === 'timeout') {
      logger.error(
        { timeoutMs },
        `shutdown did not finish within ${Math.round(timeoutMs / 1000)} s (the run did not stop); exiting with code 1`,
      );
      return 1;
    }
    logger.info('shutdown complete');
    return 0;
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    return 1;
  } finally {
    clearTimeout(timer);
  }
}
