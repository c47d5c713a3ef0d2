// The life of an appointment at the front desk. Each step is one action with its own timestamp,
// so wait times (check-in -> roomed -> seen) can be measured later.
export type AppointmentStatus = 'booked' | 'checked_in' | 'roomed' | 'seen' | 'checked_out' | 'cancelled' | 'no_show';
export type AppointmentAction = 'check_in' | 'room' | 'see' | 'check_out' | 'cancel' | 'no_show';

export const targetOf: Record<AppointmentAction, AppointmentStatus> = {
  check_in: 'checked_in',
  room: 'roomed',
  see: 'seen',
  check_out: 'checked_out',
  cancel: 'cancelled',
  no_show: 'no_show',
};

/** Which statuses each action may start from. Skipping rooming is allowed (a telehealth visit). */
const from: Record<AppointmentAction, readonly AppointmentStatus[]> = {
  check_in: ['booked'],
  room: ['checked_in'],
  see: ['checked_in', 'roomed'],
  check_out: ['seen'],
  // a patient who checked in and left before being seen is a cancellation, not a no-show
  cancel: ['booked', 'checked_in'],
  no_show: ['booked'],
};

const label: Record<AppointmentStatus, string> = {
  booked: 'booked',
  checked_in: 'checked in',
  roomed: 'roomed',
  seen: 'seen',
  checked_out: 'checked out',
  cancelled: 'cancelled',
  no_show: 'a no-show',
};

export type TransitionCheck = { ok: true; to: AppointmentStatus } | { ok: false; message: string };

export function checkTransition(
  appointment: { status: AppointmentStatus; startsAt: number },
  action: AppointmentAction,
  now: number,
): TransitionCheck {
  if (!from[action].includes(appointment.status)) {
    return { ok: false, message: `cannot be ${label[targetOf[action]]}: the appointment is ${label[appointment.status]}` };
  }
  if (action === 'no_show' && now < appointment.startsAt) {
    return { ok: false, message: 'cannot be a no-show before its start time' };
  }
  return { ok: true, to: targetOf[action] };
}

/** Only a booked appointment can move; one that has begun is history. */
export const canReschedule = (status: AppointmentStatus) => status === 'booked';

/** Statuses that hold their resources (the others free the time for someone else). */
export const holdsResources = (status: AppointmentStatus) => status !== 'cancelled' && status !== 'no_show';
