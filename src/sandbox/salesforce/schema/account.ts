import {
  auditFields,
  field,
  picklist,
  reference,
  systemField,
  type FieldDef,
  type SObjectDef,
} from './fields.ts';

/** Account as an Enterprise org with the health-sync custom fields installed describes it. */
export const HEALTH_STATUS_VALUES = ['green', 'yellow', 'red', 'insufficient_data'];
export const OVERRIDE_STATUS_VALUES = ['green', 'yellow', 'red'];
export const TIER_VALUES = ['Strategic', 'Enterprise', 'Mid-Market', 'SMB'];

const ACCOUNT_FIELDS: FieldDef[] = [
  systemField('Id', 'Account ID', 'id', { idLookup: true, filterable: true }),
  systemField('IsDeleted', 'Deleted', 'boolean'),
  systemField('MasterRecordId', 'Master Record ID', 'reference', {
    nillable: true,
    defaultedOnCreate: false,
    referenceTo: ['Account'],
    relationshipName: 'MasterRecord',
  }),
  field('Name', 'Account Name', 'string', { length: 255, nillable: false, nameField: true, idLookup: true }),
  picklist('Type', 'Account Type', ['Prospect', 'Customer', 'Partner', 'Competitor', 'Other']),
  reference('ParentId', 'Parent Account ID', ['Account'], 'Parent'),
  field('Phone', 'Account Phone', 'phone', { length: 40 }),
  field('Website', 'Website', 'url', { length: 255 }),
  picklist('Industry', 'Industry', [
    'Banking',
    'Education',
    'Healthcare',
    'Manufacturing',
    'Retail',
    'Technology',
    'Other',
  ]),
  field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18, scale: 0 }),
  field('NumberOfEmployees', 'Employees', 'int', { digits: 8 }),
  field('Description', 'Account Description', 'textarea', { length: 32000 }),
  reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true }),
  ...auditFields(),
  picklist('Tier__c', 'Tier', TIER_VALUES),
  field('Renewal_Date__c', 'Renewal Date', 'date'),
  // The customer's integration uptime over 30 days, a product signal a scorecard may read.
  field('Uptime_30d__c', 'Uptime (30 days)', 'percent', { precision: 5, scale: 2 }),
  field('Health_Score__c', 'Health Score', 'double', { precision: 5, scale: 1 }),
  picklist('Health_Status__c', 'Health Status', HEALTH_STATUS_VALUES, { restricted: true }),
  field('Health_Trend_30d__c', 'Health Trend (30 days)', 'double', { precision: 5, scale: 1 }),
  field('Health_Drivers__c', 'Health Drivers', 'textarea', { length: 1000 }),
  field('Health_Scorecard_Version__c', 'Health Scorecard Version', 'string', { length: 40 }),
  field('Health_Computed_At__c', 'Health Computed At', 'datetime'),
  field('Health_CSAT__c', 'Health CSAT', 'percent', { precision: 5, scale: 2 }),
  // A CSM's override of the written status (salesforce.yaml > overrides).
  picklist('Health_Override_Status__c', 'Health Override Status', OVERRIDE_STATUS_VALUES, {
    restricted: true,
  }),
  field('Health_Override_Reason__c', 'Health Override Reason', 'string', { length: 255 }),
  field('Health_Override_Until__c', 'Health Override Until', 'date'),
];

export function accountDef(extraFields: FieldDef[] = []): SObjectDef {
  return {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [...ACCOUNT_FIELDS, ...extraFields],
  };
}
