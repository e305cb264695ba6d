import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AccountsMapping } from '../../../config/mappings/accounts.ts';
import type { AccountLink } from '../../../match/types.ts';
import type { Chunks, Store } from '../../../store/store.ts';
import type { AccountIndex } from '../../../match/account-index.ts';
import { type LinkWriter, sameLinks } from './link-writer.ts';
import {
  MATCH_FIELDS,
  MATCH_KINDS,
  type MatchResult,
  type MatchableFact,
  type MatchableKind,
} from '../../../match/match-fact.ts';
import { matchStoredFact } from './match-stored.ts';
import { mergeFactsWithLinks } from '../../../match/merge-join.ts';
import { type MatchStats, recordMatch } from '../../../match/stats.ts';

/** Issues last: their linked_ticket rule reads the ticket links written just before. */

export interface PassContext {
  store: Store;
  index: AccountIndex;
  rules: AccountsMapping['rules'];
  writer: LinkWriter;
  stats: MatchStats;
}

/** The links a fact's match asks for; the match is counted in the run's stats. */
function desiredLinks(ctx: PassContext, fact: MatchableFact, result: MatchResult): AccountLink[] {
  recordMatch(ctx.stats, fact.kind, result);
  ctx.stats.evaluated++;
  if ('unmatched' in result) return [];
  return result.accountIds.map((accountId) => ({
    entity: fact.kind,
    entityId: fact.id,
    accountId,
    rule: result.rule,
  }));
}

/** Writes a full batch, then lets the event loop serve others (the store's promises alone never do). */
async function writeBatch(writer: LinkWriter): Promise<void> {
  await writer.flush();
  await yieldToLoop();
}

/** Every fact of one kind against its stored links; links of facts that are gone are removed. */
export async function passOverKind(ctx: PassContext, kind: MatchableKind): Promise<number> {
  let changed = 0;
  // The store reads exactly MATCH_FIELDS, which is what MatchableFact holds of these kinds.
  const facts = ctx.store.facts.chunks(kind, MATCH_FIELDS[kind]) as Chunks<MatchableFact>;
  for await (const chunk of mergeFactsWithLinks(facts, ctx.store.links.chunks(kind))) {
    for (const { id, fact, links } of chunk) {
      let desired: AccountLink[] = [];
      if (fact) {
        const result = matchStoredFact(fact, ctx.index, ctx.rules, ctx.store.links);
        desired = desiredLinks(ctx, fact, result instanceof Promise ? await result : result);
      } else ctx.stats.orphans++;
      if (sameLinks(desired, links)) continue;
      changed++;
      if (ctx.writer.change({ entity: kind, entityId: id }, desired, links)) await writeBatch(ctx.writer);
    }
  }
  // Issues read ticket links: every change of this kind is written before the next kind.
  await ctx.writer.flush();
  ctx.stats.changed += changed;
  return changed;
}

export async function fullPass(ctx: PassContext): Promise<void> {
  for (const kind of MATCH_KINDS) await passOverKind(ctx, kind);
}

/**
 * Only the queued facts (new, or with changed match keys) and the `also` ones (the tickets of
 * organizations whose keys changed, and those organizations, deleted ones included). A ticket whose
 * links changed can change the issues that reference it, so then every issue is looked at again
 * (issues are few).
 */
export async function incrementalPass(
  ctx: PassContext,
  throughSeq: number,
  also: Partial<Record<MatchableKind, readonly string[]>> = {},
): Promise<void> {
  const queued = new Map<MatchableKind, Set<string>>(MATCH_KINDS.map((k) => [k, new Set(also[k])]));
  for await (const entry of ctx.store.matchQueue.iterate(throughSeq))
    queued.get(entry.entity)?.add(entry.entityId);
  let ticketsChanged = false;
  for (const kind of MATCH_KINDS) {
    if (kind === 'issue' && ticketsChanged && ctx.rules.some((r) => r.from === 'issue.ticket_refs')) {
      await passOverKind(ctx, 'issue');
      continue;
    }
    for (const id of queued.get(kind) ?? []) {
      const fact = (await ctx.store.facts.get({ kind, id })) as MatchableFact | undefined;
      const desired = fact
        ? desiredLinks(ctx, fact, await matchStoredFact(fact, ctx.index, ctx.rules, ctx.store.links))
        : [];
      const stored = await ctx.store.links.forEntity(kind, id);
      if (sameLinks(desired, stored)) continue;
      ctx.stats.changed++;
      if (kind === 'ticket') ticketsChanged = true;
      if (ctx.writer.change({ entity: kind, entityId: id }, desired, stored)) await writeBatch(ctx.writer);
    }
    await ctx.writer.flush();
  }
}
