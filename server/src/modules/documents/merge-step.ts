import type { MergeStep } from '../patients/index.js';
import { reassignPatientDocuments } from './queries.js';

/**
 * When a duplicate patient is merged, their documents belong to the survivor. Card images linked to
 * a coverage have already followed it (the key cascades, migration 0014); this moves the rest.
 */
export const documentMergeStep: MergeStep = {
  name: 'documents',
  move: (tx, from, to) => reassignPatientDocuments(tx.db, tx.organizationId, from, to),
};
