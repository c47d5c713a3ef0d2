// A bookable provider for scheduling tests: a PA with a current licence and BLS, a provider
// resource, an appointment type and weekday hours 09:00-17:00 from today.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { as, type Session } from './helpers.js';

export async function addBookableProvider(
  app: FastifyInstance,
  manager: Session,
  opts: { facilityId: string; lastName: string; today: string; typeName?: string; rooms?: string[] },
): Promise<{ staffId: string; providerId: string; typeId: string; roomIds: string[] }> {
  const post = async (url: string, payload: unknown, status = 201) => {
    const res = await app.inject({ method: 'POST', url, headers: as(manager), payload: payload as object });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as { id: string };
  };
  const staff = await post('/api/staff', {
    facilityId: opts.facilityId,
    firstName: 'Rita',
    lastName: opts.lastName,
    position: 'physician_assistant',
    employmentType: 'full_time',
    hireDate: '2020-03-01',
  });
  const typesRes = await app.inject({ method: 'GET', url: '/api/staff/credential-types', headers: as(manager) });
  const types = typesRes.json() as { id: string; code: string }[];
  for (const code of ['PA-OH', 'BLS']) {
    const c = await post(`/api/staff/${staff.id}/credentials`, {
      credentialTypeId: types.find((x) => x.code === code)?.id,
      number: `${code}-${opts.lastName}`,
      issuingState: code === 'PA-OH' ? 'OH' : null,
      issuedOn: '2024-01-01',
      expiresOn: '2029-12-31',
    });
    await post(`/api/staff/credentials/${c.id}/verify`, { method: 'primary_source' }, 200);
  }
  const provider = await post('/api/scheduling/resources', {
    facilityId: opts.facilityId,
    kind: 'provider',
    staffMemberId: staff.id,
  });
  const roomIds: string[] = [];
  for (const name of opts.rooms ?? []) {
    roomIds.push((await post('/api/scheduling/resources', { facilityId: opts.facilityId, kind: 'room', name })).id);
  }
  const type = await post('/api/scheduling/appointment-types', {
    facilityId: opts.facilityId,
    name: opts.typeName ?? 'Prenatal check',
    durationMinutes: 30,
    requiredKinds: roomIds.length > 0 ? ['provider', 'room'] : ['provider'],
    visitKind: 'follow_up',
    color: 'teal',
  });
  await post('/api/scheduling/templates', {
    resourceId: provider.id,
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    startTime: '09:00',
    endTime: '17:00',
    effectiveFrom: opts.today,
  });
  return { staffId: staff.id, providerId: provider.id, typeId: type.id, roomIds };
}
