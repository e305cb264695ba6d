import { createElement } from 'lwc';
import AccountHealth from 'c/accountHealth';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { ACCOUNT_ID, THREE_WEEKS, account, snapshots } from './records';

// The card decides whether an override is in force against today (UTC): pin it.
const NOW = Date.parse('2026-12-03T09:00:00Z');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount() {
  const element = createElement('c-account-health', { is: AccountHealth });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  return element;
}

const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const texts = (element, id) => Array.from($(element, id).querySelectorAll('li')).map((li) => li.textContent);
const squash = (node) => node.textContent.replace(/\s+/g, ' ').trim();

async function render(fields, rows = THREE_WEEKS) {
  const element = mount();
  getRecord.emit(account(fields));
  if (rows !== undefined) getRelatedListRecords.emit(snapshots(rows));
  await flush();
  return element;
}

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.restoreAllMocks();
  updateRecord.mockReset();
  updateRecord.mockResolvedValue({});
});

describe('c-account-health', () => {
  it('shows a spinner until the record arrives', () => {
    const element = mount();
    expect($(element, 'loading')).not.toBeNull();
    expect(squash($(element, 'loading'))).toBe('Loading account health');
  });

  it('asks LDS for the health fields and the 26 newest weekly snapshots', async () => {
    await render({});
    expect(getRecord.getLastConfig()).toEqual({
      recordId: ACCOUNT_ID,
      fields: expect.arrayContaining([
        { objectApiName: 'Account', fieldApiName: 'Health_Score__c' },
        { objectApiName: 'Account', fieldApiName: 'Health_Drivers__c' },
        { objectApiName: 'Account', fieldApiName: 'Health_Override_Until__c' },
      ]),
    });
    expect(getRelatedListRecords.getLastConfig()).toMatchObject({
      parentRecordId: ACCOUNT_ID,
      relatedListId: 'Health_Snapshots__r',
      sortBy: ['-Health_Snapshot__c.Week_Start__c'],
      pageSize: 26,
    });
  });

  it('shows the score, its status, the trend, the drivers, the version and when it was computed', async () => {
    const element = await render({});
    expect(squash($(element, 'score'))).toBe('72.5');
    expect($(element, 'gauge').getAttribute('aria-label')).toBe(
      'Health score 72.5 out of 100. Status: Green',
    );
    expect(squash($(element, 'status-badge'))).toBe('Green');
    expect($(element, 'status-badge').className).toContain('slds-theme_success');
    expect($(element, 'trend').className).toContain('trend_down');
    // Seen: the arrow and the signed change; heard: the words.
    expect($(element, 'trend').querySelector('[aria-hidden="true"]').textContent).toBe('▼ −3.2 in 30 days');
    expect($(element, 'trend').querySelector('.slds-assistive-text').textContent).toBe(
      'Down 3.2 points over 30 days',
    );
    expect(texts(element, 'pulling-down')).toEqual([
      'Open bugs (weighted): 14 (target 5)',
      'First response time: 9.5 h (target 4 h)',
    ]);
    expect($(element, 'strengths')).toBeNull();
    // The stub time zone of @salesforce/i18n/timeZone is America/Los_Angeles: 06:00 UTC is 10 PM the day before.
    expect(squash($(element, 'provenance'))).toBe(
      'Scorecard 2026.12-1+3fa2c1 · computed Dec 2, 2026, 10:00 PM',
    );
    expect($(element, 'provenance').querySelector('time').getAttribute('datetime')).toBe(
      '2026-12-03T06:00:00.000Z',
    );
  });

  it('draws the weekly snapshots oldest first, hollow where rebuilt, with a table for screen readers', async () => {
    const element = await render({});
    const dots = Array.from($(element, 'sparkline').querySelectorAll('circle'));
    expect(dots.map((d) => d.getAttribute('class'))).toEqual([
      'dot dot_green dot_rebuilt',
      'dot dot_yellow',
      'dot dot_green',
    ]);
    const xs = dots.map((d) => Number(d.getAttribute('cx')));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // The lowest score sits lowest (largest y).
    expect(Number(dots[1].getAttribute('cy'))).toBeGreaterThan(Number(dots[0].getAttribute('cy')));
    expect($(element, 'sparkline').getAttribute('aria-label')).toBe(
      'Weekly score, 3 weeks from 2026-W47 to 2026-W49: lowest 68, highest 75.7, latest 72.5',
    );
    const rows = Array.from($(element, 'history-table').querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.children, (cell) => cell.textContent).join(' '),
    );
    expect(rows).toEqual(['2026-W47 75.7 Green', '2026-W48 68 Yellow', '2026-W49 72.5 Green']);
  });

  it('names the strengths when nothing is below target', async () => {
    const element = await render({
      Health_Score__c: 91,
      Health_Trend_30d__c: 4,
      Health_Drivers__c:
        'Nothing below target\nStrengths: CSAT: 96% (target 90%)\nOpen bugs (weighted): 0 (target 5)',
    });
    expect($(element, 'pulling-down')).toBeNull();
    expect(squash($(element, 'nothing-below'))).toBe('Nothing below target');
    expect(texts(element, 'strengths')).toEqual([
      'CSAT: 96% (target 90%)',
      'Open bugs (weighted): 0 (target 5)',
    ]);
    expect($(element, 'trend').className).toContain('trend_up');
    expect(squash($(element, 'trend'))).toContain('+4 in 30 days');
  });

  it('says when the drivers field was full', async () => {
    const element = await render({ Health_Drivers__c: 'Open bugs (weighted): 14 (target 5)\n…' });
    expect(texts(element, 'pulling-down')).toEqual(['Open bugs (weighted): 14 (target 5)']);
    expect($(element, 'truncated')).not.toBeNull();
  });

  it('says there is no history yet when the account has no snapshot', async () => {
    const element = await render({}, []);
    expect(squash($(element, 'no-history'))).toBe(
      'No weekly history yet: health-sync adds one point a week.',
    );
    expect($(element, 'sparkline')).toBeNull();
    expect(squash($(element, 'score'))).toBe('72.5');
  });

  it('keeps the card when the history cannot be read', async () => {
    const element = mount();
    getRecord.emit(account({}));
    getRelatedListRecords.error({ message: 'You do not have access to Health Snapshot' });
    await flush();
    expect(squash($(element, 'history-error'))).toContain('could not be loaded');
    expect(squash($(element, 'score'))).toBe('72.5');
  });

  it('shows an override in force: its status, its last day and its reason, over the written status', async () => {
    const element = await render({
      Health_Status__c: 'green',
      Health_Override_Status__c: 'red',
      Health_Override_Reason__c: 'Champion left; renewal at risk',
      Health_Override_Until__c: '2026-12-31',
      Health_Drivers__c:
        'Overridden by 005000000000001 until 2026-12-31: Champion left; renewal at risk\nOpen bugs (weighted): 14 (target 5)',
    });
    expect(squash($(element, 'status-badge'))).toBe('Red (override)');
    expect($(element, 'status-badge').className).toContain('slds-theme_error');
    expect(squash($(element, 'override-in-force'))).toContain(
      "Red set by the account's CSM, through Dec 31, 2026.",
    );
    expect(squash($(element, 'override-in-force'))).toContain('Reason: Champion left; renewal at risk');
    // The override's line is health-sync's echo of the fields, not a driver.
    expect(texts(element, 'pulling-down')).toEqual(['Open bugs (weighted): 14 (target 5)']);
    expect(squash($(element, 'override-open'))).toBe('Change override');
    expect($(element, 'override-clear')).not.toBeNull();
  });

  it('holds an override without a last day until it is cleared, and shows it on its last day', async () => {
    let element = await render({ Health_Override_Status__c: 'yellow' });
    expect(squash($(element, 'override-in-force'))).toContain(
      "Yellow set by the account's CSM, until a CSM clears it.",
    );
    expect(squash($(element, 'override-in-force'))).toContain('Reason: No reason given');
    document.body.removeChild(element);
    element = await render({ Health_Override_Status__c: 'red', Health_Override_Until__c: '2026-12-03' });
    expect($(element, 'override-in-force')).not.toBeNull();
  });

  it('says when an override has lapsed and shows the written status again', async () => {
    const element = await render({
      Health_Status__c: 'yellow',
      Health_Override_Status__c: 'green',
      Health_Override_Until__c: '2026-12-02',
    });
    expect(squash($(element, 'status-badge'))).toBe('Yellow');
    expect(squash($(element, 'override-lapsed'))).toContain('The override to Green ended after Dec 2, 2026');
    expect($(element, 'override-clear')).not.toBeNull();
  });

  it('shows why there is no score when data is insufficient', async () => {
    const element = await render(
      {
        Health_Score__c: null,
        Health_Status__c: 'insufficient_data',
        Health_Trend_30d__c: null,
        Health_Drivers__c:
          'Not enough data: 35% of the scorecard weight has data (needs 60%)\nCSAT: not enough data (2 ratings, needs 5)\nFirst response time: not enough data (1 ticket, needs 3)',
      },
      [],
    );
    expect(squash($(element, 'status-badge'))).toBe('Not enough data');
    expect($(element, 'gauge').getAttribute('aria-label')).toBe('No score. Status: Not enough data');
    expect($(element, 'gauge').querySelector('.gauge-value')).toBeNull();
    expect(squash($(element, 'score'))).toBe('—');
    expect(squash($(element, 'trend'))).toContain('No 30-day trend yet');
    expect(squash($(element, 'no-data-reason'))).toBe(
      'Not enough data: 35% of the scorecard weight has data (needs 60%)',
    );
    expect(element.shadowRoot.querySelector('#down-title, [id^="down-title"]').textContent).toBe(
      'Measures without enough data',
    );
    expect(texts(element, 'pulling-down')).toEqual([
      'CSAT: not enough data (2 ratings, needs 5)',
      'First response time: not enough data (1 ticket, needs 3)',
    ]);
    expect($(element, 'nothing-below')).toBeNull();
  });

  it('says the account is not scored yet before health-sync first writes it', async () => {
    const element = await render(
      {
        Health_Score__c: null,
        Health_Status__c: null,
        Health_Trend_30d__c: null,
        Health_Drivers__c: null,
        Health_Scorecard_Version__c: null,
        Health_Computed_At__c: null,
      },
      [],
    );
    expect($(element, 'not-scored')).not.toBeNull();
    expect($(element, 'gauge')).toBeNull();
    expect(squash($(element, 'status-badge'))).toBe('Not scored');
    expect($(element, 'override-none')).not.toBeNull();
  });

  it('shows the error when the record cannot be read', async () => {
    const element = mount();
    getRecord.error({ message: 'No such column Health_Score__c on entity Account' });
    await flush();
    expect($(element, 'error').getAttribute('role')).toBe('alert');
    expect(squash($(element, 'error'))).toContain(
      'Account health could not be loaded: No such column Health_Score__c on entity Account',
    );
    expect($(element, 'override-open')).toBeNull();
  });
});

describe('c-account-health override', () => {
  async function openForm(element) {
    $(element, 'override-open').click();
    await flush();
    return $(element, 'override-form');
  }

  function fill(element, id, text, eventName) {
    const field = $(element, id);
    field.value = text;
    field.dispatchEvent(new CustomEvent(eventName));
  }

  it('sets an override with updateRecord: status, reason and last day', async () => {
    const element = await render({});
    expect(squash($(element, 'override-none'))).toContain('None.');
    const form = await openForm(element);
    expect($(element, 'override-until').getAttribute('min')).toBe('2026-12-03');
    fill(element, 'override-status', 'red', 'change');
    fill(element, 'override-reason', '  Champion left; renewal at risk ', 'input');
    fill(element, 'override-until', '2026-12-31', 'change');
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect(updateRecord).toHaveBeenCalledTimes(1);
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: ACCOUNT_ID,
        Health_Override_Status__c: 'red',
        Health_Override_Reason__c: 'Champion left; renewal at risk',
        Health_Override_Until__c: '2026-12-31',
      },
    });
    expect($(element, 'override-form')).toBeNull();
  });

  it('sets an override without a reason or a last day as nulls', async () => {
    const element = await render({});
    const form = await openForm(element);
    fill(element, 'override-status', 'yellow', 'change');
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: ACCOUNT_ID,
        Health_Override_Status__c: 'yellow',
        Health_Override_Reason__c: null,
        Health_Override_Until__c: null,
      },
    });
  });

  it('starts a change from the override in force', async () => {
    const element = await render({
      Health_Override_Status__c: 'red',
      Health_Override_Reason__c: 'Escalation',
      Health_Override_Until__c: '2026-12-31',
    });
    await openForm(element);
    expect($(element, 'override-status').value).toBe('red');
    expect($(element, 'override-reason').value).toBe('Escalation');
    expect($(element, 'override-until').value).toBe('2026-12-31');
  });

  it('clears an override by setting its three fields to null', async () => {
    const element = await render({
      Health_Override_Status__c: 'red',
      Health_Override_Reason__c: 'Escalation',
      Health_Override_Until__c: '2026-12-31',
    });
    $(element, 'override-clear').click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: ACCOUNT_ID,
        Health_Override_Status__c: null,
        Health_Override_Reason__c: null,
        Health_Override_Until__c: null,
      },
    });
  });

  it('does not save without a status or with a last day in the past', async () => {
    const element = await render({});
    const form = await openForm(element);
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect(squash($(element, 'draft-error'))).toBe('Choose the status to show.');
    fill(element, 'override-status', 'green', 'change');
    fill(element, 'override-until', '2026-12-02', 'change');
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect(squash($(element, 'draft-error'))).toBe('The last day must be today or later.');
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it('keeps the form open and says why when Salesforce refuses the save', async () => {
    updateRecord.mockRejectedValue({ body: { message: 'insufficient access rights on object id' } });
    const element = await render({});
    const form = await openForm(element);
    fill(element, 'override-status', 'green', 'change');
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect($(element, 'override-form')).not.toBeNull();
    expect($(element, 'save-error').getAttribute('role')).toBe('alert');
    expect(squash($(element, 'save-error'))).toBe(
      'The override was not saved: insufficient access rights on object id',
    );
  });

  it('moves the focus into the form when it opens and back to its button when it closes', async () => {
    const element = await render({});
    await openForm(element);
    await new Promise(requestAnimationFrame);
    expect(element.shadowRoot.activeElement).toBe($(element, 'override-status'));
    expect($(element, 'override-status').getAttribute('aria-invalid')).toBe('false');
    $(element, 'override-form').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect($(element, 'override-status').getAttribute('aria-invalid')).toBe('true');
    $(element, 'override-form').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    await new Promise(requestAnimationFrame);
    expect(element.shadowRoot.activeElement).toBe($(element, 'override-open'));
  });

  it('closes the form on Escape without saving', async () => {
    const element = await render({});
    const form = await openForm(element);
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    expect($(element, 'override-form')).toBeNull();
    expect(updateRecord).not.toHaveBeenCalled();
  });
});
