import type { Registry } from 'prom-client';
import type { LoadedMappings } from '../config/mappings/index.ts';
import type { SourceName } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { Store } from '../store/store.ts';
import type { RunControl } from '../sync/single-flight.ts';
import type { SyncRunner } from '../sync/types.ts';
import type { AuthGuard } from './auth-guard.ts';
import type { MappingsHolder } from './mappings-holder.ts';
import type { ServerMetrics } from './prometheus.ts';
import type { TenantScope } from './tenant-scope.ts';
import type { TokenRegistry } from './tokens.ts';

export interface Clock {
  now(): number;
}

/** What-if of a proposed configuration against the current one (the scorecard's previewMappings). */
export type PreviewFn = (current: LoadedMappings, proposed: LoadedMappings) => unknown;

/** Everything the admin API needs, injected: `createApp(deps)` does no I/O of its own beyond these. */
export interface AppDeps {
  store: Store;
  mappings: MappingsHolder;
  runner: SyncRunner;
  /** The single-flight control shared with the scheduler; created from `runner` when absent. */
  control?: RunControl;
  preview: PreviewFn;
  tokens: TokenRegistry;
  clock?: Clock;
  logger: Logger;
  /** The process's secrets (for the run control's records of failed runs). */
  scrubber: SecretScrubber;
  registry: Registry;
  /** Sources with credentials (default: all four). */
  sources?: readonly SourceName[];
  /** Request body limit (default 1 MB). */
  bodyLimit?: string;
  /** Failed authentications per client address and minute before 429 (ADMIN_AUTH_FAILURE_LIMIT; 0: no limit). */
  authFailureLimit?: number;
  /** Made from the store, clock and limit when absent; `serve` makes its own to flush it. */
  authGuard?: AuthGuard;
  /** The built console (default: dist/console of the package). */
  consoleDir?: string;
  /** The tenant this context serves (default: the one tenant of a single-company install). */
  tenant?: TenantScope;
}

/** The deps with every default filled in: what routes receive. */
export interface AppContext extends Required<Omit<AppDeps, 'control' | 'consoleDir'>> {
  consoleDir?: string;
  control: RunControl;
  metrics: ServerMetrics;
}
