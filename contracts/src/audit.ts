import { z } from 'zod';
import { Id } from './common.js';

export const AuditEvent = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorUserId: Id.nullable(),
  actorLabel: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'failure', 'denied']),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  patientId: Id.nullable(),
  facilityId: Id.nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  breakGlass: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const isoDate = z.iso.date();

export const AuditQuery = z.object({
  userId: Id.optional(),
  patientId: Id.optional(),
  action: z.string().trim().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEvent),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const BreakGlassAccess = z.object({
  id: Id,
  userId: Id,
  userName: z.string(),
  reason: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type BreakGlassAccess = z.infer<typeof BreakGlassAccess>;

export const ReviewBreakGlassRequest = z.object({ note: z.string().trim().min(3).max(2000) });
export type ReviewBreakGlassRequest = z.infer<typeof ReviewBreakGlassRequest>;
