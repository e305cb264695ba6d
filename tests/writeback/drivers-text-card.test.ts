import { describe, expect, test } from 'vitest';
import { driversText } from '../../src/writeback/drivers-text.ts';
import { overrideLine } from '../../src/writeback/overrides.ts';

// The Account Health card (a Lightning Web Component, plain JavaScript for the platform) reads the
// drivers field health-sync writes. This pins the two sides together: what driversText writes, the
// card's parser reads back item for item.
interface Parsed {
  overrideLine: string | null;
  notEnoughData: string | null;
  pullingDown: string[];
  strengths: string[];
  nothingBelowTarget: boolean;
  truncated: boolean;
}
const CARD_PARSER = '../../connectors/salesforce/org/force-app/main/default/lwc/accountHealth/driversText.js';
const { parseDrivers } = (await import(CARD_PARSER)) as { parseDrivers: (text: string | null) => Parsed };

const CSAT = 'CSAT 71% over 38 ratings (target 90%)';
const SLA = 'SLA adherence 80% over 120 tickets (target 95%)';
const CALLS = 'Abandoned calls 2% over 300 calls (target 5%)';

describe.each([
  ['a long text area', false],
  ['a one-line text field', true],
])('the card reads the drivers health-sync writes to %s', (_field, oneLine) => {
  test('what pulls the score down', () => {
    const text = driversText({ status: 'red', drivers: [CSAT, SLA], strengths: [CALLS] }, oneLine, 32_768);
    expect(parseDrivers(text)).toMatchObject({
      pullingDown: [CSAT, SLA],
      strengths: [],
      nothingBelowTarget: false,
    });
  });

  test('nothing below target, then the strengths', () => {
    const text = driversText({ status: 'green', drivers: [], strengths: [CALLS, SLA] }, oneLine, 32_768);
    expect(parseDrivers(text)).toMatchObject({
      pullingDown: [],
      strengths: [CALLS, SLA],
      nothingBelowTarget: true,
    });
  });

  test('why there is no score', () => {
    const reason = 'Not enough data: 35% of the scorecard weight has data (needs 60%)';
    const missing = 'CSAT: not enough data (2 ratings, needs 5)';
    const text = driversText(
      { status: 'insufficient_data', drivers: [reason, missing], strengths: [] },
      oneLine,
      32_768,
    );
    expect(parseDrivers(text)).toMatchObject({
      notEnoughData: '35% of the scorecard weight has data (needs 60%)',
      pullingDown: [missing],
    });
  });

  test("an override's line first, kept apart from the drivers", () => {
    const lead = overrideLine({
      status: 'red',
      reason: 'Champion left',
      until: '2026-12-31',
      owner: '005000000000001',
    });
    const text = driversText({ status: 'red', drivers: [CSAT], strengths: [] }, oneLine, 32_768, lead);
    expect(parseDrivers(text)).toMatchObject({ overrideLine: lead, pullingDown: [CSAT] });
  });

  test('a list cut to the field, marked as cut', () => {
    const text = driversText(
      { status: 'red', drivers: [CSAT, SLA, CALLS], strengths: [] },
      oneLine,
      CSAT.length + 5,
    );
    expect(parseDrivers(text)).toMatchObject({ pullingDown: [CSAT], truncated: true });
  });
});
