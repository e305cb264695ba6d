// lightning/uiRelatedListApi for the screenshot page, fed from samples.js.
import { snapshotPage } from '../samples';

export class getRelatedListRecords {
  constructor(callback) {
    this.callback = callback;
  }
  update(config) {
    this.callback({ data: snapshotPage(config.parentRecordId), error: undefined });
  }
  connect() {}
  disconnect() {}
}
