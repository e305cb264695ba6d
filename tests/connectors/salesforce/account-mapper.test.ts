import { describe, expect, it } from 'vitest';
import { advanceMark, alreadyRead } from '../../../connectors/salesforce/account-cursor.ts';
import { accountSelectFields, toAccountFact } from '../../../connectors/salesforce/account-mapper.ts';
import { parseSfDateTime, soqlLikePrefix, soqlString } from '../../../connectors/salesforce/soql.ts';
import { AccountFact } from '../../../src/facts/schemas.ts';
import { shippedAccountsMapping } from './helpers.ts';

describe('account mapper', () => {
  const cfg = shippedAccountsMapping().salesforce;

  it.each([
    ['https://www.Acme.com/about?x=1', 'acme.com'],
    ['http://user:pw@shop.acme.co.uk:8443/path', 'shop.acme.co.uk'],
    ['ACME.COM.', 'acme.com'],
    ['  acme.com  ', 'acme.com'],
    ['not a domain', null],
    ['localhost', null],
    ['', null],
  ])('stores the domain of Website %j as %j', (website, want) => {
    const fact = toAccountFact(
      { Id: '001000000000001AAA', SystemModstamp: '2026-11-01T08:00:00.000Z', Website: website },
      cfg,
      undefined,
    );
    expect(fact.domain).toBe(want);
  });

  it('maps a record to a valid AccountFact, keeping only the phone HMAC', () => {
    const fact = toAccountFact(
      {
        Id: '001000000000001AAA',
        SystemModstamp: '2026-11-01T08:00:00.000+0000',
        Name: 'Acme',
        OwnerId: '005000000000001AAA',
        Tier__c: null,
        Website: 'acme.com',
        Phone: '(415) 555-0100',
        AnnualRevenue: 12.5,
        renewal_date__c: '2027-01-31', // Salesforce's spelling may differ in case
      },
      cfg,
      (raw) => `k:${raw.length}`,
    );
    expect(AccountFact.parse(fact)).toEqual(fact);
    expect(fact).toMatchObject({
      tier: null,
      domain: 'acme.com',
      phoneKey: 'k:14',
      fields: { arr: 12.5, renewal_date: '2027-01-31' },
    });
    expect(JSON.stringify(fact)).not.toContain('555');
    expect(
      toAccountFact({ Id: '001000000000002AAA', SystemModstamp: '2026-11-01T08:00:00.000Z' }, cfg, undefined),
    ).toMatchObject({
      name: '',
      ownerId: null,
      phoneKey: null,
      fields: { arr: null, renewal_date: null },
    });
  });

  it('selects each configured field once', () => {
    expect(accountSelectFields({ ...cfg, extra: { owner_again: 'ownerid', arr: 'AnnualRevenue' } })).toEqual([
      'Id',
      'SystemModstamp',
      'Name',
      'OwnerId',
      'Tier__c',
      'Website',
      'Phone',
      'AnnualRevenue',
    ]);
  });

  it('parses Salesforce datetimes and escapes SOQL literals', () => {
    expect(parseSfDateTime('2026-11-01T08:00:00.000+0000')).toBe(Date.UTC(2026, 10, 1, 8));
    expect(parseSfDateTime('2026-11-01T10:00:00.000+0200')).toBe(Date.UTC(2026, 10, 1, 8));
    expect(soqlString("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
    expect(soqlLikePrefix('[Health]_50%')).toBe("'[Health]\\_50\\%%'");
  });

  it('remembers every id read at the newest instant, and only those', () => {
    const t = 1_000;
    let mark = advanceMark(null, [
      { id: 'a', modstamp: t },
      { id: 'b', modstamp: t },
    ]);
    expect(mark).toEqual({ since: t, ids: ['a', 'b'] });
    mark = advanceMark(mark, [{ id: 'c', modstamp: t }]);
    expect(mark).toEqual({ since: t, ids: ['a', 'b', 'c'] });
    expect(alreadyRead(mark, { id: 'b', modstamp: t })).toBe(true);
    expect(alreadyRead(mark, { id: 'b', modstamp: t + 1 })).toBe(false);
    mark = advanceMark(mark, [{ id: 'd', modstamp: t + 5 }]);
    expect(mark).toEqual({ since: t + 5, ids: ['d'] });
    expect(advanceMark(mark, [])).toEqual(mark);
  });
});
