import { businessKey, nameKey } from './leie-names.js';
import type { LeieRecord } from './leie-record.js';

// How strongly an LEIE row matches a person (rules.md 3.3; no official algorithm exists).
// Strong: the same NPI, or the same last and first name and date of birth. Possible: the same
// last and first name with the date of birth missing or different, or the same last name and
// first initial where one side gives only an initial or the birth dates agree. Former last names
// (maiden names) are searched like the current one. Both kinds go to a person, who verifies with
// the SSN in the online LEIE search: a name is never proof, and neither is its absence.

export type ScreenedPerson = {
  firstName: string;
  lastName: string;
  formerLastNames: readonly string[];
  /** ISO date */
  dateOfBirth: string | null;
  npi: string | null;
};

export type MatchBasis = 'npi' | 'name_and_dob' | 'name' | 'last_name_and_initial' | 'business_name';
export type MatchStrength = 'strong' | 'possible';
export type LeieMatch = {
  strength: MatchStrength;
  basis: MatchBasis[];
  /** sentences for the reviewer */
  notes: string[];
};

export type MatchableRecord = Pick<LeieRecord, 'npi' | 'dob' | 'lastKey' | 'firstKey' | 'busKey' | 'waiverDate' | 'waiverState'>;

/** The last-name keys searched for a person: the current one and every former one. */
export function lastNameKeys(person: Pick<ScreenedPerson, 'lastName' | 'formerLastNames'>): string[] {
  const keys = [person.lastName, ...person.formerLastNames].map(nameKey).filter((k): k is string => k !== null);
  return [...new Set(keys)];
}

const nullNpi = (npi: string | null) => (npi === null || npi === '' || npi === '0000000000' ? null : npi);

function withWaiver(match: LeieMatch, record: MatchableRecord): LeieMatch {
  // A waiver lets someone work in one state's programme; it is for compliance to judge, not a clear.
  if (record.waiverDate || record.waiverState) {
    match.notes.push(`the row carries a waiver${record.waiverState ? ` for ${record.waiverState}` : ''}: review it`);
  }
  return match;
}

export function matchPerson(person: ScreenedPerson, record: MatchableRecord): LeieMatch | null {
  const basis: MatchBasis[] = [];
  const notes: string[] = [];
  const npi = nullNpi(person.npi);
  if (npi !== null && npi === nullNpi(record.npi)) basis.push('npi');
  const lastKeys = lastNameKeys(person);
  const first = nameKey(person.firstName);
  const lastMatches = record.lastKey !== null && lastKeys.includes(record.lastKey);
  if (record.lastKey !== null && lastMatches && record.lastKey !== nameKey(person.lastName)) {
    notes.push('matched on a former last name');
  }
  const sameDob = person.dateOfBirth !== null && person.dateOfBirth === record.dob;
  if (lastMatches && first !== null && record.firstKey !== null) {
    if (record.firstKey === first) {
      if (sameDob) basis.push('name_and_dob');
      else {
        basis.push('name');
        notes.push(
          record.dob === null
            ? 'the row has no date of birth'
            : person.dateOfBirth === null
              ? 'no date of birth on file for the staff member'
              : 'the dates of birth differ',
        );
      }
    } else if (record.firstKey[0] === first[0] && (record.firstKey.length === 1 || first.length === 1 || sameDob)) {
      basis.push('last_name_and_initial');
    }
  }
  if (basis.length === 0) return null;
  const strength: MatchStrength = basis.includes('npi') || basis.includes('name_and_dob') ? 'strong' : 'possible';
  if (basis.includes('npi') && lastMatches === false) notes.push('the NPI matches but the name does not');
  return withWaiver({ strength, basis, notes }, record);
}

/** A vendor or other entity against the row's business name, legal form ignored: always only possible. */
export function matchBusiness(name: string, record: MatchableRecord): LeieMatch | null {
  const key = businessKey(name);
  if (key === null || key !== record.busKey) return null;
  return withWaiver({ strength: 'possible', basis: ['business_name'], notes: [] }, record);
}
