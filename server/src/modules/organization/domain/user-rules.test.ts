import { describe, expect, it } from 'vitest';
import { checkUserChange } from './user-rules.js';

const base = { actorUserId: 'a', targetUserId: 'b', targetIsActiveManager: false, activeManagersInOrganization: 1 };

describe('checkUserChange', () => {
  it('allows ordinary changes', () => {
    expect(checkUserChange({ ...base, newRoles: ['front_desk'] })).toEqual([]);
  });
  it('refuses deactivating oneself', () => {
    expect(checkUserChange({ ...base, targetUserId: 'a', newActive: false })).toEqual([
      { field: 'active', message: 'you cannot deactivate your own account' },
    ]);
  });
  it('keeps the last manager', () => {
    expect(checkUserChange({ ...base, targetIsActiveManager: true, newRoles: ['billing'] })[0]?.field).toBe('roles');
    expect(checkUserChange({ ...base, targetIsActiveManager: true, newActive: false })[0]?.field).toBe('active');
  });
  it('lets a manager go when another remains', () => {
    expect(checkUserChange({ ...base, targetIsActiveManager: true, activeManagersInOrganization: 2, newActive: false })).toEqual(
      [],
    );
  });
});
