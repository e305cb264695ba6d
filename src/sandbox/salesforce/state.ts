import type { IngestJob } from './bulk/job.ts';
import { FaultPlan, type SalesforceFaultsInput } from './faults.ts';
import { IdFactory, sameId, toId18 } from './ids.ts';
import type { SfRecord } from './records.ts';
import { accountDef } from './schema/account.ts';
import type { FieldDef, SObjectDef } from './schema/fields.ts';
import { healthSnapshotDef } from './schema/health-snapshot.ts';
import { taskDef } from './schema/task.ts';
import { userDef } from './schema/user.ts';
import { formatSfDatetime, parseDatetime } from './sf-time.ts';

export type ObjectName = 'Account' | 'Task' | 'User' | 'Health_Snapshot__c';
export const OBJECT_NAMES: ObjectName[] = ['Account', 'Task', 'User', 'Health_Snapshot__c'];

export interface TokenInfo {
  userId: string;
  issuedAt: number;
  expiresAt: number;
  calls: number;
}

/** A query's result kept for `nextRecordsUrl` (a server-side cursor, like Salesforce's query locator). */
export interface QueryCursor {
  records: Record<string, unknown>[];
  batchSize: number;
  lastUsed: number;
}

export interface DeletedEntry {
  object: ObjectName;
  id: string;
  deletedDate: number;
}

export interface SimStats {
  /** Requests per endpoint name (see `classifyEndpoint`), faulted ones included. */
  requests: Record<string, number>;
  /** Calls counted against the daily API allocation. */
  apiCalls: number;
  faults: {
    status: number;
    reset: number;
    slow: number;
    recordErrors: number;
    sessionExpired: number;
    limitExceeded: number;
    rateLimited: number;
  };
  recordsUpdated: number;
  recordsCreated: number;
  tasksCreated: number;
  bulkJobsCreated: number;
  bulkRowsProcessed: number;
}

export interface StateOptions {
  now: () => number;
  faults: SalesforceFaultsInput;
  dailyApiLimit: number;
  apiUsed: number;
  extraAccountFields: FieldDef[];
}

/** Everything the simulated org holds; tests read it directly (`state.accounts.get(id)`). */
export class SalesforceState {
  readonly now: () => number;
  readonly ids = new IdFactory();
  readonly orgId = toId18('00D5H0000000HSY');
  readonly defs: Record<ObjectName, SObjectDef>;
  readonly tables: Record<ObjectName, Map<string, SfRecord>>;
  readonly deleted = new Map<string, DeletedEntry>();
  readonly tokens = new Map<string, TokenInfo>();
  readonly locators = new Map<string, QueryCursor>();
  readonly jobs = new Map<string, IngestJob>();
  readonly faults: FaultPlan;
  readonly usage: { used: number; max: number };
  stats: SimStats = emptyStats();
  private readonly autoNumbers = new Map<string, number>();
  integrationUserId = '';

  constructor(options: StateOptions) {
    this.now = options.now;
    this.faults = new FaultPlan(options.faults);
    this.usage = { used: options.apiUsed, max: options.dailyApiLimit };
    this.defs = {
      Account: accountDef(options.extraAccountFields),
      Task: taskDef(),
      User: userDef(),
      Health_Snapshot__c: healthSnapshotDef(),
    };
    this.tables = { Account: new Map(), Task: new Map(), User: new Map(), Health_Snapshot__c: new Map() };
  }

  get accounts(): Map<string, SfRecord> {
    return this.tables.Account;
  }

  get tasks(): Map<string, SfRecord> {
    return this.tables.Task;
  }

  get users(): Map<string, SfRecord> {
    return this.tables.User;
  }

  get snapshots(): Map<string, SfRecord> {
    return this.tables.Health_Snapshot__c;
  }

  /** The next value of an auto-number field, per object (`HS-000001`, …). */
  nextAutoNumber(object: string): string {
    const n = (this.autoNumbers.get(object) ?? 0) + 1;
    this.autoNumbers.set(object, n);
    return `HS-${String(n).padStart(6, '0')}`;
  }

  defFor(name: string): SObjectDef | undefined {
    const key = OBJECT_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
    return key && this.defs[key];
  }

  keyPrefixes(): Record<string, string> {
    return Object.fromEntries(OBJECT_NAMES.map((n) => [n, this.defs[n].keyPrefix]));
  }

  /** A record of any held object by its 15- or 18-character id (deleted ones included). */
  findRecord(id: string): { object: ObjectName; record: SfRecord } | undefined {
    const object = OBJECT_NAMES.find((n) => this.defs[n].keyPrefix === id.slice(0, 3));
    if (!object || (id.length !== 15 && id.length !== 18)) return undefined;
    const table = this.tables[object];
    const direct = table.get(toId18(id.slice(0, 15)));
    if (direct) return { object, record: direct };
    for (const record of table.values()) if (sameId(record['Id'] as string, id)) return { object, record };
    return undefined;
  }

  insert(object: ObjectName, record: SfRecord): void {
    const id = record['Id'] as string;
    this.tables[object].set(id, record);
    if (record['IsDeleted'] === true) {
      const stamp = parseDatetime(String(record['SystemModstamp'])) ?? this.now();
      this.deleted.set(id, { object, id, deletedDate: stamp });
    }
  }

  /** Soft delete (the Recycle Bin): gone from query, visible to queryAll and getDeleted. */
  softDelete(object: ObjectName, record: SfRecord, userId: string): void {
    const now = this.now();
    record['IsDeleted'] = true;
    this.touch(record, userId, now);
    const id = record['Id'] as string;
    this.deleted.set(id, { object, id, deletedDate: now });
    // Master-detail: an Account's snapshots go to the Recycle Bin with it.
    if (object === 'Account')
      for (const child of this.snapshots.values())
        if (child['IsDeleted'] !== true && sameId(String(child['Account__c']), id))
          this.softDelete('Health_Snapshot__c', child, userId);
  }

  /** An update bumps SystemModstamp and the last-modified audit fields, as every save does. */
  touch(record: SfRecord, userId: string, now = this.now()): void {
    const stamp = formatSfDatetime(now);
    record['SystemModstamp'] = stamp;
    if ('LastModifiedDate' in record) record['LastModifiedDate'] = stamp;
    if ('LastModifiedById' in record) record['LastModifiedById'] = userId;
  }

  count(endpoint: string): void {
    this.stats.requests[endpoint] = (this.stats.requests[endpoint] ?? 0) + 1;
  }

  resetStats(): void {
    this.stats = emptyStats();
  }
}

function emptyStats(): SimStats {
  return {
    requests: {},
    apiCalls: 0,
    faults: {
      status: 0,
      reset: 0,
      slow: 0,
      recordErrors: 0,
      sessionExpired: 0,
      limitExceeded: 0,
      rateLimited: 0,
    },
    recordsUpdated: 0,
    recordsCreated: 0,
    tasksCreated: 0,
    bulkJobsCreated: 0,
    bulkRowsProcessed: 0,
  };
}
