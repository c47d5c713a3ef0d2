import type { FieldError } from '@clinicops/contracts';

export type UserChange = {
  actorUserId: string;
  targetUserId: string;
  targetIsActiveManager: boolean;
  activeManagersInOrganization: number;
  newRoles?: readonly string[];
  newActive?: boolean;
};

/**
 * An organization must keep an active manager, and nobody locks themselves out by
 * deactivating their own account. Returns every problem, so the form can show them all.
 */
export function checkUserChange(c: UserChange): FieldError[] {
  const problems: FieldError[] = [];
  const self = c.actorUserId === c.targetUserId;
  if (self && c.newActive === false) problems.push({ field: 'active', message: 'you cannot deactivate your own account' });
  const losesManager =
    c.targetIsActiveManager && (c.newActive === false || (c.newRoles !== undefined && !c.newRoles.includes('manager')));
  if (losesManager && c.activeManagersInOrganization <= 1) {
    problems.push({
      field: c.newActive === false ? 'active' : 'roles',
      message: 'the organization must keep at least one active manager',
    });
  }
  return problems;
}
