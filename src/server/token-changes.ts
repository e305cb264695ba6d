import type { Role, TokenEntry } from './tokens.ts';

/** What a new tokens file changes, by holder name: never a hash. */
export interface TokenChanges {
  added: { name: string; role: Role }[];
  removed: { name: string; role: Role }[];
  roleChanged: { name: string; from: Role; to: Role }[];
  /** Same name, a new token (its hash changed): the old token no longer works. */
  replaced: string[];
  /** Same name, bound to other tenants. */
  tenantsChanged: string[];
}

export function tokenChanges(before: readonly TokenEntry[], after: readonly TokenEntry[]): TokenChanges {
  const old = new Map(before.map((e) => [e.name, e]));
  const next = new Map(after.map((e) => [e.name, e]));
  const changes: TokenChanges = { added: [], removed: [], roleChanged: [], replaced: [], tenantsChanged: [] };
  for (const e of after) {
    const was = old.get(e.name);
    if (!was) changes.added.push({ name: e.name, role: e.role });
    else {
      if (was.role !== e.role) changes.roleChanged.push({ name: e.name, from: was.role, to: e.role });
      if (was.sha256.toLowerCase() !== e.sha256.toLowerCase()) changes.replaced.push(e.name);
      if ((was.tenants ?? []).join(',') !== (e.tenants ?? []).join(',') || !was.tenants !== !e.tenants)
        changes.tenantsChanged.push(e.name);
    }
  }
  for (const e of before) if (!next.has(e.name)) changes.removed.push({ name: e.name, role: e.role });
  return changes;
}

export const changedAnything = (c: TokenChanges): boolean =>
  c.added.length + c.removed.length + c.roleChanged.length + c.replaced.length + c.tenantsChanged.length > 0;
