// Name keys for LEIE matching (rules.md 3.3 step 1): upper case, accents folded, punctuation and
// spaces removed, so "O'Brien", "OBRIEN" and "O Brien" meet, as do "De la Cruz" and "DELACRUZ".

const GENERATIONAL = new Set(['JR', 'SR', 'II', 'III', 'IV', 'V']);
// Legal-form words at the end of a business name: "Ridge Analytics LLC" is "RIDGE ANALYTICS INC".
const LEGAL_FORMS = new Set([
  'INC',
  'INCORPORATED',
  'LLC',
  'LLP',
  'LP',
  'LTD',
  'LIMITED',
  'CORP',
  'CORPORATION',
  'CO',
  'COMPANY',
  'PC',
  'PA',
  'PLLC',
  'PLC',
  'THE',
]);

/** Upper-case words without accents or punctuation; an apostrophe joins ("O'Brien" is one word). */
function words(raw: string): string[] {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/['’`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

/** The key of a person's name part; null when nothing is left (a blank LEIE field). */
export function nameKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const w = words(raw);
  // "SMITH JR" and "SMITH" are the same family name for screening; a lone "V" stays a name.
  while (w.length > 1 && GENERATIONAL.has(w[w.length - 1] ?? '')) w.pop();
  const key = w.join('');
  return key.length > 0 ? key : null;
}

/** The key of a business name, without its legal form: "Ridge Analytics, L.L.C." -> "RIDGEANALYTICS". */
export function businessKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // "L.L.C." becomes the words L, L, C: join runs of single letters back first.
  const w = words(raw.replace(/\b([A-Za-z])\.(?=[A-Za-z]\.)/g, '$1').replace(/\b([A-Za-z])\.(?=\s|$|,)/g, '$1'));
  while (w.length > 1 && LEGAL_FORMS.has(w[w.length - 1] ?? '')) w.pop();
  while (w.length > 1 && w[0] === 'THE') w.shift();
  const key = w.join('');
  return key.length > 0 ? key : null;
}
