import { businessKey, nameKey } from './leie-names.js';

// One line of the OIG LEIE full file (UPDATED.csv), per rules.md 3.2: 18 columns, header
// unquoted, every data field double-quoted, dates YYYYMMDD with "00000000" for none, NPI
// "0000000000" for none, DOB blank for entities, CRLF or LF line ends.

export const LEIE_COLUMNS = [
  'LASTNAME',
  'FIRSTNAME',
  'MIDNAME',
  'BUSNAME',
  'GENERAL',
  'SPECIALTY',
  'UPIN',
  'NPI',
  'DOB',
  'ADDRESS',
  'CITY',
  'STATE',
  'ZIP',
  'EXCLTYPE',
  'EXCLDATE',
  'REINDATE',
  'WAIVERDATE',
  'WVRSTATE',
] as const;

export type LeieRecord = {
  lastName: string | null;
  firstName: string | null;
  midName: string | null;
  busName: string | null;
  general: string | null;
  specialty: string | null;
  upin: string | null;
  npi: string | null;
  /** ISO date */
  dob: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  exclType: string;
  exclDate: string | null;
  reinDate: string | null;
  waiverDate: string | null;
  waiverState: string | null;
  lastKey: string | null;
  firstKey: string | null;
  busKey: string | null;
};

export type LeieLine = { ok: true; record: LeieRecord } | { ok: false; problem: string };

/**
 * Splits one CSV line into fields: quoted fields may hold commas and doubled quotes ("");
 * unquoted fields are taken as they are. Null when a quote is left open (a broken line).
 */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) return null;
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      fields.push(value);
      if (i >= n) return fields;
      if (line[i] !== ',') return null; // text after a closing quote
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

const stripLineEnd = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Null when the header is the LEIE's; otherwise what is wrong, naming the column. */
export function leieHeaderProblem(line: string): string | null {
  const fields = splitCsvLine(stripLineEnd(line).replace(/^\uFEFF/, ''));
  if (!fields) return 'the header line is not valid CSV';
  const names = fields.map((f) => f.trim().toUpperCase());
  for (let i = 0; i < LEIE_COLUMNS.length; i++) {
    const want = LEIE_COLUMNS[i];
    const got = names[i];
    if (got === undefined) return `the header has ${names.length} columns, the LEIE has ${LEIE_COLUMNS.length} (missing ${want})`;
    if (got !== want) return `header column ${i + 1} is ${got || '(empty)'}, expected ${want}`;
  }
  if (names.length > LEIE_COLUMNS.length) {
    return `the header has ${names.length} columns, the LEIE has ${LEIE_COLUMNS.length} (extra ${names[LEIE_COLUMNS.length]})`;
  }
  return null;
}

const blank = (v: string) => {
  const t = v.trim();
  return t === '' ? null : t;
};

/** "YYYYMMDD" -> "YYYY-MM-DD"; "00000000" and "" -> null; anything else is a problem. */
export function leieDate(raw: string): { ok: true; value: string | null } | { ok: false } {
  const v = raw.trim();
  if (v === '' || v === '00000000') return { ok: true, value: null };
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return { ok: false };
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    return { ok: false };
  }
  return { ok: true, value: `${y}-${mo}-${d}` };
}

/** A data line of the file as a record, or why it cannot be one. */
export function parseLeieLine(line: string): LeieLine {
  const fields = splitCsvLine(stripLineEnd(line));
  if (!fields) return { ok: false, problem: 'a quoted field is not closed' };
  if (fields.length !== LEIE_COLUMNS.length) {
    return { ok: false, problem: `${fields.length} fields, expected ${LEIE_COLUMNS.length}` };
  }
  const f = (i: number) => fields[i] ?? '';
  const dates: Record<string, string | null> = {};
  for (const [name, i] of [
    ['DOB', 8],
    ['EXCLDATE', 14],
    ['REINDATE', 15],
    ['WAIVERDATE', 16],
  ] as const) {
    const d = leieDate(f(i));
    if (!d.ok) return { ok: false, problem: `${name} "${f(i)}" is not a YYYYMMDD date` };
    dates[name] = d.value;
  }
  const npiRaw = f(7).trim();
  if (npiRaw !== '' && !/^\d{10}$/.test(npiRaw)) return { ok: false, problem: `NPI "${npiRaw}" is not 10 digits` };
  const exclType = blank(f(13));
  if (!exclType) return { ok: false, problem: 'EXCLTYPE is empty' };
  const lastName = blank(f(0));
  const firstName = blank(f(1));
  const busName = blank(f(3));
  if (!lastName && !busName) return { ok: false, problem: 'neither LASTNAME nor BUSNAME is given' };
  return {
    ok: true,
    record: {
      lastName,
      firstName,
      midName: blank(f(2)),
      busName,
      general: blank(f(4)),
      specialty: blank(f(5)),
      upin: blank(f(6)),
      npi: npiRaw === '' || npiRaw === '0000000000' ? null : npiRaw,
      dob: dates.DOB ?? null,
      address: blank(f(9)),
      city: blank(f(10)),
      state: blank(f(11)),
      zip: blank(f(12)),
      exclType,
      exclDate: dates.EXCLDATE ?? null,
      reinDate: dates.REINDATE ?? null,
      waiverDate: dates.WAIVERDATE ?? null,
      waiverState: blank(f(17)),
      lastKey: nameKey(lastName),
      firstKey: nameKey(firstName),
      busKey: businessKey(busName),
    },
  };
}
