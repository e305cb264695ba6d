/** A record as the API carries it: canonical field names, JSON values (datetimes in Salesforce's text form). */
export type SfValue = string | number | boolean | null;
export type SfRecord = Record<string, SfValue>;
