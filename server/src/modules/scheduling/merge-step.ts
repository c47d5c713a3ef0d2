import type { MergeStep } from '../patients/index.js';

// A merged duplicate's appointments and waitlist entries move to the survivor, so the front desk
// sees one calendar history for the person. Bookings (resource time ranges) do not name the
// patient and stay as they are.

export const appointmentMergeStep: MergeStep = {
  name: 'appointments',
  async move(tx, from, to) {
    const rows = await tx.db
      .updateTable('appointments')
      .set({ patient_id: to, updated_at: new Date() })
      .where('organization_id', '=', tx.organizationId)
      .where('patient_id', '=', from)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  },
};

export const waitlistMergeStep: MergeStep = {
  name: 'waitlistEntries',
  async move(tx, from, to) {
    const rows = await tx.db
      .updateTable('waitlist_entries')
      .set({ patient_id: to, updated_at: new Date() })
      .where('organization_id', '=', tx.organizationId)
      .where('patient_id', '=', from)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  },
};
