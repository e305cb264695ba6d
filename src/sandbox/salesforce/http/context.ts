import type { SalesforceState } from '../state.ts';

/** One API request, independent of express so that composite subrequests go through the same handlers. */
export interface ApiRequest {
  method: string;
  /** The path after `/services/data/vXX.X`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
}

export interface ApiContext {
  state: SalesforceState;
  /** `64.0` */
  version: string;
  /** The user the access token acts for. */
  userId: string;
  /** Where the token endpoint and identity URLs live (the simulator's own origin unless configured). */
  loginUrl: string;
  bulkStepMs: number;
  locatorTtlMs: number;
}
