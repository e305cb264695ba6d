import { describe, expect, it } from 'vitest';
import type { SfRecord } from '../../../src/sandbox/salesforce/records.ts';
import { accountDef } from '../../../src/sandbox/salesforce/schema/account.ts';
import { taskDef } from '../../../src/sandbox/salesforce/schema/task.ts';
import { compileQuery } from '../../../src/sandbox/salesforce/soql/compile.ts';
import { SoqlError } from '../../../src/sandbox/salesforce/soql/errors.ts';
import { runQuery } from '../../../src/sandbox/salesforce/soql/evaluate.ts';
import { parseSoql } from '../../../src/sandbox/salesforce/soql/parser.ts';

const defs = [accountDef(), taskDef()];
const rows: SfRecord[] = [
  {
    Id: '001000000000001AAA',
    Name: 'Acme',
    Type: 'Customer',
    Tier__c: 'Enterprise',
    AnnualRevenue: 500,
    IsDeleted: false,
    SystemModstamp: '2025-01-01T10:00:00.000+0000',
    Renewal_Date__c: '2026-01-31',
  },
  {
    Id: '001000000000002AAA',
    Name: 'beta corp',
    Type: 'Prospect',
    Tier__c: null,
    AnnualRevenue: null,
    IsDeleted: false,
    SystemModstamp: '2025-01-01T10:00:00.000+0000',
    Renewal_Date__c: null,
  },
  {
    Id: '001000000000003AAA',
    Name: 'Gamma',
    Type: 'Customer',
    Tier__c: 'SMB',
    AnnualRevenue: 100,
    IsDeleted: false,
    SystemModstamp: '2025-01-02T00:00:00.000+0000',
    Renewal_Date__c: '2025-06-30',
  },
];

const run = (soql: string): string[] =>
  runQuery(compileQuery(parseSoql(soql), defs), rows).map((r) => r['Name'] as string);
const failure = (soql: string): { errorCode: string; message: string } => {
  try {
    compileQuery(parseSoql(soql), defs);
  } catch (err) {
    if (err instanceof SoqlError) return { errorCode: err.errorCode, message: err.message };
    throw err;
  }
  throw new Error(`expected ${soql} to be refused`);
};

describe('SOQL subset', () => {
  it('filters with comparison operators, AND, OR and parentheses', () => {
    expect(run("SELECT Name FROM Account WHERE Type = 'Customer' AND AnnualRevenue >= 100")).toEqual([
      'Acme',
      'Gamma',
    ]);
    expect(
      run("SELECT Name FROM Account WHERE (Type = 'Prospect' OR AnnualRevenue > 400) AND Name != 'Acme'"),
    ).toEqual(['beta corp']);
    expect(run('SELECT Name FROM Account WHERE AnnualRevenue < 500 OR AnnualRevenue <= 100')).toEqual([
      'Gamma',
    ]);
  });

  it('compares text without case, as SOQL does', () => {
    expect(run("SELECT Name FROM Account WHERE Name = 'ACME'")).toEqual(['Acme']);
    expect(run("SELECT Name FROM Account WHERE Name LIKE 'b%CORP'")).toEqual(['beta corp']);
    expect(run("SELECT Name FROM Account WHERE Name LIKE '_amma'")).toEqual(['Gamma']);
  });

  it('reads datetime literals with Z and with a +0000 offset, and date literals', () => {
    expect(run('SELECT Name FROM Account WHERE SystemModstamp > 2025-01-01T10:00:00Z')).toEqual(['Gamma']);
    expect(run('SELECT Name FROM Account WHERE SystemModstamp >= 2025-01-01T10:00:00.000+0000')).toEqual([
      'Acme',
      'beta corp',
      'Gamma',
    ]);
    expect(run('SELECT Name FROM Account WHERE SystemModstamp < 2025-01-01T12:00:01+02:00')).toEqual([
      'Acme',
      'beta corp',
    ]);
    expect(run('SELECT Name FROM Account WHERE Renewal_Date__c < 2026-01-01')).toEqual(['Gamma']);
  });

  it('treats null like SOQL: = null matches, != keeps nulls, ordering comparisons skip them', () => {
    expect(run('SELECT Name FROM Account WHERE Tier__c = null')).toEqual(['beta corp']);
    expect(run("SELECT Name FROM Account WHERE Tier__c != 'SMB'")).toEqual(['Acme', 'beta corp']);
    expect(run('SELECT Name FROM Account WHERE AnnualRevenue > 0')).toEqual(['Acme', 'Gamma']);
    expect(run("SELECT Name FROM Account WHERE Tier__c NOT IN ('SMB')")).toEqual(['Acme', 'beta corp']);
  });

  it('supports IN, NOT, booleans, ids in either length, ORDER BY with NULLS and LIMIT/OFFSET', () => {
    expect(run("SELECT Name FROM Account WHERE Id IN ('001000000000001', '001000000000003AAA')")).toEqual([
      'Acme',
      'Gamma',
    ]);
    expect(run("SELECT Name FROM Account WHERE NOT Type = 'Customer'")).toEqual(['beta corp']);
    expect(run('SELECT Name FROM Account WHERE IsDeleted = false LIMIT 2')).toEqual(['Acme', 'beta corp']);
    expect(run('SELECT Name FROM Account ORDER BY AnnualRevenue DESC')).toEqual([
      'Acme',
      'Gamma',
      'beta corp',
    ]);
    expect(run('SELECT Name FROM Account ORDER BY AnnualRevenue ASC NULLS LAST')).toEqual([
      'Gamma',
      'Acme',
      'beta corp',
    ]);
    expect(run('SELECT Name FROM Account ORDER BY SystemModstamp, Id DESC LIMIT 2 OFFSET 1')).toEqual([
      'Acme',
      'Gamma',
    ]);
  });

  it('refuses AND and OR mixed without parentheses (MALFORMED_QUERY)', () => {
    const e = failure("SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Type = 'c'");
    expect(e.errorCode).toBe('MALFORMED_QUERY');
    expect(e.message).toContain("unexpected token: 'OR'");
  });

  it('names an unknown column with Salesforce wording and the caret position', () => {
    const e = failure('SELECT Id, Nope__c FROM Account');
    expect(e.errorCode).toBe('INVALID_FIELD');
    expect(e.message).toBe(
      "\nSELECT Id, Nope__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nope__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
  });

  it('refuses unknown objects, quoted datetimes, unquoted strings, bad ids and filters on long text', () => {
    expect(failure('SELECT Id FROM Opportunity').errorCode).toBe('INVALID_TYPE');
    expect(
      failure("SELECT Id FROM Account WHERE SystemModstamp >= '2025-01-01T00:00:00Z'").message,
    ).toContain(
      "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes",
    );
    expect(failure('SELECT Id FROM Account WHERE Name = 5').message).toContain(
      'must be of type string and should be enclosed in quotes',
    );
    expect(failure("SELECT Id FROM Account WHERE OwnerId = 'nope'").errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(failure("SELECT Id FROM Account WHERE Health_Drivers__c = 'x'").message).toContain(
      "field 'Health_Drivers__c' can not be filtered",
    );
    expect(failure('SELECT Id FROM Account WHERE SystemModstamp > 2025-01-01T00:00:00').errorCode).toBe(
      'MALFORMED_QUERY',
    );
    expect(failure('SELECT Id FROM Account LIMIT').errorCode).toBe('MALFORMED_QUERY');
    expect(failure('SELECT Owner.Name FROM Account').message).toContain(
      "Didn't understand relationship 'Owner'",
    );
  });

  it('answers COUNT() with no fields', () => {
    const q = compileQuery(parseSoql("select count() from account where type = 'Customer'"), defs);
    expect(q.query.count).toBe(true);
    expect(runQuery(q, rows)).toHaveLength(2);
  });
});
