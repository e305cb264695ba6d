import { parseDrivers } from '../driversText';

describe('parseDrivers', () => {
  it('reads nothing from an empty field', () => {
    expect(parseDrivers(null)).toMatchObject({ pullingDown: [], strengths: [], overrideLine: null });
    expect(parseDrivers('  ')).toMatchObject({ pullingDown: [], strengths: [] });
  });

  it('reads the one-line form of a text field', () => {
    expect(parseDrivers('Nothing below target; Strengths: CSAT: 96%; Open bugs: 0; …')).toMatchObject({
      nothingBelowTarget: true,
      pullingDown: [],
      strengths: ['CSAT: 96%', 'Open bugs: 0'],
      truncated: true,
    });
  });

  it('takes an override line only in first place', () => {
    const parsed = parseDrivers('Overridden by 005 until cleared: no reason given\nCSAT: 60%');
    expect(parsed.overrideLine).toBe('Overridden by 005 until cleared: no reason given');
    expect(parsed.pullingDown).toEqual(['CSAT: 60%']);
    expect(parseDrivers('CSAT: 60%\nOverridden by x').pullingDown).toEqual(['CSAT: 60%', 'Overridden by x']);
  });
});
