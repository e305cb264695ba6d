import { createHash } from 'node:crypto';

/** A short digest of a value's JSON: mapping files, cursor fingerprints, scorecard provenance. */
export const digestOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
