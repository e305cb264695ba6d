import type { AccountLink } from '../../../match/types.ts';
import type { Store } from '../../../store/store.ts';

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
  /** The entities whose stored links go (a fact with none stored needs no delete: a first sync has a million). */
  private entities: Entity[] = [];
  private links: AccountLink[] = [];
  private pending = 0;
  private readonly store: Store;
  private readonly batchSize: number;

  constructor(store: Store, batchSize: number) {
    this.store = store;
    this.batchSize = batchSize;
  }

  /**
   * `links` replace the entity's `stored` ones. True when the batch is full: the caller writes it
   * with `flush()` (and may then yield to the event loop).
   */
  change(entity: Entity, links: AccountLink[], stored: readonly AccountLink[]): boolean {
    if (stored.length > 0) this.entities.push(entity);
    for (const link of links) this.links.push(link);
    return ++this.pending >= this.batchSize;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const entities = this.entities;
    const links = this.links;
    this.entities = [];
    this.links = [];
    this.pending = 0;
    await this.store.transaction(() => this.store.links.replace(entities, links));
  }
}
