import type { Ctx } from '../../platform/context.js';
import { patientsWithCoverage } from '../patients/index.js';
import { licenceSamples } from '../staff/index.js';
import { syntheticCardPng, syntheticPdf } from './demo-files.js';
import { uploadPatientDocument, uploadStaffDocument } from './service.js';

// Demo documents: insurance card images (front and back) for a few patients' primary coverages,
// and a licence PDF for a few staff members. Files are drawn by demo-files.ts, not copied.

const HUES = [
  [37, 99, 235],
  [5, 150, 105],
  [190, 70, 40],
  [124, 58, 237],
] as const;

export async function seedDocuments(ctx: Ctx): Promise<number> {
  let count = 0;
  const cards = await patientsWithCoverage(ctx, 8);
  for (const [i, c] of cards.entries()) {
    const hue = HUES[i % HUES.length] as (typeof HUES)[number];
    for (const back of [false, true]) {
      await uploadPatientDocument(
        ctx,
        c.patientId,
        { kind: back ? 'insurance_card_back' : 'insurance_card_front', coverageId: c.coverageId },
        {
          bytes: syntheticCardPng({ hue, back }),
          fileName: back ? 'card-back.png' : 'card-front.png',
          declaredType: 'image/png',
        },
      );
      count++;
    }
  }
  // Three licences in each facility, so that every colleague finds some on file.
  const perFacility = new Map<string, number>();
  const licences = (await licenceSamples(ctx, 200)).filter((l) => {
    const n = perFacility.get(l.facilityId) ?? 0;
    perFacility.set(l.facilityId, n + 1);
    return n < 3;
  });
  for (const l of licences) {
    const pdf = syntheticPdf([
      `${l.typeName}`,
      `Licence number ${l.number}${l.state ? ` (${l.state})` : ''}`,
      'Synthetic demo document: not a real licence.',
    ]);
    await uploadStaffDocument(
      ctx,
      l.staffMemberId,
      { kind: 'licence', credentialId: l.credentialId },
      {
        bytes: pdf,
        fileName: 'licence.pdf',
        declaredType: 'application/pdf',
      },
    );
    count++;
  }
  return count;
}
