// Roles and permissions are shared data: the server checks them, the web app hides what a role
// cannot do, and the contract test uses them to find a role that lacks each permission.

export const roles = ['manager', 'front_desk', 'billing', 'clinician', 'staff', 'compliance_auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  manager: 'Office manager',
  front_desk: 'Front desk',
  billing: 'Billing',
  clinician: 'Clinician',
  staff: 'Staff (self-service)',
  compliance_auditor: 'Compliance auditor (read-only)',
};

export const permissions = [
  'organization:read',
  'facilities:read',
  /** Facility settings such as the workweek (the manager's). */
  'facilities:write',
  'users:read',
  'users:write',
  'audit:read',
  'break_glass:review',
  'patients:read',
  'patients:write',
  'appointments:read',
  'appointments:write',
  'staff:read',
  'staff:write',
  'rostering:read',
  'rostering:write',
  'billing:read',
  'billing:write',
  'self:read',
  'self:write',
] as const;
export type Permission = (typeof permissions)[number];

// Least privilege per HIPAA 164.514(d): each role gets the categories its work needs.
export const rolePermissions: Record<Role, readonly Permission[]> = {
  manager: permissions,
  front_desk: [
    'organization:read',
    'facilities:read',
    'patients:read',
    'patients:write',
    'appointments:read',
    'appointments:write',
    'self:read',
    'self:write',
  ],
  billing: [
    'organization:read',
    'facilities:read',
    'patients:read',
    'appointments:read',
    'billing:read',
    'billing:write',
    'self:read',
    'self:write',
  ],
  clinician: [
    'organization:read',
    'facilities:read',
    'patients:read',
    'patients:write',
    'appointments:read',
    'rostering:read',
    'staff:read',
    'self:read',
    'self:write',
  ],
  staff: ['organization:read', 'facilities:read', 'rostering:read', 'self:read', 'self:write'],
  compliance_auditor: ['organization:read', 'facilities:read', 'users:read', 'audit:read', 'staff:read', 'self:read'],
};

/** The union of the permissions of the given roles. */
export function permissionsOf(userRoles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of userRoles) for (const p of rolePermissions[role]) granted.add(p);
  return permissions.filter((p) => granted.has(p));
}
