import type { AppointmentStatus, AppointmentStep } from '@clinicops/contracts';

export const statusLabels: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  roomed: 'Roomed',
  seen: 'With provider',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const statusTone = {
  booked: 'neutral',
  checked_in: 'warning',
  roomed: 'warning',
  seen: 'warning',
  checked_out: 'ok',
  cancelled: 'neutral',
  no_show: 'danger',
} as const;

/** The next front-desk steps from each status, in the order the buttons show. */
export const nextSteps: Record<AppointmentStatus, { step: AppointmentStep | 'cancel'; label: string }[]> = {
  booked: [
    { step: 'check-in', label: 'Check in' },
    { step: 'no-show', label: 'No-show' },
    { step: 'cancel', label: 'Cancel' },
  ],
  checked_in: [
    { step: 'room', label: 'Roomed' },
    { step: 'see', label: 'Seen' },
    { step: 'cancel', label: 'Left without being seen' },
  ],
  roomed: [{ step: 'see', label: 'Seen' }],
  seen: [{ step: 'check-out', label: 'Check out' }],
  checked_out: [],
  cancelled: [],
  no_show: [],
};
