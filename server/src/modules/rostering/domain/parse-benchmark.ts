// Reads the Curtois & Qu shift scheduling format (schedulingbenchmarks.org/nrp): sections of
// comma-separated lines, `#` comment lines, CRLF or LF. Every problem is reported with its line
// number, because these files are edited by hand and a silent skip would change the instance.
import type { CoverDemand, Employee, RosterProblem, ShiftRequest, ShiftType } from './model.js';

export class InstanceFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const SECTIONS = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const;
type Section = (typeof SECTIONS)[number];

const STAFF_FIELDS = [
  'ID',
  'MaxShifts',
  'MaxTotalMinutes',
  'MinTotalMinutes',
  'MaxConsecutiveShifts',
  'MinConsecutiveShifts',
  'MinConsecutiveDaysOff',
  'MaxWeekends',
] as const;

export function parseBenchmarkInstance(text: string): RosterProblem {
  let section: Section | null = null;
  let horizon: number | null = null;
  let horizonLine = 0;
  const shifts: ShiftType[] = [];
  const shiftLines: number[] = [];
  const employees: Employee[] = [];
  const daysOff: Record<string, number[]> = {};
  const on: ShiftRequest[] = [];
  const off: ShiftRequest[] = [];
  const cover: CoverDemand[] = [];
  const seen = new Set<Section>();
  // references to shifts, employees and days are checked once every section is read
  const checks: (() => void)[] = [];

  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('SECTION_')) {
      if (!(SECTIONS as readonly string[]).includes(line)) throw new InstanceFormatError(n, `unknown section ${line}`);
      section = line as Section;
      if (seen.has(section)) throw new InstanceFormatError(n, `${section} appears twice`);
      seen.add(section);
      return;
    }
    if (!section) throw new InstanceFormatError(n, `data before the first section: "${line}"`);
    const sec: Section = section;
    const fail = (message: string): never => {
      throw new InstanceFormatError(n, `${sec}: ${message}`);
    };
    const whole = (field: string, v: string | undefined, min = 0): number => {
      const s = (v ?? '').trim();
      if (!/^-?\d+$/.test(s)) fail(`${field} "${s}" is not a whole number`);
      const x = Number(s);
      if (x < min) fail(`${field} ${x} is below ${min}`);
      return x;
    };
    const fields = line.split(',').map((f) => f.trim());
    const arity = (k: number) => {
      if (fields.length !== k) fail(`expected ${k} comma-separated fields, found ${fields.length}: "${line}"`);
    };
    const dayIn = (field: string, v: string | undefined) => {
      const d = whole(field, v);
      checks.push(() => {
        if (horizon !== null && d >= horizon) fail(`${field} ${d} is outside the horizon 0..${horizon - 1}`);
      });
      return d;
    };
    const shiftRef = (field: string, id: string) =>
      checks.push(() => {
        if (!shifts.some((s) => s.id === id)) fail(`${field} "${id}" is not a shift in SECTION_SHIFTS`);
      });
    const employeeRef = (id: string) =>
      checks.push(() => {
        if (!employees.some((e) => e.id === id)) fail(`EmployeeID "${id}" is not in SECTION_STAFF`);
      });

    switch (sec) {
      case 'SECTION_HORIZON':
        if (horizon !== null) fail('the horizon is given twice');
        arity(1);
        horizon = whole('horizon', fields[0], 1);
        horizonLine = n;
        return;
      case 'SECTION_SHIFTS': {
        if (fields.length !== 2 && fields.length !== 3) fail(`expected ShiftID,LengthMins,CannotFollow, found "${line}"`);
        const id = fields[0] ?? '';
        if (!id) fail('empty ShiftID');
        if (shifts.some((s) => s.id === id)) fail(`shift ${id} is defined twice`);
        const cannotFollow = (fields[2] ?? '').split('|').filter((x) => x !== '');
        for (const u of cannotFollow) shiftRef('CannotFollow', u);
        shifts.push({ id, minutes: whole('LengthMins', fields[1], 1), cannotFollow });
        shiftLines.push(n);
        return;
      }
      case 'SECTION_STAFF': {
        arity(STAFF_FIELDS.length);
        const id = fields[0] ?? '';
        if (!id) fail('empty ID');
        if (employees.some((e) => e.id === id)) fail(`employee ${id} is listed twice`);
        const maxShifts: Record<string, number> = {};
        for (const part of (fields[1] ?? '').split('|').filter((x) => x !== '')) {
          const [t = '', v, ...rest] = part.split('=');
          if (v === undefined || rest.length) fail(`MaxShifts "${part}" is not of the form ShiftID=n`);
          shiftRef('MaxShifts', t);
          maxShifts[t] = whole(`MaxShifts ${t}`, v);
        }
        const [, , maxTotal, minTotal, maxCons, minCons, minOff, maxWe] = fields;
        employees.push({
          id,
          maxShifts,
          maxTotalMinutes: whole('MaxTotalMinutes', maxTotal),
          minTotalMinutes: whole('MinTotalMinutes', minTotal),
          maxConsecutiveShifts: whole('MaxConsecutiveShifts', maxCons),
          minConsecutiveShifts: whole('MinConsecutiveShifts', minCons),
          minConsecutiveDaysOff: whole('MinConsecutiveDaysOff', minOff),
          maxWeekends: whole('MaxWeekends', maxWe),
        });
        return;
      }
      case 'SECTION_DAYS_OFF': {
        if (fields.length < 2) fail(`expected EmployeeID,Day[,Day...], found "${line}"`);
        const id = fields[0] ?? '';
        employeeRef(id);
        const list = daysOff[id] ?? [];
        daysOff[id] = list;
        for (const v of fields.slice(1)) list.push(dayIn('Day', v));
        return;
      }
      case 'SECTION_SHIFT_ON_REQUESTS':
      case 'SECTION_SHIFT_OFF_REQUESTS': {
        arity(4);
        const [id = '', day, shift = '', weight] = fields;
        employeeRef(id);
        shiftRef('ShiftID', shift);
        (sec === 'SECTION_SHIFT_ON_REQUESTS' ? on : off).push({
          employee: id,
          day: dayIn('Day', day),
          shift,
          weight: whole('Weight', weight),
        });
        return;
      }
      case 'SECTION_COVER': {
        arity(5);
        const [day, shift = '', req, wu, wo] = fields;
        shiftRef('ShiftID', shift);
        const d = dayIn('Day', day);
        if (cover.some((c) => c.day === d && c.shift === shift)) fail(`cover for day ${d}, shift ${shift} is given twice`);
        cover.push({
          day: d,
          shift,
          requirement: whole('Requirement', req),
          weightUnder: whole('WeightUnder', wu),
          weightOver: whole('WeightOver', wo),
        });
        return;
      }
    }
  });
  const end = lines.length;
  if (horizon === null) throw new InstanceFormatError(horizonLine || end, 'SECTION_HORIZON with the number of days is missing');
  if (!shifts.length) throw new InstanceFormatError(end, 'SECTION_SHIFTS lists no shift');
  if (!employees.length) throw new InstanceFormatError(end, 'SECTION_STAFF lists no employee');
  for (const check of checks) check();
  return { horizonDays: horizon, shifts, employees, daysOff, shiftOnRequests: on, shiftOffRequests: off, cover };
}
