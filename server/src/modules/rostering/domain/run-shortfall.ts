// How far one run of a row misses its contract's run rules, for the row checks that work on typed
// arrays (the annealing's bookkeeping and row-feasible.ts; evaluate.ts states the same rules with
// messages). The run before the roster (model.ts RunBefore) is what makes day 0 special.
import type { Compiled } from './compile.js';

/**
 * The shortfall of the run of row e on days start..start+length-1, worked or off: a work run's
 * days over maxConsecutiveShifts or under minConsecutiveShifts, an off run's days under
 * minConsecutiveDaysOff (0: it keeps them). A run that reaches the horizon's end is exempt from
 * its minimum, since it may go on in the next roster. A run from day 0 continues the run before
 * the roster when it is of the same kind (their days count together), and otherwise ends it, so
 * that run is held to its own minimum; when nothing is known before day 0 it is exempt from its
 * minimum and counts only its own days, as the published benchmark has it.
 */
export function runShortfall(c: Compiled, e: number, worked: boolean, start: number, length: number): number {
  const atEnd = start + length === c.D;
  const before = start === 0 ? (c.runBefore[e] as number) : 0;
  let n = length;
  let minExempt = atEnd || (start === 0 && before === 0);
  let out = 0;
  if (before !== 0) {
    if (before > 0 === worked) n += Math.abs(before);
    else {
      // the run before ends the day before day 0, held to its minimum
      const min = before > 0 ? (c.minCons[e] as number) : (c.minOff[e] as number);
      if (Math.abs(before) < min) out += min - Math.abs(before);
    }
    minExempt = atEnd;
  }
  if (worked) {
    const maxCons = c.maxCons[e] as number;
    if (n > maxCons) out += n - maxCons;
    const minCons = c.minCons[e] as number;
    if (!minExempt && n < minCons) out += minCons - n;
  } else {
    const minOff = c.minOff[e] as number;
    if (!minExempt && n < minOff) out += minOff - n;
  }
  return out;
}
