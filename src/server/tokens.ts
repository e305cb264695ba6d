import { createHash, timingSafeEqual } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import type { ConfigProblem } from '../errors.ts';
import { parseListFile, readConfigFile } from '../config/list-file.ts';
import { tokenChanges, type TokenChanges } from './token-changes.ts';

/**
 * Admin API bearer tokens. The tokens file (ADMIN_TOKENS_FILE, YAML or JSON) holds only SHA-256
 * hashes: `[{ name: alice, role: admin, sha256: <64 hex> }]`. Generate a token and its hash with
 *   token=$(openssl rand -hex 32); printf %s "$token" | sha256sum
 * then give the token to its owner and put the hash in the file.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

/** viewer (read) < operator (+ trigger runs) < admin (+ mappings and proposals). */
export const roleAllows = (held: Role, needed: Role): boolean => RANK[held] >= RANK[needed];

export const TokenEntry = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'a short name such as alice or ci-bot'),
    role: z.enum(ROLES),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the token, 64 hex digits (never the token itself)'),
    /**
     * The tenants (TENANTS_FILE ids) this token may reach; `'*'`: every tenant. Absent: the only tenant
     * of a one-tenant install, and no tenant once there are several (src/server/tenant-scope.ts).
     */
    tenants: z
      .array(z.string().regex(/^(\*|[a-z][a-z0-9_]{0,30})$/, 'a tenant id from the tenants file, or *'))
      .min(1, 'at least one tenant (leave the key out for the only tenant of a one-tenant install)')
      .optional(),
  })
  .strict();
export type TokenEntry = z.infer<typeof TokenEntry>;
const TokenFile = z.array(TokenEntry);

export interface Actor {
  name: string;
  role: Role;
  /** The tenants the token is bound to, as its entry says (undefined: the key is absent). */
  tenants?: readonly string[];
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export interface TokenRegistry {
  /** The holder of this token, or undefined. Compares against every hash in constant time. */
  authenticate(token: string): Actor | undefined;
  size(): number;
  /** Puts `entries` in force and says what changed, by name. */
  replace(entries: TokenEntry[]): TokenChanges;
}

export function createTokenRegistry(entries: TokenEntry[] = []): TokenRegistry {
  let table: { actor: Actor; hash: Buffer }[] = [];
  let current: TokenEntry[] = [];
  const replace = (next: TokenEntry[]): TokenChanges => {
    const changes = tokenChanges(current, next);
    table = next.map((e) => ({
      actor: { name: e.name, role: e.role, ...(e.tenants ? { tenants: e.tenants } : {}) },
      hash: Buffer.from(e.sha256, 'hex'),
    }));
    current = [...next];
    return changes;
  };
  replace(entries);
  return {
    authenticate(token) {
      const hash = createHash('sha256').update(token, 'utf8').digest();
      let found: Actor | undefined;
      // No early exit: the time taken does not depend on which entry matched.
      for (const entry of table) if (timingSafeEqual(hash, entry.hash) && !found) found = entry.actor;
      return found;
    },
    size: () => table.length,
    replace,
  };
}

const TITLE = 'The admin tokens file';

/** Names and hashes listed once; tenants among those the process serves, when known. */
function entryProblems(entries: TokenEntry[], file: string, tenantIds?: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Set<string>();
  const hashes = new Set<string>();
  entries.forEach((e, i) => {
    if (names.has(e.name)) problems.push({ file, path: [i, 'name'], message: `duplicate name "${e.name}"` });
    if (hashes.has(e.sha256.toLowerCase()))
      problems.push({ file, path: [i, 'sha256'], message: 'the same token is listed twice' });
    names.add(e.name);
    hashes.add(e.sha256.toLowerCase());
    e.tenants?.forEach((t, j) => {
      if (tenantIds && t !== '*' && !tenantIds.includes(t))
        problems.push({
          file,
          path: [i, 'tenants', j],
          message: `no tenant "${t}" (${tenantIds.join(', ')})`,
        });
    });
  });
  return problems;
}

/**
 * Parses a tokens file: every problem at once, with the entry it is in. `tenantIds`: the tenants the
 * process serves, when known, so that a token bound to a misspelt tenant is refused at start.
 */
export const parseTokenFile = (text: string, file = 'tokens', tenantIds?: readonly string[]): TokenEntry[] =>
  parseListFile(text, {
    file,
    title: TITLE,
    schema: TokenFile,
    check: (data) => entryProblems(data, file, tenantIds),
  });

export const loadTokenFile = async (path: string, tenantIds?: readonly string[]): Promise<TokenEntry[]> =>
  parseTokenFile(await readConfigFile(path, basename(path), TITLE), basename(path), tenantIds);
