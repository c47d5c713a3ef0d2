import { z } from 'zod';
import { Id } from './common.js';

// OIG LEIE exclusion screening: the imported list, screenings kept as evidence, the review queue.

const isoDate = z.iso.date();

export const LeieImport = z.object({
  id: Id,
  fileName: z.string(),
  checksum: z.string(),
  rows: z.number().int(),
  importedAt: z.string(),
});
export type LeieImport = z.infer<typeof LeieImport>;

export const LeieStatus = z.object({
  /** null until a file has been imported: screening refuses to run without one */
  latest: LeieImport.nullable(),
});
export type LeieStatus = z.infer<typeof LeieStatus>;

export const ScreeningStatus = z.enum(['clear', 'possible_match', 'confirmed', 'cleared_by_review']);
export type ScreeningStatus = z.infer<typeof ScreeningStatus>;

export const MatchBasis = z.enum(['npi', 'name_and_dob', 'name', 'last_name_and_initial', 'business_name']);
export type MatchBasis = z.infer<typeof MatchBasis>;

/** One LEIE row that matched, as it read on the day: the evidence a reviewer compares. */
export const ScreeningMatch = z.object({
  strength: z.enum(['strong', 'possible']),
  basis: z.array(MatchBasis),
  notes: z.array(z.string()),
  row: z.object({
    lastName: z.string().nullable(),
    firstName: z.string().nullable(),
    midName: z.string().nullable(),
    busName: z.string().nullable(),
    general: z.string().nullable(),
    specialty: z.string().nullable(),
    npi: z.string().nullable(),
    dob: isoDate.nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    zip: z.string().nullable(),
    exclType: z.string(),
    exclDate: isoDate.nullable(),
    waiverDate: isoDate.nullable(),
    waiverState: z.string().nullable(),
  }),
});
export type ScreeningMatch = z.infer<typeof ScreeningMatch>;

/** What was searched for the person, as it was then. */
export const ScreeningSearched = z.object({
  names: z.array(z.string()),
  dateOfBirthSearched: z.boolean(),
  dateOfBirth: isoDate.nullable(),
  npi: z.string().nullable(),
});
export type ScreeningSearched = z.infer<typeof ScreeningSearched>;

export const Screening = z.object({
  id: Id,
  staffMemberId: Id,
  staffName: z.string(),
  facilityId: Id,
  runAt: z.string(),
  leieImportId: Id,
  leieChecksum: z.string(),
  searched: ScreeningSearched,
  matches: z.array(ScreeningMatch),
  status: ScreeningStatus,
  reviewedBy: Id.nullable(),
  reviewedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type Screening = z.infer<typeof Screening>;

export const RunScreeningRequest = z.object({
  /** one person; everyone active in the facilities you manage when absent */
  staffMemberId: Id.optional(),
});
export type RunScreeningRequest = z.infer<typeof RunScreeningRequest>;

export const ScreeningRun = z.object({
  runAt: z.string(),
  leie: LeieImport,
  screened: z.number().int(),
  clear: z.number().int(),
  possibleMatches: z.number().int(),
  screenings: z.array(Screening),
});
export type ScreeningRun = z.infer<typeof ScreeningRun>;

export const ReviewScreeningRequest = z.object({
  /** confirm: it is this person (they are excluded); clear: verified not to be them */
  decision: z.enum(['confirm', 'clear']),
  /** how it was verified, e.g. "SSN checked in the OIG online search, no match" */
  note: z.string().trim().min(3).max(2000),
});
export type ReviewScreeningRequest = z.infer<typeof ReviewScreeningRequest>;

export const ScreeningIdentity = z.object({
  dateOfBirth: isoDate.nullable(),
  /** maiden and other former last names, searched like the current one */
  formerLastNames: z.array(z.string().trim().min(1).max(100)).max(10),
});
export type ScreeningIdentity = z.infer<typeof ScreeningIdentity>;
