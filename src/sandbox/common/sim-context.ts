import type { Dataset } from '../dataset/dataset.ts';
import { createClock, type SimClock } from './clock.ts';
import { createFaults, type FaultConfigInput, type FaultController } from './faults.ts';
import { createWindowLimiter, type WindowLimiter } from './rate-limit.ts';
import { createStats, type StatsRecorder } from './stats.ts';

export type RateLimitMode = 'documented' | 'off';

/** Options every simulator takes. */
export interface SimOptions {
  dataset: Dataset;
  /** Shared by the simulators of one sandbox, so that moving it moves them all. */
  clock?: SimClock;
  rateLimits?: RateLimitMode;
  faults?: FaultConfigInput;
}

/** What a simulator's routes share. */
export interface SimContext {
  dataset: Dataset;
  clock: SimClock;
  rateLimits: RateLimitMode;
  faults: FaultController;
  limiter: WindowLimiter;
  stats: StatsRecorder;
}

export function createSimContext(o: SimOptions): SimContext {
  const clock = o.clock ?? createClock();
  return {
    dataset: o.dataset,
    clock,
    rateLimits: o.rateLimits ?? 'documented',
    faults: createFaults(o.faults),
    limiter: createWindowLimiter(clock),
    stats: createStats(),
  };
}

/** The simulator's own origin as the client reached it (for next-page links). */
export const originOf = (req: { protocol: string; get(name: string): string | undefined }): string =>
  `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
