import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, updateRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import ID from '@salesforce/schema/Account.Id';
import SCORE from '@salesforce/schema/Account.Health_Score__c';
import STATUS from '@salesforce/schema/Account.Health_Status__c';
import TREND_30D from '@salesforce/schema/Account.Health_Trend_30d__c';
import DRIVERS from '@salesforce/schema/Account.Health_Drivers__c';
import VERSION from '@salesforce/schema/Account.Health_Scorecard_Version__c';
import COMPUTED_AT from '@salesforce/schema/Account.Health_Computed_At__c';
import OVERRIDE_STATUS from '@salesforce/schema/Account.Health_Override_Status__c';
import OVERRIDE_REASON from '@salesforce/schema/Account.Health_Override_Reason__c';
import OVERRIDE_UNTIL from '@salesforce/schema/Account.Health_Override_Until__c';
import { parseDrivers } from './driversText';
import { OVERRIDE_STATUSES, overrideState, statusView, trendView, utcDay } from './healthState';
import { HEIGHT, WIDTH, sparkline } from './sparkline';

const FIELDS = [
  SCORE,
  STATUS,
  TREND_30D,
  DRIVERS,
  VERSION,
  COMPUTED_AT,
  OVERRIDE_STATUS,
  OVERRIDE_REASON,
  OVERRIDE_UNTIL,
];

// Health_Snapshot__c rows, one per account per ISO week; health-sync keeps 26 by default.
const SNAPSHOTS = 'Health_Snapshots__r';
const SNAPSHOT_FIELDS = [
  'Health_Snapshot__c.Id',
  'Health_Snapshot__c.Week__c',
  'Health_Snapshot__c.Week_Start__c',
  'Health_Snapshot__c.Score__c',
  'Health_Snapshot__c.Status__c',
  'Health_Snapshot__c.Scorecard_Version__c',
  'Health_Snapshot__c.Rebuilt__c',
];
const WEEKS = 26;
const REASON_MAX = 255;
// The gauge's arc, drawn with pathLength 100 so a score is its own dash length.
const GAUGE_ARC = 'M 12 62 A 48 48 0 0 1 108 62';

const fieldValue = (record, field) => record.fields[field]?.value ?? null;

/** LDS errors come as { body: { message } } or { body: [{ message }] }; fetch errors as Error. */
function errorText(error) {
  if (!error) return 'Unknown error';
  const body = error.body;
  if (Array.isArray(body))
    return (
      body
        .map((e) => e.message)
        .filter(Boolean)
        .join(', ') || 'Unknown error'
    );
  if (body && typeof body.message === 'string') return body.message;
  if (typeof error.message === 'string') return error.message;
  return 'Unknown error';
}

export default class AccountHealth extends LightningElement {
  @api recordId;

  account;
  accountError;
  snapshots;
  snapshotsError;
  editing = false;
  saving = false;
  saveError;
  draft = { status: '', reason: '', until: '' };
  draftError;

  gaugeArc = GAUGE_ARC;
  sparkViewBox = `0 0 ${WIDTH} ${HEIGHT}`;
  reasonMax = REASON_MAX;

  @wire(getRecord, { recordId: '$recordId', fields: FIELDS })
  wiredAccount({ data, error }) {
    this.account = data;
    this.accountError = error;
  }

  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: SNAPSHOTS,
    fields: SNAPSHOT_FIELDS,
    sortBy: ['-Health_Snapshot__c.Week_Start__c'],
    pageSize: WEEKS,
  })
  wiredSnapshots({ data, error }) {
    this.snapshots = data;
    this.snapshotsError = error;
  }

  // ----- states -----

  get isLoading() {
    return !this.account && !this.accountError;
  }

  get errorMessage() {
    return this.accountError ? errorText(this.accountError) : null;
  }

  get score() {
    return getFieldValue(this.account, SCORE) ?? null;
  }

  get status() {
    return getFieldValue(this.account, STATUS) ?? null;
  }

  get computedAt() {
    return getFieldValue(this.account, COMPUTED_AT) ?? null;
  }

  get notScoredYet() {
    return this.score === null && this.status === null && this.computedAt === null;
  }

  get insufficientData() {
    return statusView(this.status).status === 'insufficient_data';
  }

  get hasScore() {
    return typeof this.score === 'number';
  }

  // ----- the score -----

  formatNumber = (n) => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(n);

  get scoreText() {
    return this.hasScore ? this.formatNumber(this.score) : '—';
  }

  get override() {
    if (!this.account) return { kind: 'none' };
    return overrideState(
      {
        status: getFieldValue(this.account, OVERRIDE_STATUS),
        reason: getFieldValue(this.account, OVERRIDE_REASON),
        until: getFieldValue(this.account, OVERRIDE_UNTIL),
      },
      utcDay(Date.now()),
    );
  }

  /** While an override holds its status is the account's, whatever health-sync last wrote. */
  get shownStatus() {
    const o = this.override;
    return statusView(o.kind === 'in_force' ? o.status : this.status);
  }

  get statusLabel() {
    const label = this.shownStatus.label;
    return this.override.kind === 'in_force' ? `${label} (override)` : label;
  }

  get badgeClass() {
    return this.shownStatus.badgeClass;
  }

  get gaugeValueClass() {
    return `gauge-value tone_${this.shownStatus.status}`;
  }

  get gaugeDash() {
    const s = this.hasScore ? Math.max(0, Math.min(100, this.score)) : 0;
    return `${s} 100`;
  }

  get gaugeLabel() {
    if (!this.hasScore) return `No score. Status: ${this.statusLabel}`;
    return `Health score ${this.scoreText} out of 100. Status: ${this.statusLabel}`;
  }

  get trend() {
    return trendView(getFieldValue(this.account, TREND_30D), this.formatNumber);
  }

  get trendClass() {
    return `trend trend_${this.trend.direction}`;
  }

  // ----- drivers -----

  get drivers() {
    const parsed = parseDrivers(getFieldValue(this.account, DRIVERS));
    const list = (items, prefix) => items.map((text, i) => ({ key: `${prefix}-${i}`, text }));
    return {
      ...parsed,
      pullingDownItems: list(parsed.pullingDown, 'down'),
      strengthItems: list(parsed.strengths, 'up'),
    };
  }

  get noDataReason() {
    return this.drivers.notEnoughData;
  }

  get hasPullingDown() {
    return this.drivers.pullingDown.length > 0;
  }

  get hasStrengths() {
    return this.drivers.strengths.length > 0;
  }

  get showNothingBelowTarget() {
    return !this.hasPullingDown && this.hasScore && !this.insufficientData;
  }

  get pullingDownHeading() {
    return this.insufficientData ? 'Measures without enough data' : 'Pulling down';
  }

  // ----- version and time -----

  get scorecardVersion() {
    return getFieldValue(this.account, VERSION);
  }

  get computedAtText() {
    const at = this.computedAt;
    if (!at) return null;
    return new Intl.DateTimeFormat(LOCALE, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: TIME_ZONE,
    }).format(new Date(at));
  }

  // ----- weekly history -----

  get weeks() {
    const records = this.snapshots?.records ?? [];
    return records
      .map((r) => ({
        key: r.id ?? fieldValue(r, 'Week__c'),
        week: fieldValue(r, 'Week__c'),
        weekStart: fieldValue(r, 'Week_Start__c'),
        score: fieldValue(r, 'Score__c'),
        status: statusView(fieldValue(r, 'Status__c')).status,
        statusLabel: statusView(fieldValue(r, 'Status__c')).label,
        rebuilt: fieldValue(r, 'Rebuilt__c') === true,
        version: fieldValue(r, 'Scorecard_Version__c'),
      }))
      .sort((a, b) => (a.weekStart ?? a.week ?? '').localeCompare(b.weekStart ?? b.week ?? ''))
      .map((w) => ({
        ...w,
        scoreText: typeof w.score === 'number' ? this.formatNumber(w.score) : 'No score',
      }));
  }

  get historyLoading() {
    return !this.snapshots && !this.snapshotsError;
  }

  get historyError() {
    return this.snapshotsError ? errorText(this.snapshotsError) : null;
  }

  get spark() {
    return sparkline(this.weeks);
  }

  get noHistory() {
    return !!this.snapshots && this.spark === null;
  }

  get hasRebuilt() {
    return this.weeks.some((w) => w.rebuilt);
  }

  // ----- the override -----

  get overrideInForce() {
    return this.override.kind === 'in_force';
  }

  get overrideLapsed() {
    return this.override.kind === 'lapsed';
  }

  get hasOverride() {
    return this.override.kind !== 'none';
  }

  get overrideStatusLabel() {
    return statusView(this.override.status).label;
  }

  get overrideBadgeClass() {
    return statusView(this.override.status).badgeClass;
  }

  /** The override's last day as the CSM picked it: a date, so formatted in UTC, not shifted. */
  get overrideLastDay() {
    const until = this.override.until;
    if (!until) return null;
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${until}T00:00:00Z`),
    );
  }

  get overrideUntilText() {
    return this.override.until ? `through ${this.overrideLastDay}` : 'until a CSM clears it';
  }

  get overrideReason() {
    return this.override.reason ?? 'No reason given';
  }

  get statusOptions() {
    return OVERRIDE_STATUSES.map((value) => ({
      value,
      label: statusView(value).label,
      selected: this.draft.status === value,
    }));
  }

  get noStatusChosen() {
    return this.draft.status === '';
  }

  get todayUtc() {
    return utcDay(Date.now());
  }

  get setButtonLabel() {
    return this.overrideInForce ? 'Change override' : 'Set override';
  }

  get statusInvalid() {
    return this.draftError ? 'true' : 'false';
  }

  get statusFieldClass() {
    return `slds-form-element${this.draftError ? ' slds-has-error' : ''}`;
  }

  startEditing() {
    const o = this.override;
    this.draft = {
      status: o.kind === 'in_force' ? o.status : '',
      reason: o.kind === 'in_force' ? (o.reason ?? '') : '',
      until: o.kind === 'in_force' ? (o.until ?? '') : '',
    };
    this.draftError = null;
    this.saveError = null;
    this.editing = true;
    // Keyboard users land on the form's first field, and back on the button after it closes.
    requestAnimationFrame(() => this.template.querySelector('[data-id="override-status"]')?.focus());
  }

  stopEditing() {
    this.editing = false;
    requestAnimationFrame(() => this.template.querySelector('[data-id="override-open"]')?.focus());
  }

  handleDraft(event) {
    const name = event.target.name;
    this.draft = { ...this.draft, [name]: event.target.value };
    if (name === 'status') this.draftError = null;
  }

  handleKeydown(event) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.stopEditing();
    }
  }

  async handleSave(event) {
    event.preventDefault();
    const status = this.draft.status;
    const until = this.draft.until;
    if (!OVERRIDE_STATUSES.includes(status)) {
      this.draftError = 'Choose the status to show.';
      return;
    }
    if (until && until < this.todayUtc) {
      this.draftError = 'The last day must be today or later.';
      return;
    }
    const reason = this.draft.reason.trim().slice(0, REASON_MAX);
    const saved = await this.save(
      { status, reason: reason === '' ? null : reason, until: until === '' ? null : until },
      `Health shows ${statusView(status).label} ${until ? `through ${until}` : 'until cleared'}.`,
    );
    if (saved) this.stopEditing();
  }

  async handleClear() {
    const saved = await this.save({ status: null, reason: null, until: null }, 'Override cleared.');
    if (saved) this.stopEditing();
  }

  async save({ status, reason, until }, message) {
    this.saving = true;
    this.saveError = null;
    try {
      await updateRecord({
        fields: {
          [ID.fieldApiName]: this.recordId,
          [OVERRIDE_STATUS.fieldApiName]: status,
          [OVERRIDE_REASON.fieldApiName]: reason,
          [OVERRIDE_UNTIL.fieldApiName]: until,
        },
      });
      this.dispatchEvent(new ShowToastEvent({ title: 'Health override saved', message, variant: 'success' }));
      return true;
    } catch (error) {
      this.saveError = `The override was not saved: ${errorText(error)}`;
      return false;
    } finally {
      this.saving = false;
    }
  }
}
