// Reads the text health-sync writes to Health_Drivers__c (src/writeback/drivers-text.ts): one item
// a line in a long text area ("; " in a one-line text field). The wording below is health-sync's;
// change both together.
const OVERRIDE_PREFIX = 'Overridden by ';
const NOTHING_BELOW_TARGET = 'Nothing below target';
const STRENGTHS_PREFIX = 'Strengths: ';
const NOT_ENOUGH_DATA_PREFIX = 'Not enough data: ';
// health-sync ends a list that lost items to the field's length with this item.
const MORE = '…';

function items(text) {
  const separator = text.includes('\n') ? '\n' : '; ';
  return text
    .split(separator)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The drivers field as parts the card shows. A scored account names what pulls it down; one with
 * nothing below target says so and then names its strengths; one without a score says why first
 * ("Not enough data: …") and then the measures that lack data. An override's line comes first.
 * @param {string|null|undefined} text
 */
export function parseDrivers(text) {
  const parsed = {
    overrideLine: null,
    notEnoughData: null,
    pullingDown: [],
    strengths: [],
    nothingBelowTarget: false,
    truncated: false,
  };
  if (typeof text !== 'string' || text.trim() === '') return parsed;
  let list = parsed.pullingDown;
  items(text).forEach((line, index) => {
    if (index === 0 && line.startsWith(OVERRIDE_PREFIX)) {
      parsed.overrideLine = line;
    } else if (line === MORE) {
      parsed.truncated = true;
    } else if (line === NOTHING_BELOW_TARGET) {
      parsed.nothingBelowTarget = true;
      list = parsed.strengths;
    } else if (line.startsWith(STRENGTHS_PREFIX)) {
      list = parsed.strengths;
      list.push(line.slice(STRENGTHS_PREFIX.length));
    } else if (line.startsWith(NOT_ENOUGH_DATA_PREFIX) && parsed.notEnoughData === null) {
      parsed.notEnoughData = line.slice(NOT_ENOUGH_DATA_PREFIX.length);
    } else {
      list.push(line);
    }
  });
  return parsed;
}
