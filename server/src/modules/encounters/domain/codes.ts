// Code formats of an encounter: ICD-10-CM diagnoses, CPT / HCPCS Level II procedures, modifiers,
// units and diagnosis pointers. Only the shape is checked: whether a code exists in this year's
// code set needs the licensed CPT file and the CMS ICD-10-CM tables, which are not shipped.

export type Violation = { field: string; message: string };

/**
 * ICD-10-CM: a letter, a digit, a digit or A/B (C4A, D3A, M1A...), then optionally a dot and up
 * to 4 alphanumerics. The letter U is included: U07.1 (COVID-19) is a valid ICD-10-CM code.
 */
const ICD10_WITH_DOT = /^[A-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/;
const ICD10_STORED = /^[A-Z][0-9][0-9AB][0-9A-Z]{0,4}$/;

/** The stored form of an ICD-10-CM code (upper case, no dot), or null when it is not one. */
export function normalizeIcd10(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (ICD10_WITH_DOT.test(s)) return s.replace('.', '');
  if (ICD10_STORED.test(s)) return s;
  return null;
}

/** The display form: the dot after the third character ("E119" -> "E11.9", "I10" -> "I10"). */
export function formatIcd10(stored: string): string {
  return stored.length > 3 ? `${stored.slice(0, 3)}.${stored.slice(3)}` : stored;
}

export type ProcedureCodeKind = 'cpt' | 'cpt_category_ii' | 'cpt_category_iii' | 'hcpcs';

/**
 * CPT Category I is 5 digits, Category II 4 digits + F, Category III 4 digits + T; HCPCS Level II
 * a letter A-V + 4 digits (W-Z are not used by the HCPCS Level II code set).
 */
export function procedureCodeKind(input: string): ProcedureCodeKind | null {
  const s = input.trim().toUpperCase();
  if (/^[0-9]{5}$/.test(s)) return 'cpt';
  if (/^[0-9]{4}F$/.test(s)) return 'cpt_category_ii';
  if (/^[0-9]{4}T$/.test(s)) return 'cpt_category_iii';
  if (/^[A-V][0-9]{4}$/.test(s)) return 'hcpcs';
  return null;
}

export const MAX_DIAGNOSES = 12;
export const MAX_PROCEDURES = 50;
export const MAX_MODIFIERS = 4;
export const MAX_POINTERS = 4;

export type DiagnosisInput = { code: string; description?: string | null | undefined };
export type ProcedureInput = {
  code: string;
  modifiers?: readonly string[] | undefined;
  units?: number | undefined;
  diagnosisPointers?: readonly number[] | undefined;
  chargeCents?: number | null | undefined;
  description?: string | null | undefined;
};

export type NormalizedCodes = {
  diagnoses: { position: number; code: string; description: string | null }[];
  procedures: {
    position: number;
    code: string;
    modifiers: string[];
    units: number;
    diagnosisPointers: number[];
    chargeCents: number | null;
    description: string | null;
  }[];
};

const blank = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

/**
 * Every problem with the coded part of an encounter at once, each naming its field with indexes
 * (`procedures[1].modifiers[0]`), and the codes in their stored form when there is none.
 */
export function checkCodes(
  diagnoses: readonly DiagnosisInput[],
  procedures: readonly ProcedureInput[],
): { violations: Violation[]; codes: NormalizedCodes } {
  const violations: Violation[] = [];
  const add = (field: string, message: string) => violations.push({ field, message });
  if (diagnoses.length > MAX_DIAGNOSES) add('diagnoses', `may list at most ${MAX_DIAGNOSES} diagnoses`);
  if (procedures.length > MAX_PROCEDURES) add('procedures', `may list at most ${MAX_PROCEDURES} procedures`);

  const seenDx = new Map<string, number>();
  const dx = diagnoses.map((d, i) => {
    const code = normalizeIcd10(d.code);
    if (code === null) {
      add(`diagnoses[${i}].code`, 'is not an ICD-10-CM code (a letter, a digit, a digit or A/B, then up to 4 characters: E11.9)');
    } else if (seenDx.has(code)) {
      add(`diagnoses[${i}].code`, `repeats diagnosis ${(seenDx.get(code) ?? 0) + 1}`);
    } else {
      seenDx.set(code, i);
    }
    return { position: i + 1, code: code ?? d.code, description: blank(d.description) };
  });

  const px = procedures.map((p, i) => {
    const at = `procedures[${i}]`;
    const kind = procedureCodeKind(p.code);
    if (kind === null) {
      add(
        `${at}.code`,
        'is not a CPT or HCPCS code (5 digits, 4 digits + F or T, or a letter + 4 digits: 99213, 3044F, 0042T, G0438)',
      );
    }
    const modifiers = (p.modifiers ?? []).map((m) => m.trim().toUpperCase());
    if (modifiers.length > MAX_MODIFIERS) add(`${at}.modifiers`, `may hold at most ${MAX_MODIFIERS} modifiers`);
    modifiers.forEach((m, j) => {
      if (!/^[0-9A-Z]{2}$/.test(m)) add(`${at}.modifiers[${j}]`, 'must be 2 letters or digits (25, 59, LT)');
      else if (modifiers.indexOf(m) !== j) add(`${at}.modifiers[${j}]`, 'is repeated');
    });
    const units = p.units ?? 1;
    if (!Number.isInteger(units) || units < 1 || units > 999) add(`${at}.units`, 'must be a whole number from 1 to 999');
    const pointers = [...(p.diagnosisPointers ?? [])];
    if (pointers.length === 0) add(`${at}.diagnosisPointers`, 'must point at 1 to 4 diagnoses');
    if (pointers.length > MAX_POINTERS) add(`${at}.diagnosisPointers`, `may point at at most ${MAX_POINTERS} diagnoses`);
    pointers.forEach((n, j) => {
      if (!Number.isInteger(n) || n < 1 || n > diagnoses.length) {
        add(
          `${at}.diagnosisPointers[${j}]`,
          diagnoses.length === 0
            ? 'points at a diagnosis, but none is listed'
            : `must name a diagnosis from 1 to ${diagnoses.length}`,
        );
      } else if (pointers.indexOf(n) !== j) {
        add(`${at}.diagnosisPointers[${j}]`, 'is repeated');
      }
    });
    if (p.chargeCents !== undefined && p.chargeCents !== null && (!Number.isInteger(p.chargeCents) || p.chargeCents < 0)) {
      add(`${at}.chargeCents`, 'must be a whole number of cents, 0 or more');
    }
    return {
      position: i + 1,
      code: p.code.trim().toUpperCase(),
      modifiers,
      units,
      diagnosisPointers: pointers,
      chargeCents: p.chargeCents ?? null,
      description: blank(p.description),
    };
  });
  return { violations, codes: { diagnoses: dx, procedures: px } };
}
