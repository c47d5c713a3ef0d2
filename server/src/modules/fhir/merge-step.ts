import type { MergeStep } from '../patients/index.js';

/**
 * Imported identifiers of a merged duplicate now name the survivor, so that importing the same
 * Synthea bundle again finds the surviving record instead of recreating the duplicate.
 */
export const fhirMergeStep: MergeStep = {
  name: 'fhirIdentifiers',
  async move(tx, from, to) {
    const rows = await tx.db
      .updateTable('fhir_external_ids')
      .set({ local_id: to })
      .where('organization_id', '=', tx.organizationId)
      .where('resource_type', '=', 'Patient')
      .where('local_id', '=', from)
      .returning(['system'])
      .execute();
    // the identifier systems only: values can be other organizations' record numbers
    return rows.map((r) => r.system);
  },
};
