import { z } from 'zod';
import { Id } from './common.js';

// Facility settings that more than one module reads. The FLSA workweek: the employer fixes it as
// any 168 hours of 7 consecutive 24-hour periods, beginning on any day and at any hour (29 CFR
// 778.105); overtime is counted per workweek.

/** Days by name, Monday first as the server counts them: a number would invite 0 = Sunday (JavaScript's getDay) mistakes. */
export const weekdayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const WeekdayName = z.enum(weekdayNames);
export type WeekdayName = z.infer<typeof WeekdayName>;

/** When the workweek begins: the day, and the local hour in the facility's time zone (0 = midnight). */
export const WorkweekStart = z.object({
  startDay: WeekdayName,
  startHour: z.number().int().min(0).max(23),
});
export type WorkweekStart = z.infer<typeof WorkweekStart>;

export const Workweek = WorkweekStart.extend({ facilityId: Id });
export type Workweek = z.infer<typeof Workweek>;

export const SetWorkweekRequest = z.object({
  startDay: WeekdayName,
  /** Midnight unless given. */
  startHour: z.number().int().min(0).max(23).optional(),
});
export type SetWorkweekRequest = z.infer<typeof SetWorkweekRequest>;

/** "Sunday 00:00": how the app names a workweek's start. */
export function workweekLabel(w: WorkweekStart): string {
  return `${w.startDay.charAt(0).toUpperCase()}${w.startDay.slice(1)} ${String(w.startHour).padStart(2, '0')}:00`;
}
