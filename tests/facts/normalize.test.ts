import { describe, expect, it } from 'vitest';
import { normalizeDomain, salesforceId18 } from '../../src/facts/normalize.ts';

describe('normalizeDomain', () => {
  it.each([
    ['https://WWW.Acme.com/about?x=1#top', 'acme.com'],
    ['http://acme.com:8080', 'acme.com'],
    ['www.acme.com.', 'acme.com'],
    ['Acme.co.uk', 'acme.co.uk'],
    ['jane.doe@Sub.Acme.com', 'sub.acme.com'],
    ['https://user:secret@acme.com/', 'acme.com'],
    ['  acme.com  ', 'acme.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([null, undefined, '', 'localhost', 'not a domain', 'https://'])('%s → null', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it('is idempotent', () => {
    const once = normalizeDomain('https://www.Example.org/path');
    expect(normalizeDomain(once)).toBe(once);
  });
});

describe('salesforceId18', () => {
  it('adds the case-encoding suffix (example from the Salesforce docs)', () => {
    expect(salesforceId18('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
  });

  it('gives different suffixes to Ids that differ only in case', () => {
    expect(salesforceId18('001d000000iqhsl')).not.toBe(salesforceId18('001D000000IqhSL'));
    expect(salesforceId18('001d000000iqhsl')!.toLowerCase()).not.toBe(
      salesforceId18('001D000000IqhSL')!.toLowerCase(),
    );
  });

  it('refuses anything that is not 15 alphanumerics', () => {
    expect(salesforceId18('001D000000IqhS')).toBeNull();
    expect(salesforceId18('001D000000IqhS!')).toBeNull();
  });
});
