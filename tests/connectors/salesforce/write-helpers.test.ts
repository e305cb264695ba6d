import { describe, expect, it } from 'vitest';
import {
  isTransientRequestError,
  sfErrorCode,
  toSourceError,
} from '../../../connectors/salesforce/errors.ts';
import { parseBulkError, updateCsv } from '../../../connectors/salesforce/write-bulk.ts';

const sfError = (errorCode: string): Error => Object.assign(new Error('boom'), { errorCode });

describe('Salesforce error classification', () => {
  it.each([
    ['ERROR_HTTP_503', true],
    ['ERROR_HTTP_502', true],
    ['ERROR_HTTP_429', true],
    ['SERVER_UNAVAILABLE', true],
    ['ERROR_HTTP_400', false],
    ['INVALID_FIELD', false],
    ['REQUEST_LIMIT_EXCEEDED', false],
  ])('%s is transient: %s', (code, transient) => {
    expect(isTransientRequestError(sfError(code))).toBe(transient);
    expect(isTransientRequestError(toSourceError(sfError(code), 'PATCH /composite/sobjects'))).toBe(
      transient,
    );
    expect(sfErrorCode(toSourceError(sfError(code), 'x'))).toBe(code);
  });

  it('treats network failures as transient and a cancelled request as final', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(isTransientRequestError(reset)).toBe(true);
    expect(toSourceError(reset, 'GET /query').code).toBe('SOURCE_NETWORK');
    expect(isTransientRequestError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
  });
});

describe('Bulk API 2.0 helpers', () => {
  it('writes one CSV for records that change different fields', () => {
    const csv = updateCsv([
      { id: '001A', fields: { B__c: 1.5, A__c: 'x, "quoted"' } },
      { id: '001B', fields: { B__c: null } },
    ]);
    expect(csv).toBe('Id,A__c,B__c\n001A,"x, ""quoted""",1.5\n001B,,#N/A\n');
  });

  it('parses sf__Error into code, message and fields', () => {
    expect(parseBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--')).toEqual({
      code: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record',
      fields: [],
    });
    expect(
      parseBulkError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Needs a note: see policy:Health_Status__c'),
    ).toEqual({
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Needs a note: see policy',
      fields: ['Health_Status__c'],
    });
    expect(parseBulkError('GARBAGE')).toEqual({ code: 'GARBAGE', message: 'GARBAGE', fields: [] });
  });
});
