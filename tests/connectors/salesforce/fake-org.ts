import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as toCsv } from 'csv-stringify/sync';
import type { SalesforceEnv } from '../../../connectors/salesforce/index.ts';
import { SNAPSHOT_COLUMNS } from '../../../connectors/salesforce/snapshots-api.ts';

/**
 * A small stateful Salesforce org on 127.0.0.1 (an ephemeral port), for connector and write-back
 * tests: OAuth token endpoint, describe, limits, queries (pluggable), sObject Collections (update
 * and create) and Bulk API 2.0 ingest. Every API call counts against `usage` and answers with
 * Sforce-Limit-Info. Faults: per-record errors, expired tokens, a spent allocation, outages.
 *
 * It is a loopback server rather than nock interceptors: nock (through @mswjs/interceptors) decides
 * whether a new socket speaks HTTP by waiting one `setImmediate` for its first bytes, and under load
 * undici's TLS writes can come later, so the request escapes to the real network (seen as ENOTFOUND).
 */
export interface FakeField {
  name: string;
  type: string;
  updateable: boolean;
  calculated?: boolean;
  length?: number;
  scale?: number;
  picklistValues?: { value: string; active: boolean }[];
}

export interface RecordFault {
  code: string;
  message: string;
  fields?: string[];
  /** How many more times the record fails (Infinity: always). */
  times: number;
}

export type Reply = [number, string | Record<string, unknown> | unknown[], Record<string, string>?];

export const VERSION = '64.0';
const BASE = `/services/data/v${VERSION}`;

export const DEFAULT_FIELDS: FakeField[] = [
  { name: 'Id', type: 'id', updateable: false, length: 18 },
  { name: 'Name', type: 'string', updateable: true, length: 255 },
  { name: 'OwnerId', type: 'reference', updateable: true, length: 18 },
  { name: 'Tier__c', type: 'picklist', updateable: true, picklistValues: [] },
  { name: 'Website', type: 'url', updateable: true, length: 255 },
  { name: 'Phone', type: 'phone', updateable: true, length: 40 },
  { name: 'AnnualRevenue', type: 'currency', updateable: true, scale: 0 },
  { name: 'Renewal_Date__c', type: 'date', updateable: true },
  { name: 'Type', type: 'picklist', updateable: true, picklistValues: [] },
  { name: 'SystemModstamp', type: 'datetime', updateable: false },
  { name: 'Health_Score__c', type: 'double', updateable: true, scale: 1 },
  {
    name: 'Health_Status__c',
    type: 'picklist',
    updateable: true,
    picklistValues: ['green', 'yellow', 'red', 'insufficient_data'].map((value) => ({ value, active: true })),
  },
  { name: 'Health_Trend_30d__c', type: 'double', updateable: true, scale: 1 },
  { name: 'Health_Drivers__c', type: 'textarea', updateable: true, length: 1000 },
  { name: 'Health_Scorecard_Version__c', type: 'string', updateable: true, length: 40 },
  { name: 'Health_Computed_At__c', type: 'datetime', updateable: true },
  { name: 'Health_CSAT__c', type: 'percent', updateable: true, scale: 1 },
];

interface Job {
  id: string;
  state: string;
  csv: string;
  success: Record<string, string>[];
  failed: Record<string, string>[];
}

export class FakeOrg {
  accounts = new Map<string, Record<string, unknown>>();
  tasks = new Map<string, Record<string, unknown>>();
  fields: FakeField[] = DEFAULT_FIELDS.map((f) => ({ ...f }));
  /** The fields of `Health_Snapshot__c` (those the snapshot writer sets); null: the org has no such object. */
  snapshotFields: FakeField[] | null = SNAPSHOT_COLUMNS.map((name) => ({
    name,
    type: 'string',
    updateable: true,
  }));
  usage = { used: 1_000, limit: 100_000 };
  /** Every API call (not token calls): method and path after /services/data/vXX.X. */
  calls: { method: string; path: string }[] = [];
  tokenRequests = 0;
  tokenBodies: URLSearchParams[] = [];
  recordFaults = new Map<string, RecordFault>();
  /** Refuse every API call with 403 REQUEST_LIMIT_EXCEEDED. */
  limitExceeded = false;
  /** Answers to SOQL (return undefined to fall back to the Task lookup). */
  onQuery: ((soql: string, all: boolean) => { records: Record<string, unknown>[] } | undefined) | undefined;
  /** Answers to `GET /query?explain=` (undefined: one table-scan plan). */
  onExplain: ((soql: string) => Reply | undefined) | undefined;
  /** Records per query page (Salesforce: up to 2,000). */
  pageSize = 2000;
  /** Called after each Task is created: lets a test kill the "process" before it records the Task. */
  onTaskCreate: (() => void) | undefined;
  /** Called after every answered API call (e.g. to expire tokens mid-write). */
  onCall: ((call: { method: string; path: string }) => void) | undefined;
  /** Answers a call instead of the org (after auth and the allocation), e.g. a 503 outage. */
  interrupt: ((call: { method: string; path: string }) => Reply | undefined) | undefined;
  /** Processes a call, then closes the connection without answering (an answer lost on the way). */
  loseAnswer: ((call: { method: string; path: string }) => boolean) | undefined;
  /** The last body received per `METHOD path` (a request shape to check against the specs). */
  lastBody = new Map<string, string>();
  /** Records per sObject Collections update request, in order. */
  patchSizes: number[] = [];

  private valid = new Set<string>();
  private seq = 0;
  private jobs = new Map<string, Job>();
  private locators = new Map<string, { records: Record<string, unknown>[]; offset: number }>();

  /** Login and instance URL (one loopback server plays both); set by `start()`. */
  url = '';
  private server: Server | undefined;

  env(): SalesforceEnv {
    return {
      loginUrl: this.url,
      apiVersion: VERSION,
      auth: { type: 'client_credentials', clientId: 'cid', clientSecret: 'csecret-123' },
    };
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', this.url);
        const method = req.method ?? 'GET';
        const reply =
          method === 'POST' && url.pathname === '/services/oauth2/token'
            ? Promise.resolve(this.token(body))
            : this.api(method, url, req.headers.authorization ?? '', body);
        const lost = this.loseAnswer?.({ method, path: url.pathname.replace(BASE, '') }) === true;
        void reply.then(
          (r) => {
            if (lost) {
              res.socket?.destroy();
              return;
            }
            const [status, text, headers] = framed(r);
            res.writeHead(status, headers);
            res.end(text);
          },
          (err: unknown) => {
            res.writeHead(500, { 'Content-Type': 'text/plain' });
            res.end(String(err));
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Invalidates every token handed out so far (the next API call gets 401 INVALID_SESSION_ID). */
  expireTokens(): void {
    this.valid.clear();
  }

  count(method: string, path: string | RegExp): number {
    return this.calls.filter(
      (c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)),
    ).length;
  }

  addAccounts(n: number, start = 0): string[] {
    const ids: string[] = [];
    for (let i = start; i < start + n; i++) {
      const id = accountId(i);
      this.accounts.set(id, { Id: id, Name: `Account ${i}` });
      ids.push(id);
    }
    return ids;
  }

  private token(body: string): Reply {
    this.tokenRequests++;
    const form = new URLSearchParams(body);
    this.tokenBodies.push(form);
    const grant = form.get('grant_type');
    if (grant === 'client_credentials' && form.get('client_secret') !== 'csecret-123')
      return [400, { error: 'invalid_client', error_description: 'invalid client credentials' }];
    if (grant !== 'client_credentials' && grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return [400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' }];
    const token = `tok-${++this.seq}`;
    this.valid.add(token);
    return [
      200,
      {
        access_token: token,
        instance_url: this.url,
        id: `${this.url}/id/00D000000000001AAA/005000000000001AAA`,
        token_type: 'Bearer',
        issued_at: '1',
      },
    ];
  }

  private api(method: string, url: URL, auth: string, body: string): Promise<Reply> {
    const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
    if (!this.valid.has(auth.replace(/^Bearer /, '')))
      return Promise.resolve([
        401,
        [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      ]);
    this.calls.push({ method, path });
    if (body) this.lastBody.set(`${method} ${path.replace(/\/750\w+/, '/{jobId}')}`, body);
    if (this.limitExceeded || this.usage.used >= this.usage.limit)
      return Promise.resolve([
        403,
        [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
        this.limitHeader(),
      ]);
    this.usage.used++;
    const outage = this.interrupt?.({ method, path });
    if (outage) return Promise.resolve(outage);
    const [status, payload, headers] = this.route(method, path, url, body);
    this.onCall?.({ method, path });
    return Promise.resolve([status, payload, { ...this.limitHeader(), ...(headers ?? {}) }]);
  }

  private limitHeader(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.usage.used}/${this.usage.limit}` };
  }

  private route(method: string, path: string, url: URL, body: string): Reply {
    if (method === 'GET' && path === '/limits')
      return [
        200,
        { DailyApiRequests: { Max: this.usage.limit, Remaining: this.usage.limit - this.usage.used } },
      ];
    if (method === 'GET' && path === '/sobjects/Account/describe')
      return [200, { name: 'Account', fields: this.fields }];
    if (method === 'GET' && path === '/sobjects/Health_Snapshot__c/describe' && this.snapshotFields)
      return [200, { name: 'Health_Snapshot__c', fields: this.snapshotFields }];
    if (method === 'GET' && path === '/query' && url.searchParams.has('explain'))
      return this.explain(url.searchParams.get('explain') ?? '');
    if (method === 'GET' && (path === '/query' || path === '/queryAll'))
      return this.query(url.searchParams.get('q') ?? '', path === '/queryAll');
    if (method === 'GET' && path.startsWith('/query/')) return this.more(path.slice('/query/'.length));
    if (method === 'PATCH' && path === '/composite/sobjects')
      return [200, this.updateMany(JSON.parse(body) as { records: Record<string, unknown>[] })];
    if (method === 'POST' && path === '/composite/sobjects')
      return [200, this.createMany(JSON.parse(body) as { records: Record<string, unknown>[] })];
    if (path.startsWith('/jobs/ingest')) return this.bulk(method, path.slice('/jobs/ingest'.length), body);
    return [404, [{ errorCode: 'NOT_FOUND', message: `no route ${method} ${path}` }]];
  }

  /** `?explain=`: a table scan of Accounts, or what `onExplain` answers (e.g. a 400 MALFORMED_QUERY). */
  private explain(soql: string): Reply {
    return (
      this.onExplain?.(soql) ?? [
        200,
        {
          plans: [
            {
              cardinality: this.accounts.size,
              fields: [],
              leadingOperationType: 'TableScan',
              notes: [],
              relativeCost: 0.1,
              sobjectCardinality: this.accounts.size,
              sobjectType: 'Account',
            },
          ],
        },
      ]
    );
  }

  private query(soql: string, all: boolean): Reply {
    const answer = this.onQuery?.(soql, all) ?? { records: this.taskLookup(soql) };
    return this.page(answer.records, 0);
  }

  private page(records: Record<string, unknown>[], offset: number): Reply {
    const slice = records.slice(offset, offset + this.pageSize);
    const done = offset + this.pageSize >= records.length;
    let nextRecordsUrl: string | undefined;
    if (!done) {
      const locator = `01g${++this.seq}-${offset + this.pageSize}`;
      this.locators.set(locator, { records, offset: offset + this.pageSize });
      nextRecordsUrl = `${BASE}/query/${locator}`;
    }
    return [
      200,
      { totalSize: records.length, done, ...(nextRecordsUrl ? { nextRecordsUrl } : {}), records: slice },
    ];
  }

  private more(locator: string): Reply {
    const l = this.locators.get(locator);
    return l
      ? this.page(l.records, l.offset)
      : [400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]];
  }

  private taskLookup(soql: string): Record<string, unknown>[] {
    const ids =
      /WhatId IN \(([^)]*)\)/
        .exec(soql)?.[1]
        ?.split(',')
        .map((s) => s.trim().replace(/^'|'$/g, '')) ?? [];
    const prefix = /Subject LIKE '((?:[^'\\]|\\.)*)%'/.exec(soql)?.[1]?.replace(/\\(.)/g, '$1') ?? '';
    return [...this.tasks.values()]
      .filter((t) => ids.includes(String(t['WhatId'])) && String(t['Subject']).startsWith(prefix))
      .map((t) => ({
        attributes: { type: 'Task' },
        Id: t['Id'],
        WhatId: t['WhatId'],
        Description: t['Description'] ?? null,
      }));
  }

  /** Applies one update; the errors Salesforce would give. */
  private updateOne(
    id: string,
    fields: Record<string, unknown>,
    fromCsv: boolean,
  ): { statusCode: string; message: string; fields: string[] }[] {
    const fault = this.recordFaults.get(id);
    if (fault && fault.times > 0) {
      fault.times--;
      return [{ statusCode: fault.code, message: fault.message, fields: fault.fields ?? [] }];
    }
    const rec = this.accounts.get(id);
    if (!rec) return [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }];
    const next: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(fields)) {
      const f = this.fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!f)
        return [
          {
            statusCode: 'INVALID_FIELD',
            message: `No such column '${name}' on sobject of type Account`,
            fields: [name],
          },
        ];
      if (!f.updateable)
        return [
          {
            statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
            message: `Unable to create/update fields: ${name}`,
            fields: [name],
          },
        ];
      if (fromCsv && raw === '') continue;
      let v: unknown = fromCsv && raw === '#N/A' ? null : raw;
      if (fromCsv && v !== null && ['double', 'percent', 'int', 'currency'].includes(f.type)) v = Number(v);
      if (typeof v === 'string' && f.length && v.length > f.length)
        return [{ statusCode: 'STRING_TOO_LONG', message: `${name}: data value too large`, fields: [name] }];
      next[f.name] = v;
    }
    Object.assign(rec, next);
    return [];
  }

  private updateMany(body: { records: Record<string, unknown>[] }): unknown[] {
    this.patchSizes.push(body.records.length);
    return body.records.map((r) => {
      const { attributes: _a, id, ...fields } = r;
      const errors = this.updateOne(String(id), fields, false);
      return errors.length ? { success: false, errors } : { id, success: true, errors: [] };
    });
  }

  private createMany(body: { records: Record<string, unknown>[] }): unknown[] {
    return body.records.map((r) => {
      const { attributes: _a, ...fields } = r;
      const id = `00T${String(++this.seq).padStart(15, '0')}`;
      this.tasks.set(id, { Id: id, ...fields });
      this.onTaskCreate?.();
      return { id, success: true, errors: [] };
    });
  }

  private bulk(method: string, rest: string, body: string): Reply {
    const [, id, sub] = rest.split('/');
    if (method === 'POST' && !id) {
      const job: Job = {
        id: `750${String(++this.seq).padStart(15, '0')}`,
        state: 'Open',
        csv: '',
        success: [],
        failed: [],
      };
      this.jobs.set(job.id, job);
      return [200, this.jobInfo(job)];
    }
    const job = id ? this.jobs.get(id) : undefined;
    if (!job) return [404, [{ errorCode: 'NOT_FOUND', message: 'no such job' }]];
    if (method === 'PUT' && sub === 'batches') {
      job.csv += body;
      return [201, ''];
    }
    if (method === 'PATCH' && !sub) {
      job.state = (JSON.parse(body) as { state: string }).state;
      if (job.state === 'UploadComplete') this.process(job);
      return [200, this.jobInfo(job)];
    }
    if (method === 'GET' && !sub) return [200, this.jobInfo(job)];
    const csv = (rows: Record<string, string>[], lead: string[]): Reply => {
      const columns = [...lead, ...Object.keys(rows[0] ?? {}).filter((k) => !lead.includes(k))];
      return [
        200,
        rows.length ? toCsv(rows, { header: true, columns }) : `${lead.join(',')}\n`,
        { 'Content-Type': 'text/csv' },
      ];
    };
    if (method === 'GET' && sub === 'successfulResults') return csv(job.success, ['sf__Id', 'sf__Created']);
    if (method === 'GET' && sub === 'failedResults') return csv(job.failed, ['sf__Id', 'sf__Error']);
    if (method === 'GET' && sub === 'unprocessedrecords')
      return [200, 'Id\n', { 'Content-Type': 'text/csv' }];
    if (method === 'DELETE') return [204, ''];
    return [404, [{ errorCode: 'NOT_FOUND', message: `no route ${method} ${rest}` }]];
  }

  private process(job: Job): void {
    const rows = parseCsv<Record<string, string>>(job.csv, { columns: true });
    for (const row of rows) {
      const { Id: rid, ...fields } = row;
      const errors = this.updateOne(rid ?? '', fields, true);
      if (errors.length) {
        const e = errors[0]!;
        job.failed.push({
          sf__Id: rid ?? '',
          sf__Error: `${e.statusCode}:${e.message}:${e.fields.join(',') || '--'}`,
          ...row,
        });
      } else job.success.push({ sf__Id: rid ?? '', sf__Created: 'false', ...row });
    }
    job.state = 'JobComplete';
  }

  private jobInfo(job: Job): Record<string, unknown> {
    return {
      id: job.id,
      operation: 'update',
      object: 'Account',
      state: job.state,
      apiVersion: Number(VERSION),
      contentType: 'CSV',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.success.length + job.failed.length,
      numberRecordsFailed: job.failed.length,
    };
  }
}

/** Every answer carries Content-Length (and JSON its content type), as Salesforce's do. */
function framed([status, body, headers]: Reply): Reply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' };
  return [status, text, { ...type, ...(headers ?? {}), 'Content-Length': String(Buffer.byteLength(text)) }];
}

/** A deterministic 18-character Account id. */
export const accountId = (i: number): string => `001${String(i).padStart(12, '0')}AAA`;
