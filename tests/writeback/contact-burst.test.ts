import { describe, expect, it } from 'vitest';
import type { Signal } from '../../src/config/mappings/salesforce.ts';
import { isContactSpike, signalFirings } from '../../src/writeback/signals.ts';
import { shippedSalesforceMapping } from '../connectors/salesforce/helpers.ts';
import { account } from './fixtures.ts';

type ContactBurst = Extract<Signal, { type: 'contact_burst' }>;

/** The contact-burst signal as shipped in mappings/salesforce.yaml. */
function shippedBurst(): ContactBurst {
  const found = shippedSalesforceMapping().alerts.signals.find((s) => s.type === 'contact_burst');
  if (!found || found.type !== 'contact_burst') throw new Error('no contact_burst signal shipped');
  return found;
}

describe("contact burst: a spike against the account's own normal", () => {
  it('is shipped in the spike form: 10 contacts at least and twice the usual week of the 90 days before', () => {
    expect(shippedBurst()).toMatchObject({
      min_contacts: 10,
      spike_ratio: 2,
      baseline_days: 90,
      window_days: 7,
    });
  });

  it('fires only when the count reaches both the minimum and spike_ratio times the usual', () => {
    const rule = { min_contacts: 10, spike_ratio: 2 };
    // A busy merchant at 12 a week: a week of 14 is its normal, not a burst.
    expect(isContactSpike(14, 12, rule)).toBe(false);
    // A merchant at 5 a week: 10 is both the minimum and twice the usual, and fires.
    expect(isContactSpike(10, 5, rule)).toBe(true);
    expect(isContactSpike(10, 5.01, rule)).toBe(false);
    // Twice nothing is still not enough contacts to bother a CSM.
    expect(isContactSpike(9, 0, rule)).toBe(false);
    expect(isContactSpike(10, 0, rule)).toBe(true);
    expect(isContactSpike(30, 14.9, { min_contacts: 10, spike_ratio: 2 })).toBe(true);
    expect(isContactSpike(30, 15.1, { min_contacts: 10, spike_ratio: 2 })).toBe(false);
  });

  it("reads the usual week from the baseline's count over baseline_days, and says it in the Task", () => {
    const signal = shippedBurst();
    const [busy, quiet] = ['001000000000001AAA', '001000000000002AAA'];
    const accounts = new Map([busy, quiet].map((id) => [id, account(id)]));
    const firings = signalFirings(
      {
        type: 'contact_burst',
        signal,
        window: [
          { accountId: busy, tickets: 12, calls: 2 },
          { accountId: quiet, tickets: 12, calls: 2 },
        ],
        // 90 days: busy 117 contacts (9.1 a week), quiet 45 (3.5 a week).
        before: [
          { accountId: busy, tickets: 100, calls: 17 },
          { accountId: quiet, tickets: 40, calls: 5 },
        ],
      },
      accounts,
    );
    expect(firings.map((f) => f.account.id)).toEqual([quiet]);
    expect(firings[0]!.headline).toBe('14 contacts in 7 days');
    expect(firings[0]!.body[1]).toContain("4.0× this account's usual 3.5 per 7 days");
  });
});
