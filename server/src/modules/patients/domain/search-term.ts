// What the front desk typed, read as the kind of search it most likely is. Pure: the service
// turns the result into SQL; name folding (case, accents) happens in the database with the same
// function that built the index, so query and index can never disagree.

/** Prefixes to match; at least one of the two is present. */
export type NameQuery = { family?: string; given?: string };

export type SearchTerm =
  | { kind: 'empty' }
  | { kind: 'dob'; date: string }
  | { kind: 'digits'; digits: string; mrn: boolean }
  | { kind: 'name'; alternatives: NameQuery[] };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/** A real calendar date as YYYY-MM-DD, or null. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1850 || year > 2200) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date of birth as typed: 1984-03-07, 03/07/1984, 3/7/84. Two-digit years belong to the last
 * hundred years before `today` (nobody is born in the future).
 */
export function parseBirthDate(text: string, today: string): string | null {
  const iso = ISO.exec(text);
  if (iso) return toIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US.exec(text);
  if (!us) return null;
  let year = Number(us[3]);
  if (us[3]?.length === 2) {
    const thisYear = Number(today.slice(0, 4));
    year += Math.floor(thisYear / 100) * 100;
    if (year > thisYear) year -= 100;
  }
  return toIsoDate(year, Number(us[1]), Number(us[2]));
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export function parseSearchTerm(raw: string, today: string, isMrn: (digits: string) => boolean): SearchTerm {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'empty' };
  const date = parseBirthDate(text, today);
  if (date) return { kind: 'dob', date };
  // Phone numbers come with any punctuation: (614) 555-0101, 614.555.0101, +1 614 555 0101.
  if (/^[\d\s()+.-]+$/.test(text) && /\d/.test(text)) {
    let digits = text.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    return { kind: 'digits', digits, mrn: isMrn(digits) };
  }
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const family = text.slice(0, comma).trim();
    const given = text.slice(comma + 1).trim();
    if (!family && !given) return { kind: 'empty' };
    return { kind: 'name', alternatives: [{ ...(family ? { family } : {}), ...(given ? { given } : {}) }] };
  }
  const parts = words(text);
  const first = parts[0] ?? '';
  // One word: the start of either name ("gar" finds García and Garrett, "jos" finds José).
  if (parts.length === 1) return { kind: 'name', alternatives: [{ family: first }, { given: first }] };
  // "Maria Garcia Lopez": given then family (the usual way of saying it), family then given, or
  // a family name of several words ("de la Cruz").
  const rest = parts.slice(1).join(' ');
  const last = parts[parts.length - 1] ?? '';
  const alternatives: NameQuery[] = [
    { family: rest, given: first },
    { family: first, given: rest },
    { family: text },
    { family: last, given: parts.slice(0, -1).join(' ') },
  ];
  const seen = new Set<string>();
  return {
    kind: 'name',
    alternatives: alternatives.filter((a) => {
      const key = `${a.family}|${a.given ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}
