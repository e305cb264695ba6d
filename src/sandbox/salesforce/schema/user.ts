import { field, systemField, type SObjectDef } from './fields.ts';

export function userDef(): SObjectDef {
  return {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    custom: false,
    createable: true,
    updateable: true,
    deletable: false,
    fields: [
      systemField('Id', 'User ID', 'id', { idLookup: true }),
      field('Username', 'Username', 'string', { length: 80, nillable: false, idLookup: true }),
      systemField('Name', 'Full Name', 'string', { length: 121, nameField: true }),
      field('Email', 'Email', 'email', { length: 128, nillable: false }),
      field('IsActive', 'Active', 'boolean', {
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: true,
      }),
      systemField('CreatedDate', 'Created Date', 'datetime'),
      systemField('LastModifiedDate', 'Last Modified Date', 'datetime'),
      systemField('SystemModstamp', 'System Modstamp', 'datetime'),
    ],
  };
}
