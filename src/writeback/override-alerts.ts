import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { ScoreSummary } from '../score/types.ts';
import type { OverrideState } from './overrides.ts';
import { type AlertCandidate, alertCandidate } from './task-text.ts';

/** `override_lapsed:<account>:<until>`: one Task per override, however often the run repeats. */
export const lapseKey = (accountId: string, until: string): string => `override_lapsed:${accountId}:${until}`;

/**
 * Pure: a Task to the owner of each scored account whose override has lapsed, saying which status
 * health-sync writes again. Once per override: the key holds its until-day, so a renewed override
 * lapsing later opens a new one.
 */
export function overrideLapseAlerts(
  current: readonly ScoreSummary[],
  overrides: ReadonlyMap<string, OverrideState> | undefined,
  accounts: ReadonlyMap<string, AccountFact>,
  task: SalesforceMapping['alerts']['task'],
  now: number,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const score of current) {
    const o = overrides?.get(score.accountId);
    const account = accounts.get(score.accountId);
    if (o?.kind !== 'lapsed' || !account) continue;
    const computed = score.score === null ? score.status : `${score.status} (score ${score.score})`;
    out.push(
      alertCandidate(
        {
          key: lapseKey(account.id, o.until),
          rule: 'override_lapsed',
          account,
          windowStart: Date.parse(`${o.until}T00:00:00Z`),
          now,
          headline: 'Health override lapsed',
          body: [
            `The health status override (${o.status}, until ${o.until}: ${o.reason ?? 'no reason given'}) has lapsed.`,
            `health-sync writes the computed status again: ${computed}.`,
            'Clear the override fields on the Account, or set a new until-date to keep overriding.',
          ],
        },
        task,
      ),
    );
  }
  return out;
}
