import { describe, expect, it } from 'vitest';
import { lastNameKeys, matchBusiness, matchPerson, type ScreenedPerson } from './leie-match.js';
import { parseLeieLine } from './leie-record.js';

const row = (fields: Partial<Record<'last' | 'first' | 'bus' | 'npi' | 'dob' | 'wvrdate' | 'wvrstate', string>>) => {
  const q = (v: string) => `"${v}"`;
  const line = [
    q(fields.last ?? ''),
    q(fields.first ?? ''),
    q(''),
    q(fields.bus ?? ''),
    q('IND- LIC HC SERV PRO'),
    q('NURSE/NURSES AIDE'),
    q(''),
    q(fields.npi ?? '0000000000'),
    q(fields.dob ?? ''),
    q('1 MAIN ST'),
    q('TOWN'),
    q('OH'),
    q('43004'),
    q('1128b4'),
    q('20200101'),
    q('00000000'),
    q(fields.wvrdate ?? '00000000'),
    q(fields.wvrstate ?? ''),
  ].join(',');
  const parsed = parseLeieLine(line);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.record;
};

const john: ScreenedPerson = { firstName: 'John', lastName: 'Smith', formerLastNames: [], dateOfBirth: null, npi: null };

describe('matchPerson: the rules.md 3.3 test cases', () => {
  it('(a) the same NPI is a strong hit', () => {
    const m = matchPerson(
      { ...john, lastName: 'Other', npi: '1234567893' },
      row({ last: 'SMITH', first: 'JOHN', npi: '1234567893' }),
    );
    expect(m?.strength).toBe('strong');
    expect(m?.basis).toEqual(['npi']);
    expect(m?.notes).toContain('the NPI matches but the name does not');
  });
  it('(b) no NPI against "0000000000" is not an NPI match', () => {
    expect(
      matchPerson({ ...john, lastName: 'Other', npi: null }, row({ last: 'SMITH', first: 'JOHN', npi: '0000000000' })),
    ).toBeNull();
    // nor does a staff NPI written as zeros match the file's "none"
    expect(matchPerson({ ...john, lastName: 'Other', npi: '0000000000' }, row({ last: 'SMITH', npi: '0000000000' }))).toBeNull();
  });
  it('(c) Smith, John, 1960-01-01 against SMITH, JOHN, 19600101 is a strong hit', () => {
    const m = matchPerson({ ...john, dateOfBirth: '1960-01-01' }, row({ last: 'SMITH', first: 'JOHN', dob: '19600101' }));
    expect(m).toEqual({ strength: 'strong', basis: ['name_and_dob'], notes: [] });
  });
  it('(d) the same name with no DOB on the row is a possible hit', () => {
    const m = matchPerson({ ...john, dateOfBirth: '1960-01-01' }, row({ last: 'SMITH', first: 'JOHN', dob: '' }));
    expect(m?.strength).toBe('possible');
    expect(m?.basis).toEqual(['name']);
    expect(m?.notes).toEqual(['the row has no date of birth']);
  });
  it('(e) vendor "Ridge Analytics LLC" against BUSNAME "RIDGE ANALYTICS INC" is a possible hit', () => {
    expect(matchBusiness('Ridge Analytics LLC', row({ bus: 'RIDGE ANALYTICS INC' }))?.strength).toBe('possible');
    expect(matchBusiness('Ridge Analytic Partners', row({ bus: 'RIDGE ANALYTICS INC' }))).toBeNull();
  });
});

describe('matchPerson', () => {
  it('a different DOB leaves a possible hit, and says so', () => {
    const m = matchPerson({ ...john, dateOfBirth: '1961-01-01' }, row({ last: 'SMITH', first: 'JOHN', dob: '19600101' }));
    expect(m).toMatchObject({ strength: 'possible', notes: ['the dates of birth differ'] });
  });
  it('no DOB on file for the staff member leaves a possible hit', () => {
    expect(matchPerson(john, row({ last: 'SMITH', first: 'JOHN', dob: '19600101' }))?.notes).toEqual([
      'no date of birth on file for the staff member',
    ]);
  });
  it('normalizes both sides: case, accents, punctuation, suffixes', () => {
    const p = { ...john, firstName: 'josé', lastName: "O'Brien Jr.", dateOfBirth: '1970-05-06' };
    expect(matchPerson(p, row({ last: 'OBRIEN', first: 'JOSE', dob: '19700506' }))?.strength).toBe('strong');
  });
  it('searches former last names', () => {
    const p = { ...john, firstName: 'Mary', lastName: 'Jones', formerLastNames: ['Hall'], dateOfBirth: '1972-12-28' };
    const m = matchPerson(p, row({ last: 'HALL', first: 'MARY', dob: '19721228' }));
    expect(m?.strength).toBe('strong');
    expect(m?.notes).toContain('matched on a former last name');
    expect(lastNameKeys(p)).toEqual(['JONES', 'HALL']);
  });
  it('a first initial matches only where one side is an initial or the DOBs agree', () => {
    expect(matchPerson(john, row({ last: 'SMITH', first: 'J' }))?.basis).toEqual(['last_name_and_initial']);
    expect(matchPerson(john, row({ last: 'SMITH', first: 'JAMES' }))).toBeNull();
    const dated = { ...john, dateOfBirth: '1960-01-01' };
    expect(matchPerson(dated, row({ last: 'SMITH', first: 'JON', dob: '19600101' }))?.strength).toBe('possible');
  });
  it('another first name or last name is no match', () => {
    expect(matchPerson(john, row({ last: 'SMITH', first: 'ALICE' }))).toBeNull();
    expect(matchPerson(john, row({ last: 'SMYTHE', first: 'JOHN' }))).toBeNull();
    expect(matchPerson(john, row({ bus: 'SMITH JOHN INC' }))).toBeNull();
  });
  it('NPI and name together list both bases', () => {
    const m = matchPerson(
      { ...john, npi: '1234567893', dateOfBirth: '1960-01-01' },
      row({ last: 'SMITH', first: 'JOHN', npi: '1234567893', dob: '19600101' }),
    );
    expect(m?.basis).toEqual(['npi', 'name_and_dob']);
  });
  it('flags a waiver for review instead of clearing', () => {
    const m = matchPerson(
      { ...john, dateOfBirth: '1960-01-01' },
      row({ last: 'SMITH', first: 'JOHN', dob: '19600101', wvrdate: '20210301', wvrstate: 'OH' }),
    );
    expect(m?.strength).toBe('strong');
    expect(m?.notes).toEqual(['the row carries a waiver for OH: review it']);
  });
});
