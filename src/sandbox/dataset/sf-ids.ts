/**
 * Salesforce record ids: a 3-character key prefix (001 Account, 005 User), an instance part, a
 * base-62 serial, and the 3-character case-safe suffix that turns the 15-character id into the
 * 18-character one. Real orgs mix both lengths in other systems (people paste the 15-character id
 * from a URL), so the sandbox does too.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const SERIAL_SPACE = 62 ** 5;
// Coprime with 62^5 (= 2^5 * 31^5), so serial(i) is a bijection over the serial space.
const SERIAL_MULTIPLIER = 1_000_003;

/** The case-safe suffix of a 15-character id. */
export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX[bits];
  }
  return out;
}

function base62(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62[n % 62]! + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** The 18-character id of record `index` with a key prefix, distinct per seed. */
export function salesforceId(prefix: '001' | '005', seed: number, index: number): string {
  const offset = seed % SERIAL_SPACE;
  const serial = (index * SERIAL_MULTIPLIER + offset) % SERIAL_SPACE;
  const id15 = `${prefix}Hn00000${base62(serial, 5)}`;
  return id15 + caseSafeSuffix(id15);
}

/** The 15-character form (what people paste from a Salesforce URL). */
export const to15 = (id18: string): string => id18.slice(0, 15);
