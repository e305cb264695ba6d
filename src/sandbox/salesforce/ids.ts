/**
 * Salesforce record ids: a 3-character key prefix (001 Account, 00T Task, 005 User, 750 Bulk job),
 * 15 case-sensitive characters, and a 3-character case-insensitive checksum that makes the 18-character
 * form. APIs answer with 18 characters and accept either form.
 */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isSfId(text: string): boolean {
  return ID_PATTERN.test(text);
}

/** The 18-character form of a 15- or 18-character id. */
export function toId18(id: string): string {
  if (id.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

/** Two ids name the same record when their 15-character forms are equal (the suffix only fixes case). */
export function sameId(a: string, b: string): boolean {
  if (!isSfId(a) || !isSfId(b)) return a === b;
  return a.slice(0, 15) === b.slice(0, 15);
}

/** Deterministic ids: one counter per key prefix, so a rerun of a test sees the same ids. */
export class IdFactory {
  private readonly counters = new Map<string, number>();
  private readonly pod: string;

  constructor(pod = '5H') {
    this.pod = pod;
  }

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return toId18(`${prefix}${this.pod}${toBase62(n).padStart(10, '0')}`);
  }
}

function toBase62(n: number): string {
  let out = '';
  let rest = n;
  do {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}
