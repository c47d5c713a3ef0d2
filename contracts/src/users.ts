import { z } from 'zod';
import { Email, Password } from './auth.js';
import { Id } from './common.js';
import { roles } from './permissions.js';

export const User = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  facilityIds: z.array(Id),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

/** Inviting a user: without a password the server generates a temporary one and returns it once. */
export const CreateUserRequest = z.object({
  email: Email,
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(roles)).min(1, 'choose at least one role'),
  facilityIds: z.array(Id).min(1, 'grant at least one facility'),
  password: Password.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreatedUser = z.object({ user: User, temporaryPassword: z.string().nullable() });
export type CreatedUser = z.infer<typeof CreatedUser>;

export const UpdateUserRequest = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  roles: z.array(z.enum(roles)).min(1, 'choose at least one role').optional(),
  facilityIds: z.array(Id).min(1, 'grant at least one facility').optional(),
  active: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordResult = z.object({ temporaryPassword: z.string() });
export type ResetPasswordResult = z.infer<typeof ResetPasswordResult>;
