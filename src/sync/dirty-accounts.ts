import type { Fact } from '../facts/schemas.ts';
import type { AccountLink } from '../match/types.ts';
import { toRow } from '../store/fact-tables.ts';
import type { FactRepo, LinkRepo, PageWrite, Store } from '../store/store.ts';

/**
 * Past this many facts looked up, a run stops tracking and rescores every account: each tracked
 * fact costs a look-up or two, and a run that changed that many facts changed most accounts.
 */
const MAX_TRACKED = 50_000;

type Entity = { entity: AccountLink['entity']; entityId: string };

/**
 * The accounts whose score inputs a run changed: through a fact stored, changed or deleted (the
 * accounts its links pointed to before, and those they point to after), a link the match stage
 * changed, or the Account itself (its fields, overrides included). A fact stored again as it was
 * (a source's overlap, Jira's look-back, an Account re-read because our write moved its
 * SystemModstamp) changes nothing. `track(store)` is the store the run's sources and match stage
 * write through; every other stage sees the store as it is.
 */
export class DirtyAccounts {
  readonly ids = new Set<string>();
  /** Why tracking gave up (then every account is rescored). */
  overflow: string | undefined;
  private looked = 0;

  track(store: Store): Store {
    const facts = withMethod(store.facts, 'commitPage', (commit) => async (stream, page, next) => {
      await this.beforePage(store, page);
      await commit(stream, page, next);
    });
    const links = withMethod(store.links, 'replace', (replace) => async (entities, newLinks) => {
      if (this.count(entities.length)) await this.linkedNow(store, entities);
      for (const l of newLinks) this.ids.add(l.accountId);
      await replace(entities, newLinks);
    });
    return override(store, { facts, links });
  }

  /** False once tracking gave up. */
  private count(n: number): boolean {
    if (this.overflow !== undefined) return false;
    this.looked += n;
    if (this.looked <= MAX_TRACKED) return true;
    this.overflow = `more than ${MAX_TRACKED} changed facts`;
    return false;
  }

  private async beforePage(store: Store, page: PageWrite): Promise<void> {
    if (!this.count(page.upserts.length + page.deletes.length)) return;
    const pageLinks = new Map<string, AccountLink[]>();
    for (const l of page.links ?? []) {
      const key = `${l.entity}:${l.entityId}`;
      pageLinks.set(key, [...(pageLinks.get(key) ?? []), l]);
    }
    const changed: Entity[] = [];
    for (const fact of page.upserts) {
      const stored = await store.facts.get({ kind: fact.kind, id: fact.id });
      const same = stored !== undefined && sameFact(stored, fact);
      if (fact.kind === 'account') {
        if (!same) this.ids.add(fact.id);
        continue;
      }
      const entity = { entity: fact.kind, entityId: fact.id };
      const linksAfter = pageLinks.get(`${fact.kind}:${fact.id}`);
      // Without links in the page, the commit keeps the stored ones (the match stage may change them).
      if (same && linksAfter === undefined) continue;
      const before = await store.links.forEntity(entity.entity, entity.entityId);
      if (same && sameAccounts(before, linksAfter ?? [])) continue;
      for (const l of before) this.ids.add(l.accountId);
      for (const l of linksAfter ?? []) this.ids.add(l.accountId);
      changed.push(entity);
    }
    for (const ref of page.deletes)
      if (ref.kind === 'account') this.ids.add(ref.id);
      else changed.push({ entity: ref.kind, entityId: ref.id });
    await this.linkedNow(store, changed);
  }

  /** The accounts the entities are linked to now, before a write replaces their links. */
  private async linkedNow(store: Store, entities: readonly Entity[]): Promise<void> {
    for (const e of entities)
      for (const l of await store.links.forEntity(e.entity, e.entityId)) this.ids.add(l.accountId);
  }
}

/**
 * The same stored row. An Account's SystemModstamp is left out: our own write-back moves it, and
 * scoring never reads it.
 */
function sameFact(a: Fact, b: Fact): boolean {
  const ra = toRow(a.kind === 'account' ? { ...a, systemModstamp: 0 } : a);
  const rb = toRow(b.kind === 'account' ? { ...b, systemModstamp: 0 } : b);
  return ra.length === rb.length && ra.every((v, i) => v === rb[i]);
}

const sameAccounts = (a: readonly AccountLink[], b: readonly AccountLink[]): boolean => {
  const key = (ls: readonly AccountLink[]): string =>
    ls
      .map((l) => `${l.accountId}|${l.rule}`)
      .sort()
      .join(',');
  return key(a) === key(b);
};

function withMethod<T extends FactRepo | LinkRepo, K extends keyof T & string>(
  repo: T,
  name: K,
  wrap: (original: T[K]) => T[K],
): T {
  const original = (repo[name] as (...a: unknown[]) => unknown).bind(repo) as T[K];
  return override(repo, { [name]: wrap(original) } as unknown as Partial<T>);
}

/** A view of `target` with some members replaced; every other member is the target's own, bound to it. */
function override<T extends object>(target: T, members: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.hasOwn(members, prop)) return members[prop as keyof T];
      const v: unknown = Reflect.get(t, prop, t);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}
