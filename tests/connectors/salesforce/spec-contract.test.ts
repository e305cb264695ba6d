import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ZodObject } from 'zod';
import { connectSalesforce } from '../../../connectors/salesforce/auth.ts';
import {
  SalesforceDescribe,
  SalesforceDescribeField,
  SalesforceSaveResult,
} from '../../../connectors/salesforce/schemas.ts';
import { accountSelectFields } from '../../../connectors/salesforce/account-mapper.ts';
import { updateBulk } from '../../../connectors/salesforce/write-bulk.ts';
import { FakeOrg } from './fake-org.ts';
import { shippedAccountsMapping } from './helpers.ts';

/**
 * The connector's raw schemas and requests against Salesforce's published sObjects OAS (beta,
 * trimmed) and the community Bulk API 2.0 spec (request shapes only), from ../shared/specs (not in
 * the repo). `/query` and `/composite/sobjects` have no published spec (see the specs README).
 */
const dir = (file: string): string =>
  fileURLToPath(new URL(`../../../../shared/specs/${file}`, import.meta.url));
const SOBJECTS = dir('salesforce-sobjects.oas-beta.v59.trimmed.json');
const BULK = dir('salesforce-bulk-api-2.0.community.oas.yaml');

type Schema = { properties?: Record<string, Schema>; items?: Schema; enum?: string[] };
interface Oas {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

describe("the Salesforce connector against Salesforce's specs", () => {
  if (!existsSync(SOBJECTS) || !existsSync(BULK)) {
    it('is not checked: the vendor specs folder is absent', () => {
      console.log(
        `skipped: ${SOBJECTS} or ${BULK} not found (the specs live outside the repo, in ../shared/specs)`,
      );
    });
    return;
  }
  const sobjects = JSON.parse(readFileSync(SOBJECTS, 'utf8')) as Oas;
  const bulk = parse(readFileSync(BULK, 'utf8')) as Oas;
  const schema = (oas: Oas, name: string): Schema => oas.components.schemas[name] ?? {};
  const props = (s: Schema | undefined): string[] => Object.keys(s?.properties ?? {});
  const keys = (s: ZodObject): string[] => Object.keys(s.shape);

  it('reads only describe and save-result fields the spec documents', () => {
    const describeResult = schema(sobjects, 'DescribeSObjectResult');
    expect(keys(SalesforceDescribe).filter((k) => !props(describeResult).includes(k))).toEqual([]);
    const field = describeResult.properties?.['fields']?.items;
    expect(keys(SalesforceDescribeField).filter((k) => !props(field).includes(k))).toEqual([]);
    const picklist = field?.properties?.['picklistValues']?.items;
    expect(['value', 'active'].filter((k) => !props(picklist).includes(k))).toEqual([]);
    const save = schema(sobjects, 'SaveResult');
    expect(keys(SalesforceSaveResult).filter((k) => !props(save).includes(k))).toEqual([]);
    const error = save.properties?.['errors']?.items;
    expect(['statusCode', 'message', 'fields'].filter((k) => !props(error).includes(k))).toEqual([]);
    expect(Object.keys(sobjects.paths)).toContain('/services/data/{version}/sobjects/{sObject}/describe');
  });

  it('selects standard Account fields that exist (custom ones are checked against the org by validate)', () => {
    const account = props(schema(sobjects, 'AccountSObject'));
    const standard = accountSelectFields(shippedAccountsMapping().salesforce).filter(
      (f) => !f.endsWith('__c'),
    );
    expect(standard.filter((f) => !account.includes(f))).toEqual([]);
    expect(account).toContain('IsDeleted');
  });

  it('sends Bulk API 2.0 requests in the documented shapes', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const org = await new FakeOrg().start();
    try {
      const ids = org.addAccounts(2);
      const session = await connectSalesforce(org.env());
      await updateBulk(
        session,
        'Account',
        ids.map((id) => ({ id, fields: { Health_Score__c: 50 } })),
        { pollIntervalMs: 1 },
      );
      const job = schema(bulk, 'Job');
      const create = JSON.parse(org.lastBody.get('POST /jobs/ingest') ?? '{}') as Record<string, string>;
      expect(Object.keys(create).filter((k) => !props(job).includes(k))).toEqual([]);
      expect(job.properties?.['operation']?.enum).toContain(create['operation']);
      expect(job.properties?.['lineEnding']?.enum).toContain(create['lineEnding']);
      expect(JSON.parse(org.lastBody.get('PATCH /jobs/ingest/{jobId}') ?? '{}')).toEqual({
        state: 'UploadComplete',
      });
      for (const path of [
        '/jobs/ingest',
        '/jobs/ingest/{jobId}/batches',
        '/jobs/ingest/{jobId}/',
        '/jobs/ingest/{jobId}/successfulResults',
        '/jobs/ingest/{jobId}/failedResults',
      ])
        expect(Object.keys(bulk.paths)).toContain(path);
    } finally {
      await org.stop();
      nock.enableNetConnect();
    }
  });
});
