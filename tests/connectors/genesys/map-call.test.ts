import { describe, expect, it } from 'vitest';
import { mapConversation } from '../../../connectors/genesys/map-call.ts';
import { GenesysConversation } from '../../../connectors/genesys/schemas.ts';
import { phoneKey } from '../../../src/facts/keys.ts';
import { CallFact } from '../../../src/facts/schemas.ts';
import { abandonedCall, answeredCall, HASH_KEY } from './fixtures.ts';

const T = Date.parse('2026-11-20T10:00:00.000Z');
const map = (raw: Record<string, unknown>) =>
  mapConversation(GenesysConversation.parse(raw), { hashKey: HASH_KEY, countryCode: '1' });

describe('mapConversation', () => {
  it('maps an answered, transferred inbound call', () => {
    const fact = map(answeredCall('c-1', T));
    expect(CallFact.parse(fact)).toEqual(fact);
    expect(fact).toEqual({
      kind: 'call',
      id: 'c-1',
      startedAt: T,
      endedAt: T + 12 * 60_000,
      direction: 'inbound',
      queueId: 'q-payments',
      handleSec: 570,
      talkSec: 420, // tTalkComplete, not the sum of the tTalk segments plus it
      holdSec: 60,
      acwSec: 90,
      abandoned: false,
      transferred: true,
      callerKey: phoneKey(HASH_KEY, '+15550107788', '1'),
      externalOrgId: '001Dn00000AbCdEIAZ',
    });
  });

  it('keeps no name, number or note', () => {
    const text = JSON.stringify(map(answeredCall('c-1', T)));
    for (const leak of ['Jane', 'Smith', '5550107788', '8005550100', 'furious', 'Payments Support'])
      expect(text).not.toContain(leak);
  });

  it('an abandoned call: tAbandon, no agent metrics', () => {
    expect(map(abandonedCall('c-2', T))).toMatchObject({
      abandoned: true,
      transferred: false,
      handleSec: null,
      talkSec: null,
      queueId: 'q-payments',
    });
  });

  it('a customer who hangs up in queue without tAbandon still counts as abandoned', () => {
    const raw = abandonedCall('c-3', T);
    const acd = (raw.participants as { purpose: string; sessions: { metrics: { name: string }[] }[] }[]).find(
      (p) => p.purpose === 'acd',
    )!;
    acd.sessions[0]!.metrics = acd.sessions[0]!.metrics.filter((m) => m.name !== 'tAbandon');
    expect(map(raw).abandoned).toBe(true);
  });

  it('outbound: the customer number is the one dialled; talk falls back to tTalk segments', () => {
    const raw = answeredCall('c-4', T, { originatingDirection: 'outbound' });
    const parts = raw.participants as { purpose: string; sessions: Record<string, unknown>[] }[];
    parts[0]!.sessions[0] = {
      ...parts[0]!.sessions[0],
      direction: 'outbound',
      ani: 'tel:+18005550100',
      dnis: 'tel:+15550107788',
    };
    const agent = parts.find((p) => p.purpose === 'agent')!.sessions[0] as { metrics: { name: string }[] };
    agent.metrics = agent.metrics.filter((m) => m.name !== 'tTalkComplete');
    const fact = map(raw);
    expect(fact).toMatchObject({
      direction: 'outbound',
      callerKey: phoneKey(HASH_KEY, '+15550107788', '1'),
      talkSec: 420,
    });
  });

  it('an ongoing call has no end; a withheld number gives no key', () => {
    const raw = answeredCall('c-5', T, { conversationEnd: undefined });
    (raw.participants as { sessions: Record<string, unknown>[] }[])[0]!.sessions[0]!.ani =
      'sip:anonymous@invalid';
    expect(map(raw)).toMatchObject({ endedAt: null, callerKey: null });
  });

  it('tolerates a bare record', () => {
    expect(map({ conversationId: 'c-6', conversationStart: '2026-11-20T10:00:00Z' })).toMatchObject({
      direction: 'inbound',
      queueId: null,
      handleSec: null,
      abandoned: false,
      transferred: false,
      callerKey: null,
      externalOrgId: null,
    });
  });
});
