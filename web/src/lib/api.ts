import type {
  ApiToken,
  AuditPage,
  AuditQuery,
  BreakGlassAccess,
  BreakGlassRequest,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreatedApiToken,
  CreatedUser,
  CreateUserRequest,
  Dashboard,
  DisableMfaRequest,
  Facility,
  LoginRequest,
  LoginResponse,
  Me,
  MfaConfirmRequest,
  MfaEnrolment,
  MfaVerifyRequest,
  RecoveryCodes,
  ResetPasswordResult,
  ReviewBreakGlassRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
} from '@clinicops/contracts';
import { request, setCsrfToken, withQuery } from './api-client';

// One typed function per endpoint, so a contract change breaks the build where it matters.

export type { AuthLossReason } from './api-client';
export { ApiError, lastServerContactAt, normalizeField, onAuthLost, setCsrfToken } from './api-client';

export type AuditFilters = Partial<Omit<AuditQuery, 'limit' | 'offset'>>;

/** A response that carries a CSRF token refreshes the one kept in memory. */
function keepToken<T extends { csrfToken?: string | null }>(value: T): T {
  if (value.csrfToken) setCsrfToken(value.csrfToken);
  return value;
}

export const authApi = {
  me: async () => keepToken(await request<Me>('GET', '/api/auth/me')),
  login: async (body: LoginRequest) =>
    keepToken(await request<LoginResponse>('POST', '/api/auth/login', { body, expectUnauthenticated: true })),
  // The server may rotate the session after the second factor, so keep any token it returns.
  verifyMfa: async (body: MfaVerifyRequest) =>
    keepToken(await request<LoginResponse>('POST', '/api/auth/mfa/verify', { body, expectUnauthenticated: true })),
  logout: async () => {
    try {
      await request<void>('POST', '/api/auth/logout', { expectUnauthenticated: true });
    } finally {
      setCsrfToken(null);
    }
  },
  enrolMfa: () => request<MfaEnrolment>('POST', '/api/auth/mfa/enrol', { expectUnauthenticated: true }),
  confirmMfa: async (body: MfaConfirmRequest) =>
    keepToken(
      await request<RecoveryCodes & { csrfToken?: string }>('POST', '/api/auth/mfa/confirm', {
        body,
        expectUnauthenticated: true,
      }),
    ),
  disableMfa: (body: DisableMfaRequest) => request<void>('POST', '/api/auth/mfa/disable', { body }),
  regenerateRecoveryCodes: () => request<RecoveryCodes>('POST', '/api/auth/mfa/recovery-codes'),
  changePassword: (body: ChangePasswordRequest) => request<void>('POST', '/api/auth/password', { body }),
  listTokens: () => request<ApiToken[]>('GET', '/api/auth/tokens'),
  createToken: (body: CreateApiTokenRequest) => request<CreatedApiToken>('POST', '/api/auth/tokens', { body }),
  revokeToken: (id: string) => request<void>('DELETE', `/api/auth/tokens/${encodeURIComponent(id)}`),
  startBreakGlass: async (body: BreakGlassRequest) => keepToken(await request<Me>('POST', '/api/auth/break-glass', { body })),
};

export const facilitiesApi = {
  list: () => request<Facility[]>('GET', '/api/facilities'),
};

export const dashboardApi = {
  get: () => request<Dashboard>('GET', '/api/dashboard'),
};

export const usersApi = {
  list: (query: UserListQuery) => request<User[]>('GET', '/api/users', { query }),
  create: (body: CreateUserRequest) => request<CreatedUser>('POST', '/api/users', { body }),
  update: (id: string, body: UpdateUserRequest) => request<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body }),
  resetPassword: (id: string) => request<ResetPasswordResult>('POST', `/api/users/${encodeURIComponent(id)}/reset-password`),
};

export const auditApi = {
  list: (filters: AuditFilters, page: { limit: number; offset: number }) =>
    request<AuditPage>('GET', '/api/audit', { query: { ...filters, ...page } }),
  /** A plain link, not fetch: the server audits the export and streams the file itself. */
  exportHref: (filters: AuditFilters) => withQuery('/api/audit/export.csv', { ...filters }),
  breakGlass: () => request<BreakGlassAccess[]>('GET', '/api/audit/break-glass'),
  reviewBreakGlass: (id: string, body: ReviewBreakGlassRequest) =>
    request<BreakGlassAccess | undefined>('POST', `/api/audit/break-glass/${encodeURIComponent(id)}/review`, {
      body,
    }),
};
