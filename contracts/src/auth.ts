import { z } from 'zod';
import { Id } from './common.js';
import { permissions, roles } from './permissions.js';

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** Minimum length 12 (NIST SP 800-63B favours length over composition rules). */
export const Password = z.string().min(12, 'must be at least 12 characters').max(256);

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Facility = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['clinic', 'nursing_home', 'hospital_department']),
  timeZone: z.string(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  beds: z.number().int().nullable(),
});
export type Facility = z.infer<typeof Facility>;

export const Me = z.object({
  user: z.object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    mfaEnabled: z.boolean(),
    /** Set after an administrator issued a temporary password: nothing else works until changed. */
    mustChangePassword: z.boolean(),
  }),
  permissions: z.array(z.enum(permissions)),
  organization: z.object({ id: Id, name: z.string() }),
  facilities: z.array(Facility),
  breakGlass: z.object({ id: Id, reason: z.string(), expiresAt: z.string() }).nullable(),
  csrfToken: z.string().nullable(),
  idleTimeoutSeconds: z.number().int(),
});
export type Me = z.infer<typeof Me>;

/**
 * A sign-in either completes (`ok`), or needs a second step: a TOTP or recovery code
 * (`mfa_required`), or MFA enrolment because the role requires it (`mfa_enrolment_required`).
 */
export const LoginResponse = z.object({
  status: z.enum(['ok', 'mfa_required', 'mfa_enrolment_required']),
  /** Send back as `X-CSRF-Token` on every unsafe request made with the session cookie. */
  csrfToken: z.string(),
  me: Me.optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MfaVerifyRequest = z.object({
  code: z.string().trim().min(6).max(32),
});
export type MfaVerifyRequest = z.infer<typeof MfaVerifyRequest>;

export const MfaEnrolment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

export const MfaConfirmRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be 6 digits'),
});
export type MfaConfirmRequest = z.infer<typeof MfaConfirmRequest>;

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const DisableMfaRequest = z.object({ password: z.string().min(1).max(256) });
export type DisableMfaRequest = z.infer<typeof DisableMfaRequest>;

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateApiTokenRequest = z.object({ name: z.string().trim().min(1).max(100) });
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const BreakGlassRequest = z.object({
  reason: z.string().trim().min(10, 'explain the emergency in at least 10 characters').max(1000),
  minutes: z.number().int().min(5).max(240).optional(),
});
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;
