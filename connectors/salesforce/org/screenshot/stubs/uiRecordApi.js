// lightning/uiRecordApi for the screenshot page: the same exports the card uses, fed from samples.js.
// A wire adapter is a class the LWC engine constructs with the callback that sets the wired property.
import { accountRecord } from '../samples';

export class getRecord {
  constructor(callback) {
    this.callback = callback;
  }
  update(config) {
    this.callback({ data: accountRecord(config.recordId), error: undefined });
  }
  connect() {}
  disconnect() {}
}

export function getFieldValue(record, field) {
  return record?.fields[field.fieldApiName]?.value;
}

export function updateRecord(recordInput) {
  return Promise.resolve(recordInput);
}
