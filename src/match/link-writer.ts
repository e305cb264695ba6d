import type { AccountLink, Store } from '../store/store.ts';

type Entity = { entity: AccountLink['entity']; entityId: string };

/** A fact's links changed when its accounts or its rule changed (both lists sorted by account). */
export function sameLinks(a: readonly AccountLink[], b: readonly AccountLink[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i]!.accountId !== b[i]!.accountId || a[i]!.rule !== b[i]!.rule) return false;
  return true;
}

/** Collects link changes and writes them a few thousand entities per transaction. */
export class LinkWriter {
  private entities: Entity[] = [];
  private links: AccountLink[] = [];
  private readonly store: Store;
  private readonly batchSize: number;

  constructor(store: Store, batchSize: number) {
    this.store = store;
    this.batchSize = batchSize;
  }

  /** True when the batch was full and got written (the caller may then yield to the event loop). */
  change(entity: Entity, links: AccountLink[]): boolean {
    this.entities.push(entity);
    for (const link of links) this.links.push(link);
    if (this.entities.length < this.batchSize) return false;
    this.flush();
    return true;
  }

  flush(): void {
    if (this.entities.length === 0) return;
    const entities = this.entities;
    const links = this.links;
    this.entities = [];
    this.links = [];
    this.store.transaction(() => this.store.links.replace(entities, links));
  }
}
