import { createHash, createHmac } from 'node:crypto';

/**
 * Matching keys without personal data: emails and phone numbers are normalized, then stored only as
 * HMAC-SHA256 under a local secret. Every source (Zendesk requesters, Genesys callers, Salesforce
 * Account phones) must derive keys with these functions so that equal values give equal keys.
 */

/** Trimmed, lower-cased; null when it is not an address (no local part or no dotted domain). */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw
    ?.trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1 || /\s/.test(email)) return null;
  const domain = email.slice(at + 1);
  return /^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(domain) && !domain.includes('..') ? email : null;
}

/** The lower-cased domain of an email (sub-domains kept as written), or null. */
export function emailDomain(email: string | null | undefined): string | null {
  const normalized = normalizeEmail(email);
  return normalized ? normalized.slice(normalized.lastIndexOf('@') + 1).replace(/\.$/, '') : null;
}

/**
 * E.164 (`+15551234567`) or null. Accepts `tel:`/`sip:` URIs, punctuation, extensions (dropped),
 * `+`/`00` international prefixes, and national numbers in the default country (for country code 1,
 * ten digits, or eleven with the leading 1; elsewhere one trunk `0` is dropped).
 */
export function normalizePhone(raw: string | null | undefined, defaultCountryCode: string): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(/^(tel|sip|sips):/i, '');
  s = s.replace(/@.*$/, ''); // sip:+15551234567@host
  s = s.replace(/(;ext=|;|\s*(ext\.?|extension|x)\s*\d+$).*$/i, '');
  if (/[a-z]/i.test(s)) return null;
  const international = s.trim().startsWith('+');
  let digits = s.replace(/\D/g, '');
  const cc = defaultCountryCode.replace(/\D/g, '');
  if (!international) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (cc === '1' && digits.startsWith('011')) digits = digits.slice(3);
    else if (cc === '1') {
      if (digits.length === 10) digits = `1${digits}`;
      else if (!(digits.length === 11 && digits.startsWith('1'))) return null;
    } else digits = cc + digits.replace(/^0/, '');
  }
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return null;
  if (digits.startsWith('1') && digits.length !== 11) return null;
  return `+${digits}`;
}

/**
 * HMAC-SHA256 (hex) of a normalized value under the local key. The input is prefixed by its kind
 * (`phone:` for E.164, `email:` for an address, `value:` otherwise), so an email and a phone number can
 * never share a key. Pass values through normalizeEmail/normalizePhone first (or use emailKey/phoneKey).
 */
export function hashKey(key: string, value: string): string {
  const kind = /^\+\d{8,15}$/.test(value) ? 'phone' : value.includes('@') ? 'email' : 'value';
  return createHmac('sha256', key).update(`${kind}:${value}`).digest('hex');
}

export function emailKey(key: string, rawEmail: string | null | undefined): string | null {
  const email = normalizeEmail(rawEmail);
  return email ? hashKey(key, email) : null;
}

export function phoneKey(
  key: string,
  rawPhone: string | null | undefined,
  defaultCountryCode: string,
): string | null {
  const phone = normalizePhone(rawPhone, defaultCountryCode);
  return phone ? hashKey(key, phone) : null;
}

/** A short, non-secret identifier of a hash key: goes into cursor fingerprints, so a new key re-keys facts. */
export function hashKeyId(key: string): string {
  return createHash('sha256').update(`health-sync-hash-key:${key}`).digest('hex').slice(0, 12);
}
