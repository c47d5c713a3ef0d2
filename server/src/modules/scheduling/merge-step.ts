import type { MergeStep } from '../patients/index.js';
import { reassignPatient } from './queries.js';

// A merged duplicate's appointments and waitlist entries move to the survivor, so the front desk
// sees one calendar history for the person. Bookings (resource time ranges) do not name the
// patient and stay as they are.

export const appointmentMergeStep: MergeStep = {
  name: 'appointments',
  move: (tx, from, to) => reassignPatient(tx.db, 'appointments', tx.organizationId, from, to),
};

export const waitlistMergeStep: MergeStep = {
  name: 'waitlistEntries',
  move: (tx, from, to) => reassignPatient(tx.db, 'waitlist_entries', tx.organizationId, from, to),
};
