import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  emailDomain,
  emailKey,
  hashKey,
  hashKeyId,
  normalizeEmail,
  normalizePhone,
  phoneKey,
} from '../../src/facts/keys.ts';

const KEY = 'test-hash-key-0123456789';

describe('normalizeEmail / emailDomain', () => {
  it.each([
    ['  Jane.Doe@Acme.COM ', 'jane.doe@acme.com'],
    ['mailto:ops@sub.acme.co.uk', 'ops@sub.acme.co.uk'],
    ['no-at-sign', null],
    ['@acme.com', null],
    ['jane@', null],
    ['jane@localhost', null],
    ['ja ne@acme.com', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, out) => {
    expect(normalizeEmail(raw)).toBe(out);
  });

  it('domain is lower-cased and keeps sub-domains', () => {
    expect(emailDomain('Jane@EU.Acme.com')).toBe('eu.acme.com');
    expect(emailDomain('nope')).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+1 (555) 123-4567', '1', '+15551234567'],
    ['555.123.4567', '1', '+15551234567'],
    ['1-555-123-4567', '1', '+15551234567'],
    ['tel:+15551234567', '1', '+15551234567'],
    ['sip:+15551234567@edge.example.com', '1', '+15551234567'],
    ['+1 555 123 4567 x89', '1', '+15551234567'],
    ['tel:+15551234567;ext=89', '1', '+15551234567'],
    ['011 44 20 7946 0018', '1', '+442079460018'],
    ['020 7946 0018', '44', '+442079460018'],
    ['0044 20 7946 0018', '49', '+442079460018'],
    ['+49 30 901820', '1', '+4930901820'],
    ['12345', '1', null],
    ['555-1234', '1', null],
    ['1-800-FLOWERS', '1', null],
    ['+1 555 123 456', '1', null],
    ['', '1', null],
    ['anonymous', '1', null],
  ])('%s (cc %s) → %s', (raw, cc, out) => {
    expect(normalizePhone(raw, cc)).toBe(out);
  });
});

describe('hashKey', () => {
  it('is a keyed HMAC: stable, key-dependent, and never the input', () => {
    const a = hashKey(KEY, '+15551234567');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(KEY, '+15551234567')).toBe(a);
    expect(hashKey('another-key-0123456789', '+15551234567')).not.toBe(a);
    expect(a).not.toContain('5551234567');
  });

  it('equal values from different sources give equal keys', () => {
    expect(phoneKey(KEY, 'tel:+1 555 123 4567', '1')).toBe(phoneKey(KEY, '(555) 123-4567', '1'));
    expect(phoneKey(KEY, '(555) 123-4567', '1')).toBe(hashKey(KEY, '+15551234567'));
    expect(emailKey(KEY, 'JANE@acme.com')).toBe(hashKey(KEY, 'jane@acme.com'));
    expect(emailKey(KEY, 'not an email')).toBeNull();
  });

  it('MACs "<kind>:<value>", so an email and a phone number can never share a key (stable contract)', () => {
    const mac = (input: string): string => createHmac('sha256', KEY).update(input).digest('hex');
    expect(hashKey(KEY, '+15551234567')).toBe(mac('phone:+15551234567'));
    expect(hashKey(KEY, 'jane@acme.com')).toBe(mac('email:jane@acme.com'));
    expect(hashKey(KEY, 'acme')).toBe(mac('value:acme'));
  });

  it('hashKeyId identifies a key without revealing it', () => {
    expect(hashKeyId(KEY)).toMatch(/^[0-9a-f]{12}$/);
    expect(hashKeyId(KEY)).not.toBe(hashKeyId(`${KEY}x`));
  });
});
