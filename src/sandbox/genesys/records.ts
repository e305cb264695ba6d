import type { CallModel } from '../dataset/calls.ts';
import { createRng, hash32, uuidFrom } from '../dataset/prng.ts';

/**
 * Conversations as the analytics details APIs return them: participants (customer, ivr, acd,
 * agent) with sessions, segments and metrics in milliseconds. Inbound: the customer's number is the
 * ANI. Outbound: it is the DNIS.
 */
type Json = Record<string, unknown>;
const iso = (ms: number): string => new Date(ms).toISOString();
const metric = (name: string, value: number, at: number): Json => ({
  name,
  value: Math.round(value),
  emitDate: iso(at),
});
const segment = (start: number, end: number, segmentType: string, extra: Json = {}): Json => ({
  segmentStart: iso(start),
  segmentEnd: iso(end),
  segmentType,
  ...extra,
});

export function conversationJson(c: CallModel): Json {
  const rng = createRng(hash32(c.index, 0x6e5));
  const id = (): string => uuidFrom(rng);
  const tel = (n: string): string => `tel:${n}`;
  const inbound = c.direction === 'inbound';
  const ani = tel(inbound ? c.customerNumber : c.ourNumber);
  const dnis = tel(inbound ? c.ourNumber : c.customerNumber);
  const session = (segments: Json[], metrics: Json[], extra: Json = {}): Json => ({
    mediaType: c.mediaType,
    sessionId: id(),
    direction: c.direction,
    ani,
    dnis,
    provider: 'Edge',
    segments,
    metrics,
    ...extra,
  });
  const ivrEnd = c.start + c.ivrMs;
  const queueEnd = ivrEnd + c.queueMs;

  const customer: Json = {
    participantId: id(),
    purpose: 'customer',
    ...(c.externalOrganizationId ? { externalOrganizationId: c.externalOrganizationId } : {}),
    sessions: [
      session(
        [segment(c.start, c.end, 'interact', { disconnectType: c.abandoned ? 'client' : 'peer' })],
        [metric('nConnected', 1, c.start)],
      ),
    ],
  };
  const participants: Json[] = [customer];
  if (inbound) {
    participants.push({
      participantId: id(),
      participantName: 'Payments Main IVR',
      purpose: 'ivr',
      sessions: [
        session(
          [segment(c.start, ivrEnd, 'ivr', { disconnectType: 'transfer' })],
          [metric('tIvr', c.ivrMs, ivrEnd)],
          {
            flowInType: 'inboundcall',
          },
        ),
      ],
    });
    participants.push({
      participantId: id(),
      participantName: c.queue.name,
      purpose: 'acd',
      sessions: [
        session(
          [
            segment(ivrEnd, queueEnd, 'interact', {
              queueId: c.queue.id,
              disconnectType: c.abandoned ? 'peer' : 'transfer',
            }),
          ],
          [
            metric('nOffered', 1, ivrEnd),
            c.abandoned ? metric('tAbandon', c.queueMs, queueEnd) : metric('tAcd', c.queueMs, queueEnd),
          ],
        ),
      ],
    });
  }
  // One agent, or two when the first transferred the call (the first took 40% of the talk time).
  const shares = c.agentIds.length === 2 ? [0.4, 0.6] : [1];
  let from = queueEnd;
  c.agentIds.forEach((userId, k) => {
    const share = shares[k]!;
    const alert = k === 0 ? c.alertMs : 3_000;
    const talk = c.talkMs * share;
    const hold = k === c.agentIds.length - 1 ? c.holdMs : 0;
    const acw = k === c.agentIds.length - 1 ? c.acwMs : 15_000;
    const answered = from + alert;
    const talkEndK = answered + talk + hold;
    const last = k === c.agentIds.length - 1;
    const segments = [
      segment(from, answered, 'alert', { queueId: c.queue.id }),
      segment(answered, talkEndK - hold, 'interact', { queueId: c.queue.id }),
      ...(hold ? [segment(talkEndK - hold, talkEndK, 'hold', { queueId: c.queue.id })] : []),
      segment(talkEndK, talkEndK + acw, 'wrapup', {
        queueId: c.queue.id,
        disconnectType: last ? 'client' : 'transfer',
        ...(c.wrapUpCode ? { wrapUpCode: c.wrapUpCode } : {}),
      }),
    ];
    const metrics = [
      metric('tAlert', alert, answered),
      metric('tAnswered', alert, answered),
      metric('tTalk', talk, talkEndK - hold),
      metric('tTalkComplete', talk, talkEndK - hold),
      ...(hold ? [metric('tHeld', hold, talkEndK), metric('tHeldComplete', hold, talkEndK)] : []),
      metric('tAcw', acw, talkEndK + acw),
      metric('tHandle', talk + hold + acw, talkEndK + acw),
      ...(!last ? [metric('nTransferred', 1, talkEndK)] : []),
    ];
    participants.push({
      participantId: id(),
      participantName: `Agent ${userId.slice(0, 4)}`,
      purpose: 'agent',
      userId,
      sessions: [session(segments, metrics, { requestedRoutings: ['Standard'], usedRouting: 'Standard' })],
    });
    from = talkEndK;
  });

  return {
    conversationId: c.conversationId,
    conversationStart: iso(c.start),
    conversationEnd: iso(c.end),
    conversationInitiator: inbound ? 'customer' : 'agent',
    customerParticipation: true,
    divisionIds: [c.divisionId],
    mediaStatsMinConversationMos: 4 + (hash32(c.index, 7) % 90) / 100,
    mediaStatsMinConversationRFactor: 80 + (hash32(c.index, 8) % 1300) / 100,
    originatingDirection: c.direction,
    participants,
  };
}
