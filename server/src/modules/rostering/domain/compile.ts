// The problem flattened into typed arrays for the solver's inner loop: indices instead of ids,
// one lookup per (employee, day, value) for the request penalty, and cover demands grouped so an
// employee touches only the groups (all staff, or a skill) they count toward.
import {
  firstWeekStart,
  type Roster,
  type RosterProblem,
  runBeforeOf,
  sundayAtStart,
  weekendOf,
  workweekCount,
} from './model.js';

export type Compiled = {
  E: number;
  D: number;
  S: number;
  shiftIds: string[];
  len: Int32Array;
  /** cf[t * S + u] = 1: u may not be worked the day after t. */
  cf: Uint8Array;
  /** allowed[(e * D + d) * S + t] = 1: e may be placed on t on day d (days off, gate, MaxShifts = 0). */
  allowed: Uint8Array;
  maxShifts: Int32Array;
  maxMin: Int32Array;
  minMin: Int32Array;
  maxCons: Int32Array;
  minCons: Int32Array;
  minOff: Int32Array;
  maxWe: Int32Array;
  /** The run each person is in on the day before day 0 (model.ts RunBefore): +n days worked, -n days off, 0 not known. */
  runBefore: Int16Array;
  /** cell[(e * D + d) * (S + 1) + v + 1]: request penalty (and, in repair, change penalty) of value v (-1 = off). */
  cell: Float64Array;
  G: number;
  req: Int32Array;
  wu: Float64Array;
  wo: Float64Array;
  /** The cover groups each employee counts toward. */
  groups: Int32Array[];
  /** Minutes of the shortest shift: the unit a minutes shortfall is counted in while searching. */
  minuteUnit: number;
  /**
   * The row-local soft terms (model.ts OvertimeTerm and FairnessTerm, priced by row-soft-cost.ts).
   * rowTerms[e] = 1: employee e has one; anyRowTerms is false when nobody has, so the search can
   * skip them altogether (the benchmark instances).
   */
  anyRowTerms: boolean;
  rowTerms: Uint8Array;
  /** Minutes a week before overtime, and its weight per minute (0: no overtime term). */
  otMinutes: Int32Array;
  otWeight: Float64Array;
  /** Where e's first workweek begins, in minutes from day 0's midnight (model.ts firstWeekStart: -10079..0). */
  otStart: Int32Array;
  /** How many of e's workweeks begin before the horizon ends (the ones counted). */
  otWeeks: Int32Array;
  /** otBefore[e * otStride + k]: minutes e worked in workweek k before the roster (model.ts minutesBefore). */
  otBefore: Float64Array;
  otStride: number;
  /** start[t]: the minute of its day shift t starts (0 without a start time); timed[t] = 1 when it has one (then it may be split at a workweek boundary). */
  start: Int32Array;
  timed: Uint8Array;
  /** night[e * S + t] = 1: shift t counts as a night for e's fairness term. */
  night: Uint8Array;
  /**
   * The weekend each day falls in (model.ts weekendOf: -1 on a weekday, and on a Sunday at day 0,
   * whose weekend is the roster before's), and weekendFirst[d] = 1 where d is the first day of its
   * weekend (its Saturday): working it starts a weekend worked, as does working the Sunday after a
   * Saturday off.
   */
  weekend: Int16Array;
  weekendFirst: Uint8Array;
  /** sundayAtStart[e] = 1: day 0 is a weekend of e's own in this roster (model.ts sundayAtStart). */
  sundayAtStart: Uint8Array;
  /** Fairness targets (+Infinity: not counted) and weight per night or weekend over them. */
  nightTarget: Float64Array;
  weekendTarget: Float64Array;
  fairWeight: Float64Array;
};

export function compileProblem(p: RosterProblem): Compiled {
  const E = p.employees.length;
  const D = p.horizonDays;
  const weekend = Int16Array.from({ length: D }, (_, d) => weekendOf(d, p.startWeekday));
  const weekendFirst = Uint8Array.from(weekend, (w, d) => (w >= 0 && (d === 0 || weekend[d - 1] !== w) ? 1 : 0));
  const S = p.shifts.length;
  const shiftIds = p.shifts.map((s) => s.id);
  const sIndex = new Map(shiftIds.map((id, i) => [id, i]));
  const eIndex = new Map(p.employees.map((e, i) => [e.id, i]));
  const len = Int32Array.from(p.shifts.map((s) => s.minutes));
  const cf = new Uint8Array(S * S);
  p.shifts.forEach((s, t) => {
    for (const u of s.cannotFollow) {
      const ui = sIndex.get(u);
      if (ui !== undefined) cf[t * S + ui] = 1;
    }
  });
  const allowed = new Uint8Array(E * D * S).fill(1);
  const maxShifts = new Int32Array(E * S).fill(D + 1);
  p.employees.forEach((emp, e) => {
    for (const [t, n] of Object.entries(emp.maxShifts)) {
      const ti = sIndex.get(t);
      if (ti === undefined) continue;
      maxShifts[e * S + ti] = n;
      if (n === 0) for (let d = 0; d < D; d++) allowed[(e * D + d) * S + ti] = 0;
    }
    for (const d of p.daysOff[emp.id] ?? []) if (d >= 0 && d < D) allowed.fill(0, (e * D + d) * S, (e * D + d + 1) * S);
  });
  // the solver keeps out of both kinds alike: it never breaks cannotFollow either
  for (const x of [...(p.disallowed ?? []), ...(p.restBefore ?? [])]) {
    const e = eIndex.get(x.employee);
    if (e === undefined || x.day < 0 || x.day >= D) continue;
    if (x.shift === undefined) allowed.fill(0, (e * D + x.day) * S, (e * D + x.day + 1) * S);
    else {
      const t = sIndex.get(x.shift);
      if (t !== undefined) allowed[(e * D + x.day) * S + t] = 0;
    }
  }
  const field = (f: (i: number) => number) => Int32Array.from({ length: E }, (_, i) => f(i));
  const emp = (i: number) => p.employees[i] as RosterProblem['employees'][number];

  const cell = new Float64Array(E * D * (S + 1));
  for (const r of p.shiftOnRequests) {
    const e = eIndex.get(r.employee);
    const t = sIndex.get(r.shift);
    if (e === undefined || t === undefined) continue;
    const base = (e * D + r.day) * (S + 1);
    // paid unless exactly this shift is worked
    for (let v = -1; v < S; v++) if (v !== t) cell[base + v + 1] = (cell[base + v + 1] as number) + r.weight;
  }
  for (const r of p.shiftOffRequests) {
    const e = eIndex.get(r.employee);
    const t = sIndex.get(r.shift);
    if (e === undefined || t === undefined) continue;
    const k = (e * D + r.day) * (S + 1) + t + 1;
    cell[k] = (cell[k] as number) + r.weight;
  }

  const skills = [...new Set(p.cover.flatMap((c) => (c.skill === undefined ? [] : [c.skill])))];
  const G = 1 + skills.length;
  const req = new Int32Array(G * D * S);
  const wu = new Float64Array(G * D * S);
  const wo = new Float64Array(G * D * S);
  for (const c of p.cover) {
    const t = sIndex.get(c.shift);
    if (t === undefined || c.day < 0 || c.day >= D) continue;
    const g = c.skill === undefined ? 0 : 1 + skills.indexOf(c.skill);
    const k = (g * D + c.day) * S + t;
    req[k] = c.requirement;
    wu[k] = c.weightUnder;
    wo[k] = c.weightOver;
  }
  const rowTerms = new Uint8Array(E);
  const otMinutes = new Int32Array(E);
  const otWeight = new Float64Array(E);
  const otStart = new Int32Array(E);
  const otWeeks = Int32Array.from(p.employees, (emp) => workweekCount(emp.overtime ? firstWeekStart(emp.overtime) : 0, D));
  const otStride = Math.max(0, ...otWeeks);
  const otBefore = new Float64Array(E * otStride);
  const night = new Uint8Array(E * S);
  const nightTarget = new Float64Array(E).fill(Number.POSITIVE_INFINITY);
  const weekendTarget = new Float64Array(E).fill(Number.POSITIVE_INFINITY);
  const fairWeight = new Float64Array(E);
  p.employees.forEach((emp, e) => {
    if (emp.overtime && emp.overtime.weightPerMinute !== 0) {
      rowTerms[e] = 1;
      otMinutes[e] = emp.overtime.weeklyMinutes;
      otWeight[e] = emp.overtime.weightPerMinute;
      otStart[e] = firstWeekStart(emp.overtime);
      const before = emp.overtime.minutesBefore ?? [];
      for (let k = 0; k < (otWeeks[e] as number); k++) otBefore[e * otStride + k] = before[k] ?? 0;
    }
    const f = emp.fairness;
    if (f && f.weight !== 0 && (f.nightTarget !== undefined || f.weekendTarget !== undefined)) {
      rowTerms[e] = 1;
      fairWeight[e] = f.weight;
      nightTarget[e] = f.nightTarget ?? Number.POSITIVE_INFINITY;
      weekendTarget[e] = f.weekendTarget ?? Number.POSITIVE_INFINITY;
      for (const t of f.nightShifts) {
        const ti = sIndex.get(t);
        if (ti !== undefined) night[e * S + ti] = 1;
      }
    }
  });
  const groups = p.employees.map((e) =>
    Int32Array.from([0, ...skills.flatMap((s, i) => (e.skills?.includes(s) ? [1 + i] : []))]),
  );
  return {
    E,
    D,
    S,
    shiftIds,
    len,
    cf,
    allowed,
    maxShifts,
    maxMin: field((i) => emp(i).maxTotalMinutes),
    minMin: field((i) => emp(i).minTotalMinutes),
    maxCons: field((i) => emp(i).maxConsecutiveShifts),
    minCons: field((i) => emp(i).minConsecutiveShifts),
    minOff: field((i) => emp(i).minConsecutiveDaysOff),
    maxWe: field((i) => emp(i).maxWeekends),
    runBefore: Int16Array.from(p.employees, runBeforeOf),
    sundayAtStart: Uint8Array.from(p.employees, (emp) => (sundayAtStart(p.startWeekday, emp) ? 1 : 0)),
    cell,
    G,
    req,
    wu,
    wo,
    groups,
    minuteUnit: Math.max(1, Math.min(...p.shifts.map((s) => s.minutes))),
    anyRowTerms: rowTerms.includes(1),
    rowTerms,
    otMinutes,
    otWeight,
    otStart,
    otWeeks,
    otBefore,
    otStride,
    start: Int32Array.from(p.shifts.map((s) => s.startMinute ?? 0)),
    timed: Uint8Array.from(p.shifts.map((s) => (s.startMinute === undefined ? 0 : 1))),
    weekend,
    weekendFirst,
    night,
    nightTarget,
    weekendTarget,
    fairWeight,
  };
}

/** Weekends worked in employee e's row at x[offset..offset + D): each weekend with either of its days worked. */
export function weekendsWorked(c: Compiled, e: number, x: ArrayLike<number>, offset = 0): number {
  let n = c.sundayAtStart[e] && (x[offset] as number) >= 0 ? 1 : 0;
  for (let d = 0; d < c.D; d++)
    if (
      c.weekendFirst[d] &&
      ((x[offset + d] as number) >= 0 || (d + 1 < c.D && c.weekend[d + 1] === c.weekend[d] && (x[offset + d + 1] as number) >= 0))
    )
      n++;
  return n;
}

/** The largest cover weight (under or over), at least 1: the scale of the annealing's temperatures and penalties. */
export function largestCoverWeight(c: Compiled): number {
  let w = 1;
  for (let k = 0; k < c.wu.length; k++) w = Math.max(w, c.wu[k] as number, c.wo[k] as number);
  return w;
}

export function encodeRoster(c: Compiled, roster: Roster): Int16Array {
  const x = new Int16Array(c.E * c.D).fill(-1);
  const index = new Map(c.shiftIds.map((id, i) => [id, i]));
  for (let e = 0; e < c.E; e++)
    for (let d = 0; d < c.D; d++) {
      const s = roster[e]?.[d];
      if (s) x[e * c.D + d] = index.get(s) ?? -1;
    }
  return x;
}

export function decodeRoster(c: Compiled, x: Int16Array): (string | null)[][] {
  return Array.from({ length: c.E }, (_, e) =>
    Array.from({ length: c.D }, (_, d) => {
      const v = x[e * c.D + d] ?? -1;
      return v < 0 ? null : (c.shiftIds[v] ?? null);
    }),
  );
}
