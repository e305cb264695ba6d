import type { AccountModel } from './accounts.ts';
import type { GenContext } from './context.ts';
import {
  agentId,
  agentUser,
  AGENT_COUNT,
  anonymousId,
  anonymousUser,
  ANONYMOUS_POOL,
  REQUESTER_SLOTS,
  requesterId,
  requesterUser,
  staleRequester,
  staleRequesterId,
  type UserModel,
} from './people.ts';

/** The Zendesk user with this id, whichever kind it is; undefined for ids the dataset never issued. */
export function userById(
  ctx: GenContext,
  id: number,
  account: (i: number) => AccountModel,
): UserModel | undefined {
  const { seed, now } = ctx.opts;
  if (id >= agentId(0) && id < agentId(AGENT_COUNT)) return agentUser(seed, id - agentId(0), now);
  if (id >= requesterId(0, 0) && id < requesterId(ctx.accounts.length, 0)) {
    const a = Math.floor((id - requesterId(0, 0)) / REQUESTER_SLOTS);
    const n = (id - requesterId(0, 0)) % REQUESTER_SLOTS;
    const model = account(a);
    return n < model.requesters ? requesterUser(seed, model, n) : undefined;
  }
  if (id >= anonymousId(0) && id < anonymousId(ANONYMOUS_POOL))
    return anonymousUser(seed, id - anonymousId(0), now);
  if (id >= staleRequesterId(0, 0) && id < staleRequesterId(ctx.staleOrgs.length, 0)) {
    const k = Math.floor((id - staleRequesterId(0, 0)) / 8);
    const n = (id - staleRequesterId(0, 0)) % 8;
    return n < 3 ? staleRequester(seed, ctx.staleOrgs[k]!, k, n) : undefined;
  }
  return undefined;
}
