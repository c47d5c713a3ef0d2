import type { MergeStep } from '../patients/index.js';

/**
 * When a duplicate patient is merged, their documents belong to the survivor. Card images linked to
 * a coverage have already followed it (the key cascades); this moves the rest.
 */
export const documentMergeStep: MergeStep = {
  name: 'documents',
  async move(tx, from, to) {
    const rows = await tx.db
      .updateTable('documents')
      .set({ patient_id: to })
      .where('organization_id', '=', tx.organizationId)
      .where('patient_id', '=', from)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  },
};
