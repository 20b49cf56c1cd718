import { describe, expect, it } from 'vitest';
import { can, normaliseEmail, PERMISSIONS, ROLES } from './model.ts';

describe('roles', () => {
  it('each role can do everything the one before it can', () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      const allowed = ROLES.map((role) => can(role, permission));
      expect(allowed, permission).toEqual([...allowed].sort((a, b) => Number(a) - Number(b)));
    }
  });

  it('only reviewers and admins publish; only admins manage users and read the audit log', () => {
    expect(ROLES.filter((r) => can(r, 'publish'))).toEqual(['reviewer', 'admin']);
    expect(ROLES.filter((r) => can(r, 'manageUsers'))).toEqual(['admin']);
    expect(ROLES.filter((r) => can(r, 'readAudit'))).toEqual(['admin']);
    expect(ROLES.filter((r) => can(r, 'edit'))).toEqual(['editor', 'reviewer', 'admin']);
  });

  it('spells an email address one way', () => {
    expect(normaliseEmail('  Someone@Example.ORG\t')).toBe('someone@example.org');
  });
});
