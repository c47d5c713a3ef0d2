// The row programme's label storage and tables (row-dp.ts), allocated once per programme and
// kept from call to call: a programme runs thousands of times a second during a search.
import type { Compiled } from './compile.js';
import { createRowGuide } from './row-dp-guide.js';

export type RowStorage = ReturnType<typeof rowStorage>;

export function rowStorage(c: Compiled, width: number, opts: { exact?: boolean; guided?: boolean }) {
  const { D, S } = c;
  const S1 = S + 1;
  const cap = width * S1;
  let maxMinutes = 0;
  for (let e = 0; e < c.E; e++) maxMinutes = Math.max(maxMinutes, c.maxMin[e] as number);
  const tableSize = 1 << Math.ceil(Math.log2(cap * 4));
  let maxLen = 0;
  for (let t = 0; t < S; t++) maxLen = Math.max(maxLen, c.len[t] as number);
  // workweek indices in the state key (one value when no one has an overtime term)
  let otKeySpan = 1;
  for (let e = 0; e < c.E; e++) if ((c.otWeight[e] as number) !== 0) otKeySpan = c.otStride + 1;
  const countW = Math.max(1, S);
  return {
    c,
    D,
    S,
    S1,
    width,
    cap,
    exact: opts.exact === true,
    guide: opts.guided ? createRowGuide(c) : null,
    maxLen,
    otKeySpan,
    countW,
    // label storage per day (parent pointers for reconstruction)
    costA: new Float64Array(D * cap),
    parent: new Int32Array(D * cap),
    value: new Int8Array(D * cap),
    run: new Int16Array(D * cap),
    /** bit 0: the run touches day 0 */
    flags: new Uint8Array(D * cap),
    minutes: new Int32Array(D * cap),
    weekends: new Int16Array(D * cap),
    /** night shifts so far, for the fairness term (model.ts FairnessTerm); like the shift counts, not in the key */
    nights: new Int16Array(D * cap),
    // the overtime term (model.ts OvertimeTerm), in the order row-soft-cost.ts counts it: the
    // workweek of the last shift, its minutes so far, and the minutes that shift ran into the next
    otWk: new Int16Array(D * cap),
    otMinA: new Int32Array(D * cap),
    otNextA: new Int32Array(D * cap),
    otState: new Int32Array(3),
    counts: new Int16Array(D * cap * countW),
    size: new Int32Array(D),
    scratch: new Float64Array(cap),
    /** each label's cost so far plus its cost to go (just the cost so far when unguided), for the day being built */
    fA: new Float64Array(cap),
    keep: new Uint8Array(cap),
    /** labels of one state key (see the key in row-dp.ts), chained within a day */
    bucketNext: new Int32Array(cap),
    newCounts: new Int16Array(countW),
    minuteSpan: maxMinutes + 1,
    minuteStamp: new Uint32Array(maxMinutes + 1),
    minuteBest: new Int32Array(maxMinutes + 1),
    packed: new Float64Array(cap),
    // open-addressing table from state key to label, cleared by bumping a stamp rather than filling
    tableKey: new Float64Array(tableSize),
    tableAt: new Int32Array(tableSize),
    tableStamp: new Uint32Array(tableSize),
    mask: tableSize - 1,
    /** Stamps of the minute and state tables: bumped, not cleared (see their use in row-dp.ts). */
    stamp: 0,
    stampN: 0,
  };
}
