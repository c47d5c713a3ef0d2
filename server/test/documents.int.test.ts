import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { syntheticCardPng, syntheticPdf } from '../src/modules/documents/demo-files.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testConfig } from './helpers.js';
import {
  addCredential,
  addStaff,
  manager,
  org,
  other,
  otherManager,
  post,
  rn,
  secret,
  t,
  types,
  useStaffFixture,
} from './staff-fixture.js';

useStaffFixture();

const dataDir = testConfig().dataDir;
const orgDir = (o: TestOrg) => path.join(dataDir, 'documents', o.id);
const filesOf = (o: TestOrg) => (existsSync(orgDir(o)) ? readdirSync(orgDir(o)).sort() : []);

type Upload = { bytes: Uint8Array; name?: string; type?: string };

/** A multipart/form-data request body, built the way a browser's FormData is sent. */
async function form(fields: Record<string, string>, file?: Upload) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name ?? 'file');
  const encoded = new Response(f);
  return {
    headers: { 'content-type': encoded.headers.get('content-type') as string },
    payload: Buffer.from(await encoded.arrayBuffer()),
  };
}

async function upload(app: typeof t.app, s: Session, url: string, fields: Record<string, string>, file?: Upload) {
  const body = await form(fields, file);
  return app.inject({ method: 'POST', url, headers: { ...as(s), ...body.headers }, payload: body.payload });
}

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: as(s) });
const docCount = async (column: 'patient_id' | 'staff_member_id', id: string) =>
  Number(
    (
      await t.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where(column, '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

const png = syntheticCardPng();
const pdf = syntheticPdf(['Synthetic licence', 'RN 000000']);

let frontDesk: Session;
let billing: Session;
let staffRole: Session;
let clinician: Session;
let patient: { id: string };
let patientAtB: { id: string };
let coverageId: string;

async function registerPatient(s: Session, facilityId: string) {
  const res = await post(s, '/api/patients', {
    facilityId,
    givenName: 'Ada',
    familyName: `Docs${Math.random().toString(36).slice(2, 8)}`,
    dateOfBirth: '1980-01-02',
    sexAtBirth: 'female',
    confirmNotDuplicate: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

beforeAll(async () => {
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
  billing = await signIn(t.app, org.users.billing.email, secret);
  staffRole = await signIn(t.app, org.users.staff.email, secret);
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  patient = await registerPatient(frontDesk, org.facilities.a);
  patientAtB = await registerPatient(manager, org.facilities.b);
  const cov = await post(frontDesk, `/api/patients/${patient.id}/coverages`, {
    payerName: 'Lakeshore Mutual',
    payerKind: 'commercial',
    relationship: 'self',
    order: 1,
    effectiveFrom: '2024-01-01',
  });
  expect(cov.statusCode, cov.body).toBe(201);
  coverageId = cov.json().id;
});

describe('patient documents', () => {
  let cardId: string;

  it('stores an insurance card image for a coverage: file on disk by id, checksum, audited without the file name', async () => {
    const res = await upload(
      t.app,
      frontDesk,
      `/api/patients/${patient.id}/documents`,
      { kind: 'insurance_card_front', coverageId },
      { bytes: png, name: '../../Ada Docs <front>.png', type: 'image/png' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    cardId = doc.id;
    expect(doc).toMatchObject({
      ownerKind: 'patient',
      ownerId: patient.id,
      facilityId: org.facilities.a,
      kind: 'insurance_card_front',
      coverageId,
      fileName: 'Ada Docs _front_.png',
      contentType: 'image/png',
      sizeBytes: png.length,
      uploadedBy: org.users.front_desk.id,
      retractedAt: null,
    });
    const onDisk = readFileSync(path.join(orgDir(org), doc.id));
    expect(onDisk.equals(png)).toBe(true);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    // no temporary files left beside it
    expect(filesOf(org).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('entity_id', '=', doc.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['document.upload']);
    expect(audit[0]?.patient_id).toBe(patient.id);
    expect(JSON.stringify(audit[0]?.details)).not.toContain('Ada');
  });

  it('lists the documents (an audited read) and downloads one as an attachment, audited with document and owner', async () => {
    const list = await get(frontDesk, `/api/patients/${patient.id}/documents`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((d: { id: string }) => d.id)).toEqual([cardId]);
    const res = await get(billing, `/api/documents/${cardId}/content`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(png)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Ada Docs _front_.png"; filename*=UTF-8''Ada%20Docs%20_front_.png`,
    );
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', cardId)
      .where('action', '=', 'document.download')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: org.users.billing.id,
      patient_id: patient.id,
      facility_id: org.facilities.a,
    });
    expect(audit[0]?.details).toMatchObject({ ownerKind: 'patient', ownerId: patient.id, kind: 'insurance_card_front' });
    const listed = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', patient.id)
      .where('action', '=', 'document.list')
      .execute();
    expect(listed.length).toBeGreaterThan(0);
  });

  it('refuses a spoofed, unknown, HEIC or truncated file naming the field, and leaves no file and no row', async () => {
    const before = { rows: await docCount('patient_id', patient.id), files: filesOf(org) };
    const url = `/api/patients/${patient.id}/documents`;
    const cases: [Upload, RegExp][] = [
      [{ bytes: pdf, name: 'card.png', type: 'image/png' }, /is a PDF but was sent as image\/png/],
      [
        { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'card.png', type: 'image/png' },
        /not a PDF, PNG or JPEG/,
      ],
      [
        {
          bytes: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(40)]),
          name: 'c.heic',
          type: 'image/heic',
        },
        /HEIC.*export it as JPEG/,
      ],
      [{ bytes: png.subarray(0, png.length - 20), name: 'card.png', type: 'image/png' }, /cut short/],
      [{ bytes: new Uint8Array(0), name: 'empty.png', type: 'image/png' }, /is empty/],
    ];
    for (const [file, message] of cases) {
      const res = await upload(t.app, frontDesk, url, { kind: 'insurance_card_front' }, file);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const errors = res.json().errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field)).toEqual(['file']);
      expect(errors[0]?.message).toMatch(message);
    }
    expect(await docCount('patient_id', patient.id)).toBe(before.rows);
    expect(filesOf(org)).toEqual(before.files);
  });

  it('names every wrong field at once: a kind that is not a patient’s, another patient’s coverage, a missing file', async () => {
    const url = `/api/patients/${patient.id}/documents`;
    const other = await post(frontDesk, `/api/patients/${patientAtB.id}/coverages`, {
      payerName: 'Medicare',
      payerKind: 'medicare',
      relationship: 'self',
      order: 1,
      effectiveFrom: '2020-01-01',
    });
    // front desk cannot see facility B; the manager adds it
    const cov =
      other.statusCode === 201
        ? other
        : await post(manager, `/api/patients/${patientAtB.id}/coverages`, {
            payerName: 'Medicare',
            payerKind: 'medicare',
            relationship: 'self',
            order: 1,
            effectiveFrom: '2020-01-01',
          });
    expect(cov.statusCode, cov.body).toBe(201);
    const res = await upload(
      t.app,
      frontDesk,
      url,
      { kind: 'licence', coverageId: cov.json().id },
      { bytes: png, type: 'image/png' },
    );
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['coverageId', 'kind']);
    const noFile = await upload(t.app, frontDesk, url, { kind: 'photo_id' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors.map((e: { field: string }) => e.field)).toEqual(['file']);
  });

  it('accepts a scan of several megabytes, well above the 1 MB limit of JSON bodies', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3_000_000, 0x20), Buffer.from('\n%%EOF\n')]);
    const res = await upload(
      t.app,
      frontDesk,
      `/api/patients/${patient.id}/documents`,
      { kind: 'referral' },
      {
        bytes: big,
        name: 'referral.pdf',
        type: 'application/pdf',
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sizeBytes).toBe(big.length);
    const back = await get(frontDesk, `/api/documents/${res.json().id}/content`);
    expect(back.rawPayload.equals(big)).toBe(true);
  });

  it('refuses a file over the configured maximum with a 413 naming the file field', async () => {
    const small = await buildApp(testConfig({ CLINICOPS_DOCUMENT_MAX_MB: '0.02' }), { db: t.db });
    try {
      const big = syntheticCardPng({ width: 400, height: 400 });
      const padded = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(30_000, 0x20), Buffer.from('\n%%EOF\n')]);
      const before = { rows: await docCount('patient_id', patient.id), files: filesOf(org) };
      const res = await upload(
        small,
        frontDesk,
        `/api/patients/${patient.id}/documents`,
        { kind: 'other' },
        {
          bytes: padded,
          name: 'big.pdf',
          type: 'application/pdf',
        },
      );
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().errors).toEqual([{ field: 'file', message: 'is larger than the 20 KB limit' }]);
      expect(await docCount('patient_id', patient.id)).toBe(before.rows);
      expect(filesOf(org)).toEqual(before.files);
      expect(big.length).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  it('denies roles without the permission, other facilities and other organizations', async () => {
    const url = `/api/patients/${patient.id}/documents`;
    expect((await upload(t.app, billing, url, { kind: 'other' }, { bytes: png, type: 'image/png' })).statusCode).toBe(403);
    expect((await get(staffRole, `/api/documents/${cardId}/content`)).statusCode).toBe(403);
    expect((await get(staffRole, url)).statusCode).toBe(403);
    expect((await get(otherManager, `/api/documents/${cardId}/content`)).statusCode).toBe(404);
    expect((await get(otherManager, url)).statusCode).toBe(404);
    expect((await upload(t.app, otherManager, url, { kind: 'other' }, { bytes: png, type: 'image/png' })).statusCode).toBe(404);
    // facility B's patient: invisible to the front desk, who works only at A
    const atB = await upload(
      t.app,
      manager,
      `/api/patients/${patientAtB.id}/documents`,
      { kind: 'photo_id' },
      { bytes: png, type: 'image/png' },
    );
    expect(atB.statusCode, atB.body).toBe(201);
    expect((await get(frontDesk, `/api/documents/${atB.json().id}/content`)).statusCode).toBe(404);
    expect((await get(manager, `/api/documents/${atB.json().id}/content`)).statusCode).toBe(200);
    expect(filesOf(other)).toEqual([]);
  });

  it('refuses to send a file that no longer matches its checksum, and audits no download', async () => {
    const res = await upload(
      t.app,
      frontDesk,
      `/api/patients/${patient.id}/documents`,
      { kind: 'photo_id' },
      { bytes: png, type: 'image/png' },
    );
    const id = res.json().id as string;
    const file = path.join(orgDir(org), id);
    const altered = Buffer.from(png);
    altered.writeUInt8(altered.readUInt8(altered.length - 30) ^ 0xff, altered.length - 30);
    writeFileSync(file, altered);
    const dl = await get(frontDesk, `/api/documents/${id}/content`);
    expect(dl.statusCode).toBe(503);
    expect(dl.json().detail).toMatch(/checksum/);
    const audited = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('entity_id', '=', id)
      .where('action', '=', 'document.download')
      .execute();
    expect(audited).toEqual([]);
  });

  it('retracts (never deletes): kept with who and why, hidden from the list unless asked, not twice', async () => {
    const res = await post(frontDesk, `/api/documents/${cardId}/retract`, { reason: 'Card of another patient' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ retractedReason: 'Card of another patient' });
    expect(res.json().retractedAt).not.toBeNull();
    const list = await get(frontDesk, `/api/patients/${patient.id}/documents`);
    expect(list.json().map((d: { id: string }) => d.id)).not.toContain(cardId);
    const all = await get(frontDesk, `/api/patients/${patient.id}/documents?includeRetracted=true`);
    expect(all.json().map((d: { id: string }) => d.id)).toContain(cardId);
    expect(existsSync(path.join(orgDir(org), cardId))).toBe(true);
    expect((await post(frontDesk, `/api/documents/${cardId}/retract`, { reason: 'again' })).statusCode).toBe(409);
    expect((await post(billing, `/api/documents/${cardId}/retract`, { reason: 'not mine' })).statusCode).toBe(403);
    const row = await t.db.selectFrom('documents').selectAll().where('id', '=', cardId).executeTakeFirstOrThrow();
    expect(row.retracted_by).toBe(org.users.front_desk.id);
    // and the database refuses to delete it, whoever asks
    await expect(t.db.deleteFrom('documents').where('id', '=', cardId).execute()).rejects.toThrow(/never deleted/);
  });
});

describe('no orphans', () => {
  it('removes the written file when the row cannot be inserted', async () => {
    // A trigger refuses this one insert, after the file was written. Created as the owner:
    // requests run as the restricted application role, which may not create functions.
    const owner = new pg.Client({ connectionString: inject('databaseUrl') });
    await owner.connect();
    await owner.query(`CREATE FUNCTION documents_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.file_name = 'refuse-me.png' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
    await owner.query(
      'CREATE TRIGGER documents_test_refuse BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION documents_test_refuse()',
    );
    try {
      const before = { rows: await docCount('patient_id', patient.id), files: filesOf(org) };
      const res = await upload(
        t.app,
        frontDesk,
        `/api/patients/${patient.id}/documents`,
        { kind: 'other' },
        {
          bytes: png,
          name: 'refuse-me.png',
          type: 'image/png',
        },
      );
      expect(res.statusCode).toBe(500);
      expect(await docCount('patient_id', patient.id)).toBe(before.rows);
      expect(filesOf(org)).toEqual(before.files);
    } finally {
      await owner.query('DROP TRIGGER documents_test_refuse ON documents');
      await owner.query('DROP FUNCTION documents_test_refuse()');
      await owner.end();
    }
  });

  it('writes no row when the file cannot be written', async () => {
    const third = await createTestOrg(t.db, { mfaSecret: secret });
    const m = await signIn(t.app, third.users.manager.email, secret);
    const p = await registerPatientFor(m, third);
    // The organization's folder is a file: creating the document file fails.
    rmSync(orgDir(third), { recursive: true, force: true });
    writeFileSync(orgDir(third), 'in the way');
    try {
      const res = await upload(t.app, m, `/api/patients/${p}/documents`, { kind: 'other' }, { bytes: png, type: 'image/png' });
      expect(res.statusCode).toBe(500);
      expect(await docCount('patient_id', p)).toBe(0);
    } finally {
      rmSync(orgDir(third), { force: true });
    }
  });
});

async function registerPatientFor(s: Session, o: TestOrg) {
  const res = await post(s, '/api/patients', {
    facilityId: o.facilities.a,
    givenName: 'Bo',
    familyName: 'Orphan',
    dateOfBirth: '1990-05-06',
    sexAtBirth: 'male',
    confirmNotDuplicate: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('staff documents', () => {
  it('keeps a licence scan for a credential; colleagues with staff:read download it, the front desk cannot', async () => {
    const person = await addStaff(manager, rn(org));
    const licence = await addCredential(manager, person.id, {
      credentialTypeId: types.get('RN-OH'),
      number: 'RN.77',
      issuedOn: '2025-01-01',
      expiresOn: '2027-01-01',
    });
    const res = await upload(
      t.app,
      manager,
      `/api/staff/${person.id}/documents`,
      { kind: 'licence', credentialId: licence.id },
      {
        bytes: pdf,
        name: 'licence.pdf',
        type: 'application/pdf',
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      ownerKind: 'staff',
      ownerId: person.id,
      credentialId: licence.id,
      contentType: 'application/pdf',
    });
    const list = await get(clinician, `/api/staff/${person.id}/documents`);
    expect(list.json().map((d: { id: string }) => d.id)).toEqual([res.json().id]);
    const dl = await get(clinician, `/api/documents/${res.json().id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await get(frontDesk, `/api/documents/${res.json().id}/content`)).statusCode).toBe(403);
    // an insurance card is not a staff document; another person's credential is not theirs
    const otherPerson = await addStaff(manager, rn(org));
    const wrong = await upload(
      t.app,
      manager,
      `/api/staff/${otherPerson.id}/documents`,
      { kind: 'insurance_card_front', credentialId: licence.id },
      {
        bytes: pdf,
        type: 'application/pdf',
      },
    );
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['credentialId', 'kind']);
    expect(await docCount('staff_member_id', otherPerson.id)).toBe(0);
  });
});
