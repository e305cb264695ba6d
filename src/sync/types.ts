import type { SourceName } from '../errors.ts';
import type { RunRecord } from '../store/store.ts';
import type { ReadPosition } from '../facts/stream-position.ts';

export interface SyncOptions {
  /** Ignore cursors and read everything from each stream's start date. */
  full: boolean;
  /** Compute and report the write plan without calling Salesforce's write endpoints. */
  dryRun: boolean;
  /** Sources to read (all configured ones when empty). Scoring and write-back always run. */
  sources: SourceName[];
  /** What started the run: `cli`, `schedule:<name>`, `api:<actor>`. */
  trigger: string;
  /**
   * Read no source at all: only match, score and write back (the scheduler's score job, or a run
   * when every source is disabled in schedule.yaml). `sources` is then empty and must not mean "all".
   */
  scoreOnly?: boolean;
}

/** Live progress of a run (the CLI's progress line and GET /runs/:id read it). */
export interface RunProgress {
  stage: 'sources' | 'match' | 'score' | 'write' | 'done';
  stream?: string;
  pages?: number;
  records?: number;
  /** How far the stream has read, where its source tells. */
  position?: ReadPosition;
  /** Why and how long the stream's requests are held back right now (a rate limit), if they are. */
  waiting?: string;
}

/** What the caller of a run may pass to follow and stop it. */
export interface RunHooks {
  /** Aborting it stops the run after its current page. */
  signal?: AbortSignal;
  /** Called once, as soon as the run has its record: its id, before anything is read. */
  onStart?: (runId: number) => void;
  onProgress?: (p: RunProgress) => void;
}

/** Runs one sync; single-flight is enforced by the caller (scheduler / API). */
export interface SyncRunner {
  run(options: SyncOptions, hooks?: RunHooks): Promise<RunRecord>;
}
