// Sample Accounts for the card's screenshot, in the shapes Lightning Data Service returns. The
// drivers are text as health-sync writes it (src/writeback/drivers-text.ts).

const value = (v) => ({ value: v, displayValue: v === null ? null : String(v) });
const record = (apiName, id, fields) => ({
  apiName,
  id,
  fields: Object.fromEntries(Object.entries({ Id: id, ...fields }).map(([k, v]) => [k, value(v)])),
});

const NO_OVERRIDE = {
  Health_Override_Status__c: null,
  Health_Override_Reason__c: null,
  Health_Override_Until__c: null,
};
const COMPUTED = {
  Health_Scorecard_Version__c: '2026.12-1+3fa2c1',
  Health_Computed_At__c: '2026-12-03T06:00:00.000Z',
};

export const ACCOUNTS = {
  '001000000000001AAA': {
    Health_Score__c: 58.4,
    Health_Status__c: 'yellow',
    Health_Trend_30d__c: -9.6,
    Health_Drivers__c: [
      'Open bugs (weighted): 14 across 6 issues, 2 blockers (target 5)',
      'First response time: 9.5 h median over 41 tickets (target 4 h)',
      'CSAT: 78% over 23 ratings (target 90%)',
    ].join('\n'),
    ...COMPUTED,
    ...NO_OVERRIDE,
  },
  '001000000000002AAA': {
    Health_Score__c: 81,
    Health_Status__c: 'red',
    Health_Trend_30d__c: 2.5,
    Health_Drivers__c: [
      'Overridden by 005000000000001 until 2026-12-31: Champion left; renewal in January at risk',
      'Nothing below target',
      'Strengths: CSAT: 96% over 52 ratings (target 90%)',
      'Abandoned calls: 2% over 310 calls (target 5%)',
    ].join('\n'),
    ...COMPUTED,
    Health_Override_Status__c: 'red',
    Health_Override_Reason__c: 'Champion left; renewal in January at risk',
    Health_Override_Until__c: '2026-12-31',
  },
  '001000000000003AAA': {
    Health_Score__c: null,
    Health_Status__c: 'insufficient_data',
    Health_Trend_30d__c: null,
    Health_Drivers__c: [
      'Not enough data: 35% of the scorecard weight has data (needs 60%)',
      'CSAT: not enough data (2 ratings, needs 5)',
      'First response time: not enough data (1 ticket, needs 3)',
    ].join('\n'),
    ...COMPUTED,
    ...NO_OVERRIDE,
  },
};

// Monday of ISO week `w` of 2026 (week 1 starts on 2025-12-29).
const weekStart = (w) =>
  new Date(Date.UTC(2025, 11, 29) + (w - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
const statusOf = (s) => (s === null ? 'insufficient_data' : s >= 70 ? 'green' : s >= 50 ? 'yellow' : 'red');

function weeks(scores, firstWeek, rebuiltUntil) {
  return scores.map((score, i) => {
    const w = firstWeek + i;
    return {
      Week__c: `2026-W${String(w).padStart(2, '0')}`,
      Week_Start__c: weekStart(w),
      Score__c: score,
      Status__c: statusOf(score),
      Scorecard_Version__c: '2026.12-1+3fa2c1',
      Rebuilt__c: w <= rebuiltUntil,
    };
  });
}

// The same account with its override form open (the screenshot script opens it).
ACCOUNTS['001000000000004AAA'] = ACCOUNTS['001000000000001AAA'];

export const SNAPSHOTS = {
  '001000000000001AAA': weeks([74, 75.5, 73, 76, 72.5, 70, 71, 68, 66.5, 69, 64, 61, 59.5, 58.4], 36, 39),
  '001000000000002AAA': weeks([76, 77.5, 79, 78, 80, 78.5, 81], 43, 0),
  '001000000000003AAA': [],
};
SNAPSHOTS['001000000000004AAA'] = SNAPSHOTS['001000000000001AAA'];

export const accountRecord = (id) => record('Account', id, ACCOUNTS[id]);

/** Newest first, as getRelatedListRecords returns them with sortBy -Week_Start__c. */
export const snapshotPage = (id) => {
  const rows = [...SNAPSHOTS[id]].reverse();
  return {
    count: rows.length,
    records: rows.map((r, i) => record('Health_Snapshot__c', `a01${id.slice(3, 15)}${i}`, r)),
  };
};
