import { phoneKey } from '../../src/facts/keys.ts';
import type { CallFact } from '../../src/facts/schemas.ts';
import type { GenesysConversation } from './schemas.ts';

/**
 * Genesys analytics conversation → CallFact. Pure. The customer's number survives only as an HMAC key;
 * participant names, addresses and wrap-up notes are never read.
 *
 * Metrics are milliseconds, emitted per session: handle and ACW once per agent session, talk and hold
 * per segment (with a `…Complete` total per session), so totals prefer the `…Complete` form.
 */
export function mapConversation(
  c: GenesysConversation,
  opts: { hashKey: string; countryCode: string },
): CallFact {
  const participants = c.participants ?? [];
  const sessions = participants.flatMap((p) =>
    (p.sessions ?? []).map((s) => ({ purpose: p.purpose ?? '', s })),
  );
  const metrics = sessions.flatMap(({ purpose, s }) => (s.metrics ?? []).map((m) => ({ purpose, ...m })));
  const sum = (name: string): number | null => {
    const found = metrics.filter((m) => m.name === name);
    return found.length ? found.reduce((a, m) => a + m.value, 0) : null;
  };
  const seconds = (ms: number | null): number | null => (ms === null || ms < 0 ? null : ms / 1000);

  const customer = participants.find((p) => p.purpose === 'customer' || p.purpose === 'external');
  const customerSession =
    customer?.sessions?.find((s) => s.mediaType === 'voice' || s.mediaType === 'callback') ??
    customer?.sessions?.[0];
  const direction = directionOf(c.originatingDirection ?? customerSession?.direction);
  // The customer's own number: who called us (ANI) inbound, whom we dialled (DNIS) outbound.
  const number =
    direction === 'inbound' ? customerSession?.ani : (customerSession?.dnis ?? customerSession?.ani);

  const queueId =
    sessions
      .flatMap(({ purpose, s }) => (purpose === 'acd' ? (s.segments ?? []) : []))
      .find((seg) => seg.queueId)?.queueId ??
    sessions.flatMap(({ s }) => s.segments ?? []).find((seg) => seg.queueId)?.queueId ??
    null;

  const answered = metrics.some(
    (m) => m.purpose === 'agent' && ['tAnswered', 'tTalk', 'tTalkComplete'].includes(m.name),
  );
  const customerHungUpInQueue =
    participants.some((p) => p.purpose === 'acd') &&
    !answered &&
    (customer?.sessions ?? []).some((s) =>
      (s.segments ?? []).some((seg) => seg.disconnectType === 'endpoint' || seg.disconnectType === 'client'),
    );

  return {
    kind: 'call',
    id: c.conversationId,
    startedAt: Date.parse(c.conversationStart),
    endedAt: c.conversationEnd ? Date.parse(c.conversationEnd) : null,
    direction,
    queueId,
    handleSec: seconds(sum('tHandle')),
    talkSec: seconds(sum('tTalkComplete') ?? sum('tTalk')),
    holdSec: seconds(sum('tHeldComplete') ?? sum('tHeld')),
    acwSec: seconds(sum('tAcw')),
    abandoned: sum('tAbandon') !== null || customerHungUpInQueue,
    transferred: (sum('nTransferred') ?? 0) > 0,
    callerKey: phoneKey(opts.hashKey, number, opts.countryCode),
    externalOrgId: participants.find((p) => p.externalOrganizationId)?.externalOrganizationId ?? null,
  };
}

function directionOf(raw: string | null | undefined): CallFact['direction'] {
  return raw?.toLowerCase().startsWith('outbound') ? 'outbound' : 'inbound';
}
