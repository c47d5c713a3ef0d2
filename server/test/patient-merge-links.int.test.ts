// A merge moves what other modules hang on a patient: documents (a card image follows its coverage
// through the cascading key, other documents through the documents step) and imported FHIR
// identifiers; a merged record takes no new documents.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syntheticCardPng } from '../src/modules/documents/demo-files.js';
import { as, type Session } from './helpers.js';
import { manager, org, post, t, useStaffFixture } from './staff-fixture.js';

useStaffFixture();

async function upload(s: Session, patientId: string, fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([syntheticCardPng()], { type: 'image/png' }), 'card.png');
  const encoded = new Response(f);
  return t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/documents`,
    headers: { ...as(s), 'content-type': encoded.headers.get('content-type') as string },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

async function patient() {
  const res = await post(manager, '/api/patients', {
    facilityId: org.facilities.a,
    givenName: 'Nora',
    familyName: `Quill${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1968-09-14',
    sexAtBirth: 'female',
    confirmNotDuplicate: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('merge and the data other modules keep on a patient', () => {
  it('moves the duplicate’s documents (card image with its coverage) and FHIR identifiers to the survivor', async () => {
    const survivor = await patient();
    const dup = await patient();
    const cov = await post(manager, `/api/patients/${dup.id}/coverages`, {
      payerName: 'Summit Choice',
      payerKind: 'commercial',
      memberId: 'SC-77',
      relationship: 'self',
      order: 1,
      effectiveFrom: '2026-01-01',
    });
    expect(cov.statusCode, cov.body).toBe(201);
    const card = await upload(manager, dup.id, { kind: 'insurance_card_front', coverageId: cov.json().id });
    expect(card.statusCode, card.body).toBe(201);
    const photo = await upload(manager, dup.id, { kind: 'photo_id' });
    expect(photo.statusCode, photo.body).toBe(201);
    await t.db
      .insertInto('fhir_external_ids')
      .values({
        organization_id: org.id,
        resource_type: 'Patient',
        system: 'https://github.com/synthetichealth/synthea',
        value: randomUUID(),
        local_id: dup.id,
      })
      .execute();

    const res = await post(manager, `/api/patients/${survivor.id}/merge`, { duplicateId: dup.id });
    expect(res.statusCode, res.body).toBe(200);
    // the card image moved with its coverage (cascading key); the documents step moved the photo id
    expect(res.json().moved).toMatchObject({ coverages: 1, documents: 1, fhirIdentifiers: 1 });

    const docs = await t.db
      .selectFrom('documents')
      .select(['id', 'patient_id', 'coverage_id'])
      .where('id', 'in', [card.json().id, photo.json().id])
      .execute();
    expect(docs.map((d) => d.patient_id)).toEqual([survivor.id, survivor.id]);
    expect(docs.find((d) => d.id === card.json().id)?.coverage_id).toBe(cov.json().id);
    const ext = await t.db.selectFrom('fhir_external_ids').select('local_id').where('organization_id', '=', org.id).execute();
    expect(ext.map((e) => e.local_id)).toContain(survivor.id);
    expect(ext.map((e) => e.local_id)).not.toContain(dup.id);

    const listed = await t.app.inject({ method: 'GET', url: `/api/patients/${survivor.id}/documents`, headers: as(manager) });
    expect(
      listed
        .json()
        .map((d: { id: string }) => d.id)
        .sort(),
    ).toEqual([card.json().id, photo.json().id].sort());

    const late = await upload(manager, dup.id, { kind: 'photo_id' });
    expect(late.statusCode, late.body).toBe(409);
  });
});
