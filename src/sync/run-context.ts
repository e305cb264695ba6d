import type { AppEnv } from '../config/env.ts';
import type { Mappings } from '../config/mappings/index.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { Store } from '../store/store.ts';
import type { RunRecorder } from './run-recorder.ts';
import type { RunProgress, SyncOptions } from './types.ts';

/** What every stage of one run is given: its configuration, its record, and how to report progress. */
export interface RunContext {
  env: AppEnv;
  store: Store;
  /** The mappings read at the start of the run (a reload applies from the next run). */
  mappings: Mappings;
  options: SyncOptions;
  /** The run's logger (every line carries the run id). */
  log: Logger;
  scrubber: SecretScrubber;
  now: () => number;
  /** Aborted on SIGTERM: the current page commits, later stages are skipped. */
  signal: AbortSignal;
  recorder: RunRecorder;
  /** Saves the progress in the run record and tells the caller's onProgress. */
  progress(p: RunProgress): Promise<void>;
}
