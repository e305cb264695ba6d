// Pure view logic of the card: statuses, the override's state, the trend. No LWC imports, so the
// Jest tests call it directly.

const STATUS_LABELS = {
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
  insufficient_data: 'Not enough data',
};

// SLDS badge themes: each pairs its background with a text colour that meets WCAG AA.
const BADGE_THEMES = {
  green: 'slds-theme_success',
  yellow: 'slds-theme_warning',
  red: 'slds-theme_error',
};

export const OVERRIDE_STATUSES = ['green', 'yellow', 'red'];

const normal = (value) => (typeof value === 'string' ? value.trim().toLowerCase() : '');

/** The label, badge class and colour tone of a status value (unknown values show as written). */
export function statusView(value) {
  const status = normal(value);
  const known = Object.prototype.hasOwnProperty.call(STATUS_LABELS, status);
  return {
    status: known ? status : 'unknown',
    label: known ? STATUS_LABELS[status] : value || 'Not scored',
    badgeClass: `slds-badge ${BADGE_THEMES[status] || ''}`.trim(),
  };
}

/**
 * The CSM's override as health-sync reads it (src/writeback/overrides.ts): in force while its
 * status is green, yellow or red and its until-day is today or later (UTC), or has no until-day;
 * lapsed once that day has passed while the fields are still set.
 * @param {{status: unknown, reason: unknown, until: unknown}} fields
 * @param {string} todayUtc YYYY-MM-DD
 */
export function overrideState(fields, todayUtc) {
  const status = normal(fields.status);
  if (!OVERRIDE_STATUSES.includes(status)) return { kind: 'none' };
  const reason =
    typeof fields.reason === 'string' && fields.reason.trim() !== '' ? fields.reason.trim() : null;
  const until =
    typeof fields.until === 'string' && /^\d{4}-\d{2}-\d{2}/.test(fields.until)
      ? fields.until.slice(0, 10)
      : null;
  const kind = until !== null && until < todayUtc ? 'lapsed' : 'in_force';
  return { kind, status, reason, until };
}

/** The 30-day trend as text with its direction; null when health-sync has no score 30 days back. */
export function trendView(trend, formatNumber) {
  if (typeof trend !== 'number' || Number.isNaN(trend)) {
    return { direction: 'none', text: 'No 30-day trend yet', label: 'No 30-day trend yet', arrow: '' };
  }
  if (trend === 0) {
    return { direction: 'flat', text: 'No change in 30 days', label: 'No change over 30 days', arrow: '→' };
  }
  const points = formatNumber(Math.abs(trend));
  const up = trend > 0;
  return {
    direction: up ? 'up' : 'down',
    text: `${up ? '+' : '−'}${points} in 30 days`,
    label: `${up ? 'Up' : 'Down'} ${points} points over 30 days`,
    arrow: up ? '▲' : '▼',
  };
}

/** Today's date in UTC (YYYY-MM-DD): the day health-sync compares an override's until-day with. */
export const utcDay = (epochMs) => new Date(epochMs).toISOString().slice(0, 10);
