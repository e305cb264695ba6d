/**
 * Generated from the admin API's OpenAPI document by `npm run console:api-types`
 * (openapi-typescript). Do not edit: change the routes' zod schemas and regenerate.
 */
export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process is up */
    get: operations['getHealthz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the store answers and the mappings are loaded */
    get: operations['getReadyz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Runs, newest first */
    get: operations['getRuns'];
    put?: never;
    /** Start a run (single-flight: 409 while one is going) */
    post: operations['postRuns'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The running sync's per-stream progress as server-sent events (progress, finished; idle when none) */
    get: operations['getRunsLive'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One run: counts, errors and, while it runs, its current stage, stream and pages */
    get: operations['getRunsId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/unmatched': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What is linked to no account now, per source and rule, and the keys behind it: Zendesk organizations and requester email domains, Jira issues and account references, Genesys external org ids; callers only as a count */
    get: operations['getUnmatched'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's name, role and tenants */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Accounts with their latest score, status, trend and top driver: filtered, sorted and paged */
    get: operations['getAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An account's latest score with its drivers, measures and trend, and its daily history */
    get: operations['getAccountsIdHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accounts/{id}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What stands behind an account's score: its measures' bands, the Tasks health-sync opened, the linked facts (counts and ids, never text) and the CSM override */
    get: operations['getAccountsIdEvidence'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The mapping files in the directory now, by file name */
    get: operations['getMappingsFiles'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Validate mapping files (every problem, with file, path and line); files not given are read from the directory */
    post: operations['postMappingsValidate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** What-if: which accounts would change score or status under the proposed files */
    post: operations['postMappingsPreview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/proposals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Mapping proposals, newest first */
    get: operations['getMappingsProposals'];
    put?: never;
    /** Propose a mapping change (a different admin must approve it) */
    post: operations['postMappingsProposals'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/proposals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One mapping proposal with its texts */
    get: operations['getMappingsProposalsId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/proposals/{id}/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One proposal's audit trail, oldest first: created, approved or rejected (and refused attempts), by whom and when */
    get: operations['getMappingsProposalsIdAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/proposals/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve and apply a proposal (a different admin than its author) */
    post: operations['postMappingsProposalsIdApprove'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mappings/proposals/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a pending proposal (any admin, its author included); it can never apply afterwards */
    post: operations['postMappingsProposalsIdReject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log, newest first: every mutating call, allowed or not; failed authentications (one row per client address and minute); mapping and token reloads */
    get: operations['getAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document (OpenAPI 3.1) */
    get: operations['getOpenapijson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      error: {
        code: string;
        message: string;
        details?: unknown;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealthz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description up */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ok';
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getReadyz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ready';
            mappings: {
              digest: string;
              scorecardVersion: string;
              lastReload: {
                at: number;
                origin: string;
                ok: boolean;
                problems: number;
              } | null;
            };
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description not ready (error code NOT_READY, details say which part) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain; version=0.0.4': unknown;
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRuns: {
    parameters: {
      query?: {
        limit?: string;
        before?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page of runs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: number;
              trigger: string;
              /** @enum {string} */
              status: 'running' | 'succeeded' | 'failed' | 'partial';
              startedAt: number;
              endedAt: number | null;
              durationMs: number | null;
              options: {
                [key: string]: unknown;
              };
              stats: {
                [key: string]: unknown;
              };
              error: string | null;
            }[];
            nextBefore: number | null;
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postRuns: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          sources?: ('zendesk' | 'jira' | 'genesys' | 'salesforce')[];
          full?: boolean;
          dryRun?: boolean;
        };
      };
    };
    responses: {
      /** @description started; poll GET /runs/{id} */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            runId: number;
            /** @constant */
            status: 'running';
            trigger: string;
            sources: ('zendesk' | 'jira' | 'genesys' | 'salesforce')[];
            scoreOnly: boolean;
            full: boolean;
            dryRun: boolean;
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below operator */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description a run is in progress (RUN_IN_PROGRESS) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is larger than 1 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description a source is disabled in schedule.yaml or has no credentials (SOURCE_DISABLED) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description shutting down, or no configuration loaded */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRunsLive: {
    parameters: {
      query?: {
        next?: '0' | '1';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream: "progress" events ({ runId, startedAt, stage, waiting, streams: [{ stream, pages, records, position?, done }] }), then one "finished" (the run); or one "idle" */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': unknown;
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRunsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: number;
            trigger: string;
            /** @enum {string} */
            status: 'running' | 'succeeded' | 'failed' | 'partial';
            startedAt: number;
            endedAt: number | null;
            durationMs: number | null;
            options: {
              [key: string]: unknown;
            };
            stats: {
              [key: string]: unknown;
            };
            error: string | null;
            progress: {
              /** @enum {string} */
              stage: 'sources' | 'match' | 'score' | 'write' | 'done';
              stream?: string;
              pages?: number;
              records?: number;
              position?: {
                done: number;
                total: number;
                /** @enum {string} */
                unit: 'records' | 'ms';
              };
            } | null;
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such run */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getUnmatched: {
    parameters: {
      query?: {
        source?: string;
        limit?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description every unlinked fact, by source and the first rule that found nothing (none: no rule had a key) */
            unlinked: {
              [key: string]: {
                [key: string]: number;
              };
            };
            zendesk?: {
              organizations: {
                id: string;
                name: string | null;
                externalId: string | null;
                tickets: number;
              }[];
              emailDomains: {
                domain: string;
                tickets: number;
              }[];
              ticketsWithoutKey: number;
            };
            jira?: {
              accountRefs: {
                ref: string;
                issues: number;
              }[];
              issues: {
                key: string;
                firstRule: string;
              }[];
            };
            genesys?: {
              externalOrgIds: {
                id: string;
                calls: number;
              }[];
              /** @description distinct caller numbers (stored hashed; never shown) */
              distinctCallers: number;
              callsWithCaller: number;
              callsWithoutKey: number;
            };
            /** @description for the top keys, the accounts.yaml rule (or data fix) that would link them */
            suggestions: {
              /** @enum {string} */
              source: 'zendesk' | 'jira' | 'genesys';
              key: string;
              facts: number;
              fix: string;
              yaml: string | null;
            }[];
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no mapping configuration is loaded (NOT_READY) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the holder of the bearer token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
            /** @enum {string} */
            role: 'viewer' | 'operator' | 'admin';
            tenants: string[];
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAccounts: {
    parameters: {
      query?: {
        q?: string;
        status?: string;
        tier?: string;
        owner?: string;
        sort?: 'name' | 'score' | 'trend7d' | 'trend30d' | 'tier' | 'owner';
        order?: 'asc' | 'desc';
        limit?: string;
        offset?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page of accounts, the counts by status and a histogram */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Accounts every filter selects; `items` is the page of them at `offset` */
            total: number;
            offset: number;
            items: {
              accountId: string;
              name: string;
              tier: string | null;
              ownerId: string | null;
              score: number | null;
              status: ('green' | 'yellow' | 'red' | 'insufficient_data') | 'unscored';
              trend7d: number | null;
              trend30d: number | null;
              /** @description The first driver of the latest score (what pulls it down most) */
              topDriver: string | null;
            }[];
            /** @description Accounts per status, over what the filters other than `status` select */
            counts: {
              [key: string]: number;
            };
            /** @description Scores in ten bins of ten points (the last is 90–100), over the same accounts as `counts` */
            histogram: number[];
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAccountsIdHealth: {
    parameters: {
      query?: {
        days?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the score and its explanation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accountId: string;
            account: {
              name: string;
              tier: string | null;
              ownerId: string | null;
            } | null;
            latest: {
              accountId: string;
              computedAt: number;
              score: number | null;
              /** @enum {string} */
              status: 'green' | 'yellow' | 'red' | 'insufficient_data';
              segment: string | null;
              scorecardVersion: string;
              coverage: number;
              trend7d: number | null;
              trend30d: number | null;
              /** @description What pulls the score down, worst first: measures below their target. Empty when nothing is below target; for insufficient_data, the reason and the measures that lack data. */
              drivers: string[];
              /**
               * @description Measures at or above their target, best first; empty without a score.
               * @default []
               */
              strengths: string[];
              measures: {
                id: string;
                label: string;
                metric: string;
                kind?: string;
                value: number | null;
                sample: number;
                hasData: boolean;
                subScore: number | null;
                weight: number;
                contribution: number;
                target: number | null;
                format?: string;
                explanation?: string;
              }[];
            } | null;
            history: {
              day: string;
              score: number | null;
              /** @enum {string} */
              status: 'green' | 'yellow' | 'red' | 'insufficient_data';
              scorecardVersion: string;
              rebuilt: boolean;
            }[];
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such account and no score for it */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAccountsIdEvidence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description bands, Tasks, facts and override */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accountId: string;
            segment: string | null;
            bands: {
              id: string;
              label: string;
              /** @enum {string} */
              direction: 'higher_is_better' | 'lower_is_better';
              weight: number;
              target: number | null;
              format: string;
              scoring:
                | {
                    /** @constant */
                    type: 'bands';
                    bands: {
                      limit?: number;
                      score: number;
                    }[];
                  }
                | {
                    /** @constant */
                    type: 'linear';
                    zero_at: number;
                    full_at: number;
                  };
            }[];
            tasks: {
              key: string;
              rule: string;
              createdAt: number;
              /** @enum {string} */
              state: 'pending' | 'created';
              taskId: string | null;
              subject: string;
              priority: string;
              dueDate: string;
            }[];
            facts: {
              /** @enum {string} */
              source: 'zendesk' | 'genesys' | 'jira';
              /** @enum {string} */
              kind: 'ticket' | 'call' | 'issue';
              windows: {
                days: number;
                count: number;
              }[];
              recent: {
                id: string;
                at: number;
                rule: string;
              }[];
            }[];
            override: {
              /** @enum {string} */
              state: 'in_force' | 'lapsed';
              /** @enum {string} */
              status: 'green' | 'yellow' | 'red';
              reason: string | null;
              until: string | null;
            } | null;
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMappingsFiles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the texts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            digest: string;
            /** @description The mapping files on disk by file name */
            files: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no configuration loaded (NOT_READY) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postMappingsValidate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          files: {
            'accounts.yaml'?: string;
            'zendesk.yaml'?: string;
            'jira.yaml'?: string;
            'genesys.yaml'?: string;
            'scorecard.yaml'?: string;
            'salesforce.yaml'?: string;
            'schedule.yaml'?: string;
          };
        };
      };
    };
    responses: {
      /** @description valid, or the list of problems */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | {
                /** @constant */
                valid: true;
                digest: string;
                setDigest: string;
                scorecardVersion: string;
                warnings: string[];
              }
            | {
                /** @constant */
                valid: false;
                problems: {
                  file: string;
                  path: (string | number)[];
                  message: string;
                  line?: number;
                }[];
              };
        };
      };
      /** @description invalid body (VALIDATION_FAILED), or a file refused unread: over 256 KB or an alias bomb (MAPPINGS_REFUSED) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is larger than 1 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many validations waiting (VALIDATION_BUSY, with Retry-After) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postMappingsPreview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          files: {
            'accounts.yaml'?: string;
            'zendesk.yaml'?: string;
            'jira.yaml'?: string;
            'genesys.yaml'?: string;
            'scorecard.yaml'?: string;
            'salesforce.yaml'?: string;
            'schedule.yaml'?: string;
          };
        };
      };
    };
    responses: {
      /** @description the preview report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            digest: string;
            report: unknown;
          };
        };
      };
      /** @description invalid body (VALIDATION_FAILED), or a file refused unread: over 256 KB or an alias bomb (MAPPINGS_REFUSED) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is larger than 1 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the proposed files are not valid (MAPPINGS_INVALID, details.problems) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many validations waiting (VALIDATION_BUSY, with Retry-After), or no configuration loaded */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMappingsProposals: {
    parameters: {
      query?: {
        limit?: string;
        before?: string;
        status?: 'pending' | 'applied' | 'rejected' | 'failed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page of proposals (without their texts) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: number;
              /** @enum {string} */
              status: 'pending' | 'applied' | 'rejected' | 'failed';
              createdAt: number;
              createdBy: string;
              note: string | null;
              files: string[];
              baseDigest: string;
              proposedDigest: string;
              decidedAt: number | null;
              decidedBy: string | null;
              reason: string | null;
              warnings: string[];
            }[];
            nextBefore: number | null;
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postMappingsProposals: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          files: {
            'accounts.yaml'?: string;
            'zendesk.yaml'?: string;
            'jira.yaml'?: string;
            'genesys.yaml'?: string;
            'scorecard.yaml'?: string;
            'salesforce.yaml'?: string;
            'schedule.yaml'?: string;
          };
          note?: string;
        };
      };
    };
    responses: {
      /** @description stored as pending */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: number;
            /** @enum {string} */
            status: 'pending' | 'applied' | 'rejected' | 'failed';
            createdAt: number;
            createdBy: string;
            note: string | null;
            files: string[];
            baseDigest: string;
            proposedDigest: string;
            decidedAt: number | null;
            decidedBy: string | null;
            reason: string | null;
            warnings: string[];
            texts: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description invalid body (VALIDATION_FAILED), or a file refused unread: over 256 KB or an alias bomb (MAPPINGS_REFUSED) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is larger than 1 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description not valid (MAPPINGS_INVALID, details.problems): nothing stored */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many validations waiting (VALIDATION_BUSY, with Retry-After), or no configuration loaded */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMappingsProposalsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the proposal */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: number;
            /** @enum {string} */
            status: 'pending' | 'applied' | 'rejected' | 'failed';
            createdAt: number;
            createdBy: string;
            note: string | null;
            files: string[];
            baseDigest: string;
            proposedDigest: string;
            decidedAt: number | null;
            decidedBy: string | null;
            reason: string | null;
            warnings: string[];
            texts: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such proposal */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMappingsProposalsIdAudit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the entries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: number;
              at: number;
              actor: string;
              action: string;
              target: string | null;
              beforeDigest: string | null;
              afterDigest: string | null;
              detail: {
                [key: string]: unknown;
              };
            }[];
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such proposal */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postMappingsProposalsIdApprove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          comment?: string;
        };
      };
    };
    responses: {
      /** @description applied and loaded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            proposal: {
              id: number;
              /** @enum {string} */
              status: 'pending' | 'applied' | 'rejected' | 'failed';
              createdAt: number;
              createdBy: string;
              note: string | null;
              files: string[];
              baseDigest: string;
              proposedDigest: string;
              decidedAt: number | null;
              decidedBy: string | null;
              reason: string | null;
              warnings: string[];
              texts: {
                [key: string]: string;
              };
            };
            beforeDigest: string | null;
            afterDigest: string;
            warnings: string[];
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the author cannot approve their own proposal (SELF_APPROVAL) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such proposal */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description already decided (PROPOSAL_DECIDED), or a file changed since (PROPOSAL_STALE) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is larger than 1 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description not valid against the current files (MAPPINGS_INVALID); marked failed */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the mapping directory cannot be written (MAPPINGS_NOT_WRITABLE): nothing applied, the proposal stays pending; or too many validations waiting (VALIDATION_BUSY) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postMappingsProposalsIdReject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description rejected */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: number;
            /** @enum {string} */
            status: 'pending' | 'applied' | 'rejected' | 'failed';
            createdAt: number;
            createdBy: string;
            note: string | null;
            files: string[];
            baseDigest: string;
            proposedDigest: string;
            decidedAt: number | null;
            decidedBy: string | null;
            reason: string | null;
            warnings: string[];
            texts: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no such proposal */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description already decided (PROPOSAL_DECIDED) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is larger than 1 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAudit: {
    parameters: {
      query?: {
        limit?: string;
        before?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page of entries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: number;
              at: number;
              actor: string;
              action: string;
              target: string | null;
              beforeDigest: string | null;
              afterDigest: string | null;
              detail: {
                [key: string]: unknown;
              };
            }[];
            nextBefore: number | null;
          };
        };
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description no bearer token, or an unknown one */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description the token's role is below viewer */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description too many failed authentications from this client address (TOO_MANY_AUTH_FAILURES): every request from it is refused until Retry-After */
      429: {
        headers: {
          /** @description seconds to wait */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOpenapijson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the OpenAPI document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description invalid parameters, query or body (VALIDATION_FAILED, INVALID_JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description internal error (details are in the service log) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
