import type { MergeStep } from '../patients/index.js';
import { reassignPatientExternalIds } from './queries.js';

/**
 * Imported identifiers of a merged duplicate now name the survivor, so that importing the same
 * Synthea bundle again finds the surviving record instead of recreating the duplicate. Only the
 * identifier systems are reported: values can be other organizations' record numbers.
 */
export const fhirMergeStep: MergeStep = {
  name: 'fhirIdentifiers',
  move: (tx, from, to) => reassignPatientExternalIds(tx.db, tx.organizationId, from, to),
};
