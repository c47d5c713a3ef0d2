import type { Encounter } from '@clinicops/contracts';
import type { Tone } from '../../ui/tone';

export const statusLabels: Record<Encounter['status'], string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

export const statusTones: Record<Encounter['status'], Tone> = {
  planned: 'info',
  in_progress: 'warning',
  finished: 'ok',
  cancelled: 'neutral',
};

export const classLabels: Record<Encounter['class'], string> = {
  ambulatory: 'Office visit',
  inpatient: 'Inpatient',
  emergency: 'Emergency',
  home: 'Home visit',
  virtual: 'Telehealth',
};
