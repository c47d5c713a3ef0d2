import { describe, expect, it } from 'vitest';
import { parseBenchmarkInstance } from './parse-benchmark.js';

const lines = [
  '# a synthetic instance',
  'SECTION_HORIZON',
  '# days',
  '7',
  '',
  'SECTION_SHIFTS',
  'D,480,',
  'N,600,D|E',
  'E,360,',
  '',
  'SECTION_STAFF',
  'A,D=7|N=2|E=0,2400,960,5,2,2,1',
  'B,D=7,2880,0,6,1,1,2',
  '',
  'SECTION_DAYS_OFF',
  'A,0,6',
  '',
  'SECTION_SHIFT_ON_REQUESTS',
  'B,3,N,2',
  '',
  'SECTION_SHIFT_OFF_REQUESTS',
  'A,2,D,3',
  '',
  'SECTION_COVER',
  '0,D,1,100,1',
  '1,N,2,100,1',
];
const text = (ls: string[]) => `${ls.join('\r\n')}\r\n`;

describe('parseBenchmarkInstance', () => {
  it('reads every section of a CRLF file with comments', () => {
    const p = parseBenchmarkInstance(text(lines));
    expect(p.horizonDays).toBe(7);
    expect(p.shifts).toEqual([
      { id: 'D', minutes: 480, cannotFollow: [] },
      { id: 'N', minutes: 600, cannotFollow: ['D', 'E'] },
      { id: 'E', minutes: 360, cannotFollow: [] },
    ]);
    expect(p.employees[0]).toEqual({
      id: 'A',
      maxShifts: { D: 7, N: 2, E: 0 },
      maxTotalMinutes: 2400,
      minTotalMinutes: 960,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
    });
    expect(p.daysOff).toEqual({ A: [0, 6] });
    expect(p.shiftOnRequests).toEqual([{ employee: 'B', day: 3, shift: 'N', weight: 2 }]);
    expect(p.shiftOffRequests).toEqual([{ employee: 'A', day: 2, shift: 'D', weight: 3 }]);
    expect(p.cover).toEqual([
      { day: 0, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 },
      { day: 1, shift: 'N', requirement: 2, weightUnder: 100, weightOver: 1 },
    ]);
  });

  it('names the line and the field of a malformed instance', () => {
    const broken = (n: number, replacement: string) => {
      const copy = [...lines];
      copy[n - 1] = replacement;
      return () => parseBenchmarkInstance(text(copy));
    };
    expect(broken(12, 'A,D=7,abc,960,5,2,2,1')).toThrow('line 12: SECTION_STAFF: MaxTotalMinutes "abc" is not a whole number');
    expect(broken(12, 'A,D=7,2400,960,5,2,2')).toThrow('line 12: SECTION_STAFF: expected 8 comma-separated fields');
    expect(broken(8, 'N,600,D|X')).toThrow('line 8: SECTION_SHIFTS: CannotFollow "X" is not a shift in SECTION_SHIFTS');
    expect(broken(16, 'A,0,7')).toThrow('line 16: SECTION_DAYS_OFF: Day 7 is outside the horizon 0..6');
    expect(broken(19, 'Z,3,N,2')).toThrow('line 19: SECTION_SHIFT_ON_REQUESTS: EmployeeID "Z" is not in SECTION_STAFF');
    expect(broken(26, '1,N,two,100,1')).toThrow('line 26: SECTION_COVER: Requirement "two" is not a whole number');
    expect(broken(26, '0,D,1,100,1')).toThrow('line 26: SECTION_COVER: cover for day 0, shift D is given twice');
    expect(broken(11, 'SECTION_PEOPLE')).toThrow('line 11: unknown section SECTION_PEOPLE');
    expect(broken(4, 'seven')).toThrow('line 4: SECTION_HORIZON: horizon "seven" is not a whole number');
    expect(() => parseBenchmarkInstance('7\r\n')).toThrow('line 1: data before the first section');
  });
});
