import {
  auditFields,
  field,
  picklist,
  reference,
  systemField,
  type FieldDef,
  type SObjectDef,
} from './fields.ts';
import { packageFields } from './from-package.ts';
import { packageMetadata } from './package-metadata.ts';

/**
 * Account as an Enterprise org with the health-sync package installed describes it: the standard
 * fields written here, the package's custom fields (Tier__c, Renewal_Date__c, Health_*) generated from
 * connectors/salesforce/org (from-package.ts).
 */
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
];

/**
 * Not in the package: a product signal the customer keeps in their own org, which only the commented
 * scorecard example (metric `uptime`) reads. The package must not create it, yet the sandbox offers it
 * so that the example can be tried.
 */
const CUSTOMER_FIELDS: FieldDef[] = [
  field('Uptime_30d__c', 'Uptime (30 days)', 'percent', { precision: 5, scale: 2 }),
];

export function accountDef(extraFields: FieldDef[] = [], metadata = packageMetadata()): SObjectDef {
  return {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [
      ...ACCOUNT_FIELDS,
      ...packageFields(metadata.objects, 'Account'),
      ...CUSTOMER_FIELDS,
      ...extraFields,
    ],
  };
}
