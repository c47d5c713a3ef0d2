// The records the contract test points ids at: in the caller's organization (valid-looking
// input) and in another organization (ids that must never reach across tenants).
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/pool.js';
import type { TestOrg } from '../helpers.js';

export type OrgRecords = {
  org: TestOrg;
  breakGlassId: string;
  apiTokenId: string;
};

/** Adds what the users of `createTestOrg` lack: a (past, unreviewed) emergency access and an API token. */
export async function addRecords(db: Db, org: TestOrg): Promise<OrgRecords> {
  const breakGlassId = randomUUID();
  const apiTokenId = randomUUID();
  const hour = 3_600_000;
  // Already expired, so that it grants nobody anything during the test, yet waits for review.
  await db
    .insertInto('break_glass_accesses')
    .values({
      id: breakGlassId,
      organization_id: org.id,
      user_id: org.users.clinician.id,
      reason: 'contract test: a past emergency',
      started_at: new Date(Date.now() - 2 * hour),
      expires_at: new Date(Date.now() - hour),
      reviewed_by: null,
      reviewed_at: null,
      review_note: null,
    })
    .execute();
  await db
    .insertInto('api_tokens')
    .values({
      id: apiTokenId,
      organization_id: org.id,
      user_id: org.users.staff.id,
      name: 'contract test',
      token_hash: createHash('sha256').update(randomUUID()).digest('hex'),
    })
    .execute();
  return { org, breakGlassId, apiTokenId };
}

type Kind = 'user' | 'facility' | 'apiToken' | 'breakGlass' | 'unknown';

/** What kind of record a path parameter or an id-like property names. */
export function kindOf(path: string, name: string): Kind {
  if (/facilit/i.test(name)) return 'facility';
  if (/user/i.test(name)) return 'user';
  if (name !== 'id') return 'unknown';
  // `{id}` names the collection just before it: /api/users/{id}, /api/audit/break-glass/{id}/review.
  const collection = /\/([^/{}]+)\/\{id\}/.exec(path)?.[1];
  switch (collection) {
    case 'users':
      return 'user';
    case 'facilities':
      return 'facility';
    case 'tokens':
      return 'apiToken';
    case 'break-glass':
      return 'breakGlass';
    default:
      return 'unknown';
  }
}

/** A real id of the caller's own organization, where the test has one of that kind. */
export function ownIdFor(records: OrgRecords, kind: Kind): string | undefined {
  switch (kind) {
    case 'user':
      return records.org.users.staff.id;
    case 'facility':
      return records.org.facilities.a;
    case 'apiToken':
      return records.apiTokenId;
    case 'breakGlass':
      return records.breakGlassId;
    default:
      return undefined;
  }
}

/** Another organization's id: of the same kind where known, else its manager's user id. */
export function foreignIdFor(records: OrgRecords, kind: Kind): string {
  switch (kind) {
    case 'facility':
      return records.org.facilities.a;
    case 'apiToken':
      return records.apiTokenId;
    case 'breakGlass':
      return records.breakGlassId;
    default:
      return records.org.users.manager.id;
  }
}
