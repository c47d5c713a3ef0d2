// Column generation over a window of days, the rest of the roster held: a large-neighbourhood
// search for rosters too long for a root over the whole horizon (182 days and 100 people take
// seconds a pricing round, see column-generation-root.ts). Each step frees WINDOW_DAYS days of
// every employee's row, prices and dives over them alone (restricted-master.ts MasterWindow: the
// row programmes keep each row's other days, so runs, minutes, weekends and shift counts are still
// checked over the whole row), and keeps the roster when it is no worse. Windows overlap by half
// and sweep the horizon from a random start, so every boundary is inside some window. A whole
// sweep that improves nothing means no two-week change helps: the windows then double in length
// (up to the whole horizon), so a change that needs more days at once can still be found.
import { priceAndDive } from './column-generation.js';
import type { Compiled } from './compile.js';
import type { MasterLpFactory } from './master-lp.js';
import { seededRandom } from './random.js';

/** Days a window frees: two weeks, so a window holds whole weekends and the runs across them. */
export const WINDOW_DAYS = 14;
/** Share of a window's time for its root; the rest is for its dive. */
const ROOT_SHARE = 0.6;

export type WindowSearchOptions = {
  clock: () => number;
  /** Clock value by which the search ends. */
  deadline: number;
  /** Time each window may take (its root and one dive). */
  windowMs: number;
  shouldStop?: () => boolean;
  seed?: number;
  /** The objective of a roster a dive ended in, by the evaluator (the master's LP leaves out the cover outside the window). */
  judge: (roster: Int16Array) => number;
};

export type WindowSearchResult = {
  roster: Int16Array;
  objective: number;
  /** Windows priced, and those whose dive gave a better roster. */
  windows: number;
  improved: number;
  /** Days the last window freed: WINDOW_DAYS, or more after sweeps that improved nothing. */
  windowDays: number;
};

export function windowSearch(
  c: Compiled,
  start: Int16Array,
  startObjective: number,
  factory: MasterLpFactory,
  opts: WindowSearchOptions,
): WindowSearchResult {
  const { D } = c;
  let length = Math.min(D, WINDOW_DAYS);
  let stride = Math.max(1, Math.floor(length / 2));
  /** Windows since the last one that improved. */
  let unimproved = 0;
  const rnd = seededRandom(opts.seed ?? 1);
  let from = rnd.int(D);
  let roster = start;
  let objective = startObjective;
  let windows = 0;
  let improved = 0;
  const stop = () => opts.clock() >= opts.deadline || opts.shouldStop?.() === true;
  while (!stop()) {
    // a window that would run past the end starts earlier instead, so each holds `length` days
    const lo = Math.min(from, D - length);
    const now = opts.clock();
    const until = Math.min(opts.deadline, now + opts.windowMs);
    windows++;
    let found: Int16Array | null = null;
    let foundObjective = objective;
    priceAndDive(c, roster, factory, {
      clock: opts.clock,
      rootDeadline: now + (until - now) * ROOT_SHARE,
      deadline: until,
      maxDives: 1,
      window: { from: lo, to: lo + length },
      ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
      onRoster: (x) => {
        const value = opts.judge(x);
        if (value <= foundObjective) {
          foundObjective = value;
          found = Int16Array.from(x);
        }
      },
    });
    // found is set only for a roster no worse than the current one
    if (foundObjective < objective) {
      improved++;
      unimproved = 0;
    } else unimproved++;
    if (found) {
      roster = found;
      objective = foundObjective;
    }
    // after the window that ends the horizon, the next starts it (not the same clamped one again)
    from = lo + length >= D ? 0 : lo + stride;
    // a sweep is at most D / stride windows
    if (unimproved >= Math.ceil(D / stride) && length < D) {
      length = Math.min(D, length * 2);
      stride = Math.max(1, Math.floor(length / 2));
      unimproved = 0;
    }
  }
  return { roster, objective, windows, improved, windowDays: length };
}
