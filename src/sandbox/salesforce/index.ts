import { createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { SalesforceFaultsInput } from './faults.ts';
import { buildApp } from './http/app.ts';
import type { FieldDef } from './schema/fields.ts';
import { installPackagePermissions, omitFields } from './permission-records.ts';
import { seedRecord } from './seed.ts';
import { SalesforceState, type ObjectName } from './state.ts';

/**
 * A Salesforce org on 127.0.0.1 that the unmodified jsforce client (and health-sync's connector)
 * talks to: OAuth (client credentials, JWT bearer), SOQL query/queryMore/queryAll, describe,
 * sObject Collections and single-record writes, Composite, Bulk API 2.0 ingest, Tasks, limits and
 * getDeleted, with Salesforce's shapes, headers and error bodies, plus deterministic faults.
 * See README.md in this folder.
 */
export interface SalesforceSimOptions {
  /** Account records as field maps (Id, Name, OwnerId, Tier__c, Website, Phone, SystemModstamp…). */
  accounts?: Iterable<Record<string, unknown>>;
  /** User records ({Id, Name, Email, IsActive, Username?}); Username defaults to Email. */
  users?: Iterable<Record<string, unknown>>;
  tasks?: Iterable<Record<string, unknown>>;
  /** The External Client App's consumer key and secret. */
  clientId?: string;
  clientSecret?: string;
  /** PEM (SPKI public key or X.509 certificate) that verifies JWT assertions; a key pair is generated when absent. */
  jwtPublicKey?: string;
  /** The run-as user of the client-credentials flow (added to the users). */
  integrationUser?: { Id?: string; Username?: string; Name?: string };
  /** API versions served (default 31.0 to 66.0). */
  apiVersions?: { min: number; max: number };
  /** Access tokens stop working after this long (default 2 hours). */
  tokenTtlSeconds?: number;
  /** Daily API allocation (default 100,000) and how much of it is already used. */
  dailyApiLimit?: number;
  apiUsed?: number;
  /** Time each Bulk 2.0 job state lasts (UploadComplete, InProgress), default 25 ms. */
  bulkStepMs?: number;
  /** Query locators expire after this long unused (default 15 minutes). */
  queryLocatorTtlMs?: number;
  faults?: SalesforceFaultsInput;
  now?: () => number;
  /** Fixed URLs instead of the address the request came to. */
  loginUrl?: string;
  instanceUrl?: string;
  /** More Account fields (from `field()`/`picklist()` in schema/fields.ts). */
  extraAccountFields?: FieldDef[];
  /**
   * Fields (`Object.Field`, or an Account field's name) the org lacks, as if never deployed: absent
   * from describe, refused by SOQL and writes, and without permissions (`salesforce check` tests).
   */
  omitFields?: readonly string[];
}

export interface SalesforceSim {
  app: Express;
  state: SalesforceState;
  clientId: string;
  clientSecret: string;
  /** The generated key pair when no `jwtPublicKey` was given (sign test assertions with the private key). */
  jwtKeys: { privateKeyPem: string; publicKeyPem: string } | null;
  integrationUser: { Id: string; Username: string };
  listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

export function createSalesforceSim(options: SalesforceSimOptions = {}): SalesforceSim {
  const now = options.now ?? Date.now;
  const state = new SalesforceState({
    now,
    faults: options.faults ?? {},
    dailyApiLimit: options.dailyApiLimit ?? 100_000,
    apiUsed: options.apiUsed ?? 0,
    extraAccountFields: options.extraAccountFields ?? [],
  });
  const integration = {
    Id: options.integrationUser?.Id ?? state.ids.next('005'),
    Username: options.integrationUser?.Username ?? 'integration@health-sync.sandbox',
  };
  state.integrationUserId = integration.Id;
  const seed = (object: ObjectName, records: Iterable<Record<string, unknown>>, owner: string): void => {
    const def = state.defs[object];
    for (const input of records) {
      const withUsername =
        object === 'User' && input['Username'] === undefined
          ? { ...input, Username: input['Email'] ?? null }
          : input;
      state.insert(
        object,
        seedRecord(def, withUsername, {
          now: now(),
          ownerId: owner,
          newId: () => state.ids.next(def.keyPrefix),
        }),
      );
    }
  };
  seed('User', options.users ?? [], integration.Id);
  if (!state.findRecord(integration.Id)) {
    seed(
      'User',
      [
        {
          Id: integration.Id,
          Username: integration.Username,
          Email: integration.Username,
          Name: options.integrationUser?.Name ?? 'Integration User',
          IsActive: true,
        },
      ],
      integration.Id,
    );
  }
  seed('Account', options.accounts ?? [], integration.Id);
  seed('Task', options.tasks ?? [], integration.Id);
  // After seeding, so the dataset's records may still carry the field (the org just does not show it).
  omitFields(state, options.omitFields ?? []);
  installPackagePermissions(state);

  const keys = jwtKey(options.jwtPublicKey);
  const clientId = options.clientId ?? 'sandbox-consumer-key';
  const clientSecret = options.clientSecret ?? 'sandbox-consumer-secret';
  const app = buildApp(state, {
    oauth: {
      clientId,
      clientSecret,
      jwtPublicKey: keys.publicKey,
      tokenTtlMs: (options.tokenTtlSeconds ?? 7200) * 1000,
    },
    versions: options.apiVersions ?? { min: 31, max: 66 },
    bulkStepMs: options.bulkStepMs ?? 25,
    locatorTtlMs: options.queryLocatorTtlMs ?? 15 * 60_000,
    loginUrl: options.loginUrl?.replace(/\/+$/, '') ?? null,
    instanceUrl: options.instanceUrl?.replace(/\/+$/, '') ?? null,
  });

  return {
    app,
    state,
    clientId,
    clientSecret,
    jwtKeys: keys.generated,
    integrationUser: integration,
    listen: (port = 0) =>
      new Promise((resolve, reject) => {
        const server = app.listen(port, '127.0.0.1');
        server.once('error', reject);
        server.once('listening', () => {
          const { port: bound } = server.address() as AddressInfo;
          resolve({
            url: `http://127.0.0.1:${bound}`,
            close: () =>
              new Promise<void>((done) => {
                for (const job of state.jobs.values()) job.timers.forEach(clearTimeout);
                server.close(() => done());
                server.closeAllConnections();
              }),
          });
        });
      }),
  };
}

let generatedPair: { publicKey: KeyObject; pems: NonNullable<SalesforceSim['jwtKeys']> } | null = null;

/** The key that verifies JWT assertions; without one, a key pair generated once per process (RSA generation is slow). */
function jwtKey(pem: string | undefined): { publicKey: KeyObject; generated: SalesforceSim['jwtKeys'] } {
  if (pem) {
    const publicKey = pem.includes('BEGIN CERTIFICATE')
      ? new X509Certificate(pem).publicKey
      : createPublicKey(pem);
    return { publicKey, generated: null };
  }
  if (!generatedPair) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    generatedPair = {
      publicKey: pair.publicKey,
      pems: {
        privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
      },
    };
  }
  return { publicKey: generatedPair.publicKey, generated: generatedPair.pems };
}

export { SalesforceFaults, type SalesforceFaultsInput } from './faults.ts';
export { SalesforceState } from './state.ts';
export type { SfRecord, SfValue } from './records.ts';
export { field, picklist, type FieldDef } from './schema/fields.ts';
export { formatSfDatetime } from './sf-time.ts';
export { classifyEndpoint, WRITE_ENDPOINTS } from './http/classify.ts';
