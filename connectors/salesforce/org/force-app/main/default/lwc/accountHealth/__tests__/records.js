// Builders for the shapes Lightning Data Service emits: getRecord's record and
// getRelatedListRecords' page of Health_Snapshot__c rows.

const ACCOUNT_ID = '001000000000001AAA';

const value = (v) => ({ value: v, displayValue: v === null ? null : String(v) });

export function account(fields = {}) {
  const all = {
    Health_Score__c: 72.5,
    Health_Status__c: 'green',
    Health_Trend_30d__c: -3.2,
    Health_Drivers__c: 'Open bugs (weighted): 14 (target 5)\nFirst response time: 9.5 h (target 4 h)',
    Health_Scorecard_Version__c: '2026.12-1+3fa2c1',
    Health_Computed_At__c: '2026-12-03T06:00:00.000Z',
    Health_Override_Status__c: null,
    Health_Override_Reason__c: null,
    Health_Override_Until__c: null,
    ...fields,
  };
  return {
    apiName: 'Account',
    id: ACCOUNT_ID,
    fields: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, value(v)])),
  };
}

export function snapshots(rows) {
  return {
    count: rows.length,
    listReference: { relatedListId: 'Health_Snapshots__r', parentObjectApiName: 'Account' },
    records: rows.map((r, i) => ({
      apiName: 'Health_Snapshot__c',
      id: `a01000000000${String(i).padStart(3, '0')}AAA`,
      fields: {
        Id: value(`a01000000000${String(i).padStart(3, '0')}AAA`),
        Week__c: value(r.week),
        Week_Start__c: value(r.weekStart),
        Score__c: value(r.score ?? null),
        Status__c: value(r.status ?? null),
        Scorecard_Version__c: value('2026.12-1+3fa2c1'),
        Rebuilt__c: value(r.rebuilt ?? false),
      },
    })),
  };
}

// Newest first, as the card asks for them (sortBy -Week_Start__c).
export const THREE_WEEKS = [
  { week: '2026-W49', weekStart: '2026-11-30', score: 72.5, status: 'green' },
  { week: '2026-W48', weekStart: '2026-11-23', score: 68, status: 'yellow' },
  { week: '2026-W47', weekStart: '2026-11-16', score: 75.7, status: 'green', rebuilt: true },
];

export { ACCOUNT_ID };
