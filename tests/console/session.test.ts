import { expect, it } from 'vitest';
import { chooseTenant, tenantPath } from '../../src/console/session.ts';

it("puts every API path but GET /me under the chosen tenant's prefix", () => {
  expect(tenantPath('/runs/live?next=1', 'acme')).toBe('/tenants/acme/runs/live?next=1');
  expect(tenantPath('/accounts', 'a b')).toBe('/tenants/a%20b/accounts');
  expect(tenantPath('/me', 'acme')).toBe('/me');
  expect(tenantPath('/runs', undefined)).toBe('/runs');
});

it('keeps a chosen tenant the token may still use, else takes its first (no storage in Node: memory only)', () => {
  expect(chooseTenant(['acme', 'globex'], 'globex')).toBe('globex');
  expect(chooseTenant(['acme', 'globex'])).toBe('globex');
  expect(chooseTenant(['acme'])).toBe('acme');
  expect(chooseTenant(['acme', 'globex'], 'initech')).toBe('acme');
  expect(chooseTenant([])).toBeUndefined();
});
