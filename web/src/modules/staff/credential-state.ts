import type { CredentialState, EmploymentType, Shift, StaffPosition } from '@clinicops/contracts';
import type { Tone } from '../../ui/tone';

// The product's colours for a credential: red when it blocks work, amber when it needs action
// soon, green when it is in order (../shared/PRODUCT.md).

export const stateTone: Record<CredentialState, Tone> = {
  valid: 'ok',
  expiring_90: 'warning',
  expiring_60: 'warning',
  expiring_30: 'warning',
  unverified: 'warning',
  expired: 'danger',
  missing: 'danger',
};

export function stateLabel(state: CredentialState, daysLeft: number | null): string {
  switch (state) {
    case 'valid':
      return 'Valid';
    case 'expired':
      return 'Expired';
    case 'missing':
      return 'Missing';
    case 'unverified':
      return 'Unverified';
    default:
      return daysLeft === null ? 'Expiring' : `Expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  }
}

export const positionLabels: Record<StaffPosition, string> = {
  rn: 'RN',
  lpn: 'LPN',
  cna: 'CNA',
  medical_assistant: 'Medical assistant',
  physician: 'Physician',
  nurse_practitioner: 'Nurse practitioner',
  physician_assistant: 'Physician assistant',
  front_desk: 'Front desk',
  scheduler: 'Scheduler',
  biller: 'Biller',
  coder: 'Coder',
  office_manager: 'Office manager',
  nursing_home_administrator: 'Nursing home administrator',
  director_of_nursing: 'Director of nursing',
  social_worker: 'Social worker',
  compliance_officer: 'Compliance officer',
};

export const employmentLabels: Record<EmploymentType, string> = {
  full_time: 'Full time',
  part_time: 'Part time',
  per_diem: 'Per diem',
};

export const shiftLabels: Record<Shift, string> = { day: 'Day', evening: 'Evening', night: 'Night' };
