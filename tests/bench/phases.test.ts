import { describe, expect, it } from 'vitest';
import { peakRssByPhase, phasesFromLog } from '../../bench/phases.ts';

const line = (time: number, msg: string, extra: object = {}): string =>
  JSON.stringify({ time, msg, ...extra });

describe('bench: phasesFromLog', () => {
  it('times each stream from the previous event, then match, score and write', () => {
    const log = [
      'not json',
      line(1_000, 'run started'),
      line(3_500, 'stream done', { stream: 'zendesk.tickets' }),
      line(4_000, 'stream done', { stream: 'jira.issues' }),
      line(6_000, 'matched facts to accounts', { durationMs: 1_900 }),
      line(9_000, 'write plan'),
      line(9_500, 'run finished'),
    ].join('\n');
    expect(phasesFromLog(log)).toEqual({
      'read zendesk.tickets': 2.5,
      'read jira.issues': 0.5,
      match: 2,
      'match (logged)': 1.9,
      'score + plan': 3,
      'write + tasks': 0.5,
      run: 8.5,
    });
  });

  it('gives NaN for a stage that never logged', () => {
    const out = phasesFromLog(line(0, 'run started'));
    expect(out['run']).toBeNaN();
    expect(out['match']).toBeNaN();
  });

  it("reads each phase's peak RSS from its last line", () => {
    const log = [
      line(1_000, 'run started', { peakRssMb: 80 }),
      line(3_500, 'stream done', { stream: 'zendesk.tickets', peakRssMb: 210 }),
      line(6_000, 'matched facts to accounts', { durationMs: 1_900, peakRssMb: 260 }),
      line(9_000, 'write plan', { peakRssMb: 300 }),
    ].join('\n');
    expect(peakRssByPhase(log)).toEqual({
      'read zendesk.tickets': 210,
      match: 260,
      'score + plan': 300,
      'write + tasks': null,
    });
  });
});
