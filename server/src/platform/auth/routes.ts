import {
  ApiToken,
  BreakGlassRequest,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreatedApiToken,
  DisableMfaRequest,
  IdParams,
  LoginRequest,
  LoginResponse,
  Me,
  MfaConfirmRequest,
  MfaEnrolment,
  MfaVerifyRequest,
  RecoveryCodes,
} from '@clinicops/contracts';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from '../http/request-context.js';
import { authenticate } from './authenticate.js';
import { startBreakGlass } from './break-glass.js';
import { login, logout } from './login.js';
import { loadMe } from './me.js';
import { confirmEnrolment, disableMfa, regenerateRecoveryCodes, startEnrolment, verifyMfa } from './mfa.js';
import { changePassword } from './password.js';
import { sha256 } from './secrets.js';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.js';

const tags = ['auth'];
const NoContent = { 204: z.null().describe('Done') };

function setSessionCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.tls,
    maxAge: config.sessionMaxSeconds,
  });
}

function pendingSession(request: FastifyRequest, allowed: readonly ('mfa' | 'enrol' | 'full')[]) {
  const s = request.session;
  if (!s || !allowed.includes(s.stage)) throw new AppError('forbidden', 'Not available at this step of signing in');
  return s;
}

export const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  await app.register(rateLimit, { global: false });

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in with email and password', body: LoginRequest, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      const result = await login(request.ctx, request.body, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, config, result.sessionToken);
      if (result.stage !== 'full') {
        return {
          status: result.stage === 'mfa' ? 'mfa_required' : 'mfa_enrolment_required',
          csrfToken: result.csrfToken,
        } as const;
      }
      const ctx = { ...request.ctx, organizationId: result.organizationId };
      const auth = await authenticate(ctx, { sessionCookie: result.sessionToken });
      const me = await loadMe({ ...ctx, actor: auth?.actor ?? null }, result.csrfToken);
      return { status: 'ok', csrfToken: result.csrfToken, me } as const;
    },
  );

  app.post(
    '/api/auth/mfa/verify',
    {
      config: { auth: 'pending', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Second sign-in step: TOTP or recovery code',
        body: MfaVerifyRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request) => {
      const s = pendingSession(request, ['mfa']);
      await verifyMfa(request.ctx, s.idHash, request.body.code);
      return { status: 'ok', csrfToken: s.csrfToken, me: await loadMe(request.ctx, s.csrfToken) } as const;
    },
  );

  app.post(
    '/api/auth/mfa/enrol',
    { config: { auth: 'pending' }, schema: { tags, summary: 'Start TOTP enrolment', response: { 200: MfaEnrolment } } },
    async (request) => {
      if (request.session) pendingSession(request, ['enrol', 'full']);
      return startEnrolment(request.ctx);
    },
  );

  app.post(
    '/api/auth/mfa/confirm',
    {
      config: { auth: 'pending' },
      schema: {
        tags,
        summary: 'Confirm TOTP enrolment with a first code',
        body: MfaConfirmRequest,
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => {
      const s = request.session ? pendingSession(request, ['enrol', 'full']) : null;
      return { recoveryCodes: await confirmEnrolment(request.ctx, s?.idHash ?? null, request.body.code) };
    },
  );

  app.post(
    '/api/auth/mfa/recovery-codes',
    { schema: { tags, summary: 'Replace the recovery codes', response: { 200: RecoveryCodes } } },
    async (request) => ({ recoveryCodes: await regenerateRecoveryCodes(request.ctx) }),
  );

  app.post(
    '/api/auth/mfa/disable',
    { schema: { tags, summary: 'Turn MFA off (not for roles that require it)', body: DisableMfaRequest, response: NoContent } },
    async (request, reply) => {
      await disableMfa(request.ctx, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: 'pending' }, schema: { tags, summary: 'Sign out', response: NoContent } },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await logout(request.ctx, sha256(cookie));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { duringPasswordChange: true }, schema: { tags, summary: 'The signed-in user', response: { 200: Me } } },
    async (request) => loadMe(request.ctx, request.session?.csrfToken ?? null),
  );

  app.post(
    '/api/auth/password',
    {
      config: { duringPasswordChange: true },
      schema: { tags, summary: 'Change own password', body: ChangePasswordRequest, response: NoContent },
    },
    async (request, reply) => {
      await changePassword(request.ctx, request.body, request.session?.idHash);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/tokens',
    { schema: { tags, summary: 'Own API tokens (needs self:read)', response: { 200: z.array(ApiToken) } } },
    async (request) => listApiTokens(request.ctx),
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token, shown once (needs self:write)',
        body: CreateApiTokenRequest,
        response: { 201: CreatedApiToken },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(request.ctx, request.body.name)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token (needs self:write)', params: IdParams, response: NoContent } },
    async (request, reply) => {
      await revokeApiToken(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/break-glass',
    {
      schema: {
        tags,
        summary: 'Start emergency access (time-limited, reviewed)',
        body: BreakGlassRequest,
        response: { 200: Me },
      },
    },
    async (request) => {
      await startBreakGlass(request.ctx, request.body);
      const auth = await authenticate(request.ctx, { sessionCookie: request.cookies[SESSION_COOKIE] });
      return loadMe({ ...request.ctx, actor: auth?.actor ?? request.ctx.actor }, request.session?.csrfToken ?? null);
    },
  );
};
