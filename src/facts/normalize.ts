/**
 * Normalization of the keys facts and accounts are matched on. Pure and idempotent, so the
 * Salesforce connector can use the same functions when it stores an account's domain.
 */

/**
 * A web domain from a website, an email domain or a Zendesk organization domain: lower case, no
 * scheme, credentials, port, path, query or trailing dot, and no leading `www.`.
 * `https://WWW.Acme.com/about` → `acme.com`. Null when nothing domain-like remains.
 */
export function normalizeDomain(value: string | null | undefined): string | null {
  if (!value) return null;
  let s = value.trim().toLowerCase();
  // An email address: the domain is what follows the last @.
  if (!s.includes('://') && s.includes('@')) s = s.slice(s.lastIndexOf('@') + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.split(/[/?#]/, 1)[0] ?? '';
  if (s.includes('@')) s = s.slice(s.lastIndexOf('@') + 1);
  s = s.replace(/:\d*$/, '').replace(/\.+$/, '');
  while (s.startsWith('www.')) s = s.slice(4);
  return /^[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)+$/u.test(s) ? s : null;
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15-character Salesforce Id. The 3-character suffix encodes the case of
 * the first 15, which is what makes the 18-character form safe to compare case-insensitively.
 */
export function salesforceId18(id15: string): string | null {
  if (!/^[a-zA-Z0-9]{15}$/.test(id15)) return null;
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id15 + suffix;
}
