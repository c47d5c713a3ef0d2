import { describe, expect, it } from 'vitest';
import { LEIE_COLUMNS, leieDate, leieHeaderProblem, parseLeieLine, splitCsvLine } from './leie-record.js';

const HEADER = LEIE_COLUMNS.join(',');
// The sample row captured in rules.md 3.2.
const BEST_CARE =
  '"","","","1 BEST CARE, INC","OTHER BUSINESS","HOME HEALTH AGENCY","","0000000000","","2161 UNIVERSITY AVENUE W, STE","SAINT PAUL","MN","55114","1128b5","20230518","00000000","00000000",""';

describe('splitCsvLine', () => {
  it('splits quoted fields holding commas and doubled quotes', () => {
    expect(splitCsvLine('"a, b","say ""hi""","",c')).toEqual(['a, b', 'say "hi"', '', 'c']);
  });
  it('splits an unquoted header and keeps a trailing empty field', () => {
    expect(splitCsvLine('A,B,')).toEqual(['A', 'B', '']);
  });
  it('refuses an unclosed quote or text after a closing quote', () => {
    expect(splitCsvLine('"abc,def')).toBeNull();
    expect(splitCsvLine('"abc"x,def')).toBeNull();
  });
});

describe('leieHeaderProblem', () => {
  it('accepts the exact header, also quoted, with a BOM or CRLF', () => {
    expect(leieHeaderProblem(HEADER)).toBeNull();
    expect(leieHeaderProblem(`\uFEFF${HEADER}\r`)).toBeNull();
    expect(leieHeaderProblem(LEIE_COLUMNS.map((c) => `"${c}"`).join(','))).toBeNull();
  });
  it("names the wrong column: WAIVERSTATE is not the file's WVRSTATE", () => {
    expect(leieHeaderProblem(HEADER.replace('WVRSTATE', 'WAIVERSTATE'))).toBe(
      'header column 18 is WAIVERSTATE, expected WVRSTATE',
    );
  });
  it('names a missing or extra column', () => {
    expect(leieHeaderProblem(LEIE_COLUMNS.slice(0, 17).join(','))).toBe(
      'the header has 17 columns, the LEIE has 18 (missing WVRSTATE)',
    );
    expect(leieHeaderProblem(`${HEADER},EXTRA`)).toBe('the header has 19 columns, the LEIE has 18 (extra EXTRA)');
  });
  it('refuses a data line given as the header', () => {
    expect(leieHeaderProblem(BEST_CARE)).toBe('header column 1 is (empty), expected LASTNAME');
  });
});

describe('leieDate', () => {
  it('reads YYYYMMDD and treats 00000000 and blank as none', () => {
    expect(leieDate('20230518')).toEqual({ ok: true, value: '2023-05-18' });
    expect(leieDate('00000000')).toEqual({ ok: true, value: null });
    expect(leieDate('')).toEqual({ ok: true, value: null });
  });
  it('refuses other shapes and impossible dates', () => {
    expect(leieDate('2023-05-18').ok).toBe(false);
    expect(leieDate('05/18/2023').ok).toBe(false);
    expect(leieDate('20230230').ok).toBe(false);
  });
});

describe('parseLeieLine', () => {
  it('reads the captured entity row: zeros NPI and dates as none, no DOB, comma inside a field', () => {
    const r = parseLeieLine(BEST_CARE);
    expect(r).toEqual({
      ok: true,
      record: expect.objectContaining({
        lastName: null,
        busName: '1 BEST CARE, INC',
        busKey: '1BESTCARE',
        npi: null,
        dob: null,
        address: '2161 UNIVERSITY AVENUE W, STE',
        exclType: '1128b5',
        exclDate: '2023-05-18',
        reinDate: null,
        waiverDate: null,
        waiverState: null,
      }),
    });
  });
  it('reads an individual with NPI and DOB, with a CRLF line end', () => {
    const r = parseLeieLine(
      '"SMITH","JOHN","Q","","IND- LIC HC SERV PRO","PHYSICIAN","","1234567893","19600101","1 MAIN ST","TOWN","OH","43004","1128a1","20200101","00000000","00000000",""\r',
    );
    expect(r.ok && r.record).toMatchObject({ lastKey: 'SMITH', firstKey: 'JOHN', npi: '1234567893', dob: '1960-01-01' });
  });
  it('says what is wrong with a broken line', () => {
    expect(parseLeieLine('"SMITH","JOHN"')).toEqual({ ok: false, problem: '2 fields, expected 18' });
    expect(parseLeieLine(BEST_CARE.replace('"20230518"', '"2023-05-18"'))).toEqual({
      ok: false,
      problem: 'EXCLDATE "2023-05-18" is not a YYYYMMDD date',
    });
    expect(parseLeieLine(BEST_CARE.replace('"0000000000"', '"12345"'))).toEqual({
      ok: false,
      problem: 'NPI "12345" is not 10 digits',
    });
    expect(parseLeieLine(BEST_CARE.replace('"1 BEST CARE, INC"', '""'))).toEqual({
      ok: false,
      problem: 'neither LASTNAME nor BUSNAME is given',
    });
  });
});
