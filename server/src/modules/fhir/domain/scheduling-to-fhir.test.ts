import { describe, expect, it } from 'vitest';
import { parseSlotId, slotId, toFhirAppointment } from './scheduling-to-fhir.js';
import { parseSearch } from './search.js';

describe('Slot ids', () => {
  it('round-trip the schedule, the instants and the status, within FHIR id rules', () => {
    const s = {
      scheduleId: '0d6f7a52-3c51-4e64-9a49-2b8c1f3f4d10',
      start: Date.parse('2026-12-07T14:00:00Z'),
      end: Date.parse('2026-12-07T15:00:00Z'),
      status: 'busy' as const,
    };
    const id = slotId(s);
    expect(id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(parseSlotId(id)).toEqual(s);
    expect(parseSlotId(`${s.scheduleId}-zz-aa-f`)).toBeNull();
    expect(parseSlotId('nonsense')).toBeNull();
  });
});

describe('Appointment', () => {
  it('maps the front-desk statuses onto FHIR and names no cancellation reason unless cancelled', () => {
    const base = {
      id: 'a1',
      facility_id: 'f1',
      patient_id: 'p1',
      starts_at: '2026-12-07T14:00:00.000Z',
      ends_at: '2026-12-07T14:30:00.000Z',
      booked_at: '2026-12-01T10:00:00.000Z',
      updated_at: '2026-12-01T10:00:00.000Z',
      cancel_reason: 'Moved',
      visit_kind: 'new' as const,
      type_name: 'New patient',
      provider_name: 'Dr. A',
      provider_staff_id: 's1',
      rooms: [],
    };
    expect(toFhirAppointment({ ...base, status: 'roomed' }).status).toBe('arrived');
    expect(toFhirAppointment({ ...base, status: 'no_show' }).status).toBe('noshow');
    expect(toFhirAppointment({ ...base, status: 'booked' }).cancelationReason).toBeUndefined();
    expect(toFhirAppointment({ ...base, status: 'cancelled' }).cancelationReason).toEqual({ text: 'Moved' });
  });

  it('parses the practitioner and status parameters, refusing unknown statuses', () => {
    const ok = parseSearch('Appointment', [
      ['practitioner', 'Practitioner/0d6f7a52-3c51-4e64-9a49-2b8c1f3f4d10'],
      ['status', 'booked,arrived'],
    ]);
    expect(ok.ok && ok.search.filters).toMatchObject({
      practitioner: ['0d6f7a52-3c51-4e64-9a49-2b8c1f3f4d10'],
      codes: { status: [['booked', 'arrived']] },
    });
    expect(parseSearch('Appointment', [['status', 'done']]).ok).toBe(false);
  });
});
