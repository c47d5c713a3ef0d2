import { describe, expect, it } from 'vitest';
import { isValidMrn } from './mrn.js';
import { parseBirthDate, parseSearchTerm } from './search-term.js';

const today = '2026-11-27';
const parse = (q: string) => parseSearchTerm(q, today, isValidMrn);

describe('parseBirthDate', () => {
  it('reads ISO and US forms', () => {
    expect(parseBirthDate('1984-03-07', today)).toBe('1984-03-07');
    expect(parseBirthDate('03/07/1984', today)).toBe('1984-03-07');
    expect(parseBirthDate('3/7/1984', today)).toBe('1984-03-07');
    expect(parseBirthDate('3-7-1984', today)).toBe('1984-03-07');
  });

  it('puts two-digit years in the past hundred years', () => {
    expect(parseBirthDate('3/7/84', today)).toBe('1984-03-07');
    expect(parseBirthDate('3/7/19', today)).toBe('2019-03-07');
    expect(parseBirthDate('3/7/26', today)).toBe('2026-03-07');
    expect(parseBirthDate('3/7/27', today)).toBe('1927-03-07');
  });

  it('refuses dates that do not exist', () => {
    expect(parseBirthDate('02/30/1984', today)).toBeNull();
    expect(parseBirthDate('2023-02-29', today)).toBeNull();
    expect(parseBirthDate('2024-02-29', today)).toBe('2024-02-29');
    expect(parseBirthDate('13/01/1984', today)).toBeNull();
  });
});

describe('parseSearchTerm', () => {
  it('is empty for blank input', () => {
    expect(parse('   ')).toEqual({ kind: 'empty' });
    expect(parse(' , ')).toEqual({ kind: 'empty' });
  });

  it('reads a date as a date-of-birth search', () => {
    expect(parse(' 1984-03-07 ')).toEqual({ kind: 'dob', date: '1984-03-07' });
  });

  it('reads digits as a phone number or an MRN', () => {
    expect(parse('(614) 555-0101')).toEqual({ kind: 'digits', digits: '6145550101', mrn: false });
    expect(parse('+1 614 555 0101')).toEqual({ kind: 'digits', digits: '6145550101', mrn: false });
    expect(parse('00000018')).toEqual({ kind: 'digits', digits: '00000018', mrn: true });
    expect(parse('614')).toEqual({ kind: 'digits', digits: '614', mrn: false });
  });

  it('reads one word as the start of either name', () => {
    expect(parse('Gar')).toEqual({ kind: 'name', alternatives: [{ family: 'Gar' }, { given: 'Gar' }] });
  });

  it('reads "family, given"', () => {
    expect(parse('Müller, Zo')).toEqual({ kind: 'name', alternatives: [{ family: 'Müller', given: 'Zo' }] });
    expect(parse('Müller,')).toEqual({ kind: 'name', alternatives: [{ family: 'Müller' }] });
    expect(parse(', Zo')).toEqual({ kind: 'name', alternatives: [{ given: 'Zo' }] });
  });

  it('reads two words either way round', () => {
    const t = parse('jose  garc');
    expect(t.kind).toBe('name');
    if (t.kind !== 'name') return;
    expect(t.alternatives).toContainEqual({ family: 'garc', given: 'jose' });
    expect(t.alternatives).toContainEqual({ family: 'jose', given: 'garc' });
  });

  it('allows family names of several words', () => {
    const t = parse('Ana de la Cruz');
    if (t.kind !== 'name') throw new Error('expected a name search');
    expect(t.alternatives).toContainEqual({ family: 'de la Cruz', given: 'Ana' });
    expect(t.alternatives).toContainEqual({ family: 'Ana de la Cruz' });
  });
});
