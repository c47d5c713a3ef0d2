// Re-optimising one employee's whole row given everyone else: a dynamic programme over days
// whose state is (last value, length of the current work or off run, whether that run touches
// day 0, minutes, weekends, and the open workweek of an overtime term), each label also carrying
// its shifts per capped type, nights and minutes in that workweek. It respects all
// of the row's hard constraints at once, which single-cell moves cannot: a min-run or min-minutes
// constraint often needs several cells to change together. The state space is cut to the `width`
// cheapest labels per day (a beam), and two labels that differ only in their shift counts are
// merged (see the state key), so it is exact for small rows whose shift caps do not bind, and a
// strong heuristic otherwise.
import type { Compiled } from './compile.js';
import { keepBeam } from './row-dp-beam.js';
import { minutesBound } from './row-dp-bounds.js';
import { type RowStorage, rowStorage } from './row-dp-storage.js';
import { type Suffix, suffixOf } from './row-dp-suffix.js';
import { addToWorkweek, closeWorkweeks } from './row-soft-cost.js';

/**
 * With `fixed` (the employee's current row), only days from..to-1 are free and every other day
 * keeps its value from `fixed`: a window re-optimisation that still checks the whole row's hard
 * constraints (runs, minutes, weekends and counts crossing the window), at a fraction of the cost
 * of a whole-row programme on long horizons (one label before the window, one value per label after).
 */
export type RowDp = (
  e: number,
  price: Float64Array,
  out: Int16Array,
  window?: { from: number; to: number; fixed: Int16Array },
  /** Only rows cheaper than this are wanted (a guided programme drops labels that cannot be). */
  cutoff?: number,
) => number;

/** A row programme that also counts its label steps (labels extended times values tried), a measure of its work that does not depend on the clock. */
export type CountingRowDp = RowDp & { labelSteps: number };

/**
 * price[d * (S + 1) + v + 1]: the cost of value v (-1 = off) on day d for this employee.
 * `guided`: whole-row programmes first compute each state's cost to go (row-dp-guide.ts), rank
 * the beam by cost so far plus cost to go, and drop labels that cannot end below the cutoff.
 */
export function createRowDp(c: Compiled, width: number, opts: { exact?: boolean; guided?: boolean } = {}): CountingRowDp {
  const k = rowStorage(c, width, opts);
  // A thin closure over the storage: the programme itself is a module-level function. Its code
  // used to be a closure made afresh by every call to createRowDp, and once V8 has seen a second
  // closure of one function it compiles them all without the first one's constants (the first
  // annealing of a process ran 8 M moves on Instance21 in 10.3 s, a second one the same moves in
  // 13.0 s), which slowed every annealing after the first of a solve. Now 10.4 s and 10.9 s (the
  // storage in one object literal, row-dp-storage.ts; 11.3 s and 11.4 s with separate arrays).
  const counting: CountingRowDp = Object.assign(
    (e: number, price: Float64Array, out: Int16Array, window?: RowWindow, cutoff?: number) =>
      rowProgramme(k, counting, e, price, out, window, cutoff),
    { labelSteps: 0 },
  );
  return counting;
}

type RowWindow = { from: number; to: number; fixed: Int16Array };

function rowProgramme(
  k: RowStorage,
  counting: CountingRowDp,
  e: number,
  price: Float64Array,
  out: Int16Array,
  window?: RowWindow,
  cutoff = Number.POSITIVE_INFINITY,
): number {
  const {
    c,
    width,
    exact,
    guide,
    S1,
    cap,
    costA,
    parent,
    value,
    run,
    flags,
    minutes,
    weekends,
    nights,
    otWk,
    otMinA,
    otNextA,
    otState,
    countW,
    counts,
    size,
    fA,
    bucketNext,
    newCounts,
    minuteSpan,
    tableKey,
    tableAt,
    tableStamp,
    mask,
    maxLen,
    otKeySpan,
    D,
    S,
  } = k;
  // the problem's arrays the inner loops read, in locals so that their loads leave the loops
  const { allowed, cf, len, maxShifts: capOf, night } = c;
  // the state table's stamp in a local for the inner loops, stored back however the programme ends
  let stamp = k.stamp;
  try {
    const g = window ? null : guide;
    if (g) {
      g.fill(e, price);
      // the guide's backward pass is work too (the annealing shares work by it): each of its
      // steps took about a third of a label step's time (Instance21: 7.6 ms a row against 9.7 ms
      // for the beam at 600 labels a day)
      counting.labelSteps += (D * g.states * (S + 1)) / 3;
    }
    const toGo = g?.costToGo;
    const states = g?.states ?? 0;
    const ub = minutesBound(c, e);
    const runMax = Math.max(c.maxCons[e] as number, Math.max(1, c.minOff[e] as number)) + 1;
    const weMax = (c.maxWe[e] as number) + 1;
    const maxCons = c.maxCons[e] as number;
    const minCons = c.minCons[e] as number;
    const minOff = c.minOff[e] as number;
    const maxMin = c.maxMin[e] as number;
    const minMin = c.minMin[e] as number;
    const maxWe = c.maxWe[e] as number;
    const offCap = Math.max(1, minOff);
    // The run before the roster (compile.ts runBefore): unknown, it is a virtual day off whose run
    // is exempt from the minimums (flag 1: it touches day 0); known, a run of that kind and length
    // (capped where a longer one breaks no more rules), held to its minimum when day 0 ends it.
    const before = c.runBefore[e] as number;
    const startWorks = before > 0;
    const startRun = before > 0 ? Math.min(before, maxCons + 1) : Math.min(-before, offCap);
    const startFlag = before === 0 ? 1 : 0;
    // day 0 is a weekend of this person's own (a Sunday after a Saturday off, compile.ts sundayAtStart)
    const ownSunday = c.sundayAtStart[e] === 1;
    // The fairness term, priced as it accrues: each weekend and each night beyond the target costs
    // fairWeight. Weekends are in the state key, so that part is exact; nights are carried like
    // the shift counts (merged, or compared for dominance when exact).
    const fairWeight = c.fairWeight[e] as number;
    const weekendTarget = c.weekendTarget[e] as number;
    const nightTarget = c.nightTarget[e] as number;
    const nightBase = e * S;
    const ot = (c.otWeight[e] as number) !== 0;
    // the overtime a final label still owes: its open workweeks, and with a window the fixed
    // days' shifts after it (counted label by label: they depend on its open workweek)
    const overtimeToEnd = (k: number): number => {
      otState[0] = otWk[k] as number;
      otState[1] = otMinA[k] as number;
      otState[2] = otNextA[k] as number;
      let cost = 0;
      if (window)
        for (let d = window.to; d < D; d++) {
          const x = window.fixed[d] as number;
          if (x >= 0) cost += addToWorkweek(c, e, otState, d, x);
        }
      return cost + closeWorkweeks(c, e, otState, Number.POSITIVE_INFINITY);
    };
    const binding: number[] = [];
    for (let t = 0; t < S; t++) {
      const m = capOf[e * S + t] as number;
      if (m > 0 && m < D) binding.push(t);
    }
    const B = binding.length;
    const slot = new Int32Array(S).fill(-1);
    binding.forEach((t, i) => {
      slot[t] = i;
    });
    let prevBase = -1;
    let prevSize = 1; // the virtual label before day 0
    // A window's fixed days after it are not walked label by label: every label takes the same
    // values there, so what they add depends only on how the label ends (see `suffixOf` below).
    const end = window ? window.to : D;
    for (let d = 0; d < end; d++) {
      const base = d * cap;
      let n = 0;
      stamp++;
      const weekendDay = (c.weekend[d] as number) >= 0 || (d === 0 && ownSunday);
      const weekendFirst = c.weekendFirst[d] === 1 || (d === 0 && ownSunday);
      const remainingMax = (D - 1 - d) * maxLen;
      let vLo = -1;
      let vHi = S - 1;
      if (window && (d < window.from || d >= window.to)) {
        vLo = window.fixed[d] as number;
        vHi = vLo;
      }
      counting.labelSteps += prevSize * (vHi - vLo + 1);
      // the day's offsets into the arrays the transitions read, out of the inner loop
      const allowedAt = (e * D + d) * S;
      const priceAt = d * S1 + 1;
      const ubOff = d * 2 * runMax;
      const ubOn = (d * 2 + 1) * runMax;
      for (let li = 0; li < prevSize; li++) {
        const src = prevBase + li;
        const srcCounts = src * countW;
        // the label before day 0 is the run before the roster (startWorks, startRun, startFlag above)
        const pv = d === 0 ? -1 : (value[src] as number);
        const pWorks = d === 0 ? startWorks : pv >= 0;
        const pRun = d === 0 ? startRun : (run[src] as number);
        const pFlag = d === 0 ? startFlag : (flags[src] as number);
        const pMin = d === 0 ? 0 : (minutes[src] as number);
        const pWe = d === 0 ? 0 : (weekends[src] as number);
        const pNights = d === 0 ? 0 : (nights[src] as number);
        const pOtW = d === 0 ? 0 : (otWk[src] as number);
        const pOtM = d === 0 ? 0 : (otMinA[src] as number);
        const pOtN = d === 0 ? 0 : (otNextA[src] as number);
        const pCost = d === 0 ? 0 : (costA[src] as number);
        if (pCost === Number.POSITIVE_INFINITY) continue; // dropped as dominated
        for (let v = vLo; v <= vHi; v++) {
          let nRun: number;
          let nFlag: number;
          let nMin = pMin;
          let nWe = pWe;
          let nNights = pNights;
          let fair = 0;
          let nOtW = pOtW;
          let nOtM = pOtM;
          let nOtN = pOtN;
          if (v < 0) {
            if (pWorks) {
              if (pRun < minCons && !(pFlag & 1)) continue;
              nRun = 1;
              nFlag = 0;
            } else {
              nRun = Math.min(pRun + 1, offCap);
              nFlag = pFlag;
            }
          } else {
            if (!allowed[allowedAt + v]) continue;
            nMin += len[v] as number;
            if (nMin > maxMin) continue;
            if (pWorks) {
              if (pv >= 0 && cf[pv * S + v]) continue;
              nRun = pRun + 1;
              if (nRun > maxCons) continue;
              nFlag = pFlag;
            } else {
              if (pRun < minOff && !(pFlag & 1)) continue;
              nRun = 1;
              nFlag = d === 0 ? startFlag : 0;
            }
            if (weekendDay && (weekendFirst || pv < 0)) {
              nWe++;
              if (nWe > maxWe) continue;
              if (nWe > weekendTarget) fair += fairWeight;
            }
            if (fairWeight !== 0 && night[nightBase + v]) {
              nNights++;
              if (nNights > nightTarget) fair += fairWeight;
            }
            const sl = slot[v] as number;
            if (sl >= 0 && d > 0 && (counts[srcCounts + sl] as number) + 1 > (capOf[e * S + v] as number)) continue;
            if (ot) {
              // as row-soft-cost.ts counts it: a shift in a later workweek closes the earlier ones
              // (their overtime charged here, as `fair` is)
              otState[0] = pOtW;
              otState[1] = pOtM;
              otState[2] = pOtN;
              fair += addToWorkweek(c, e, otState, d, v);
              nOtW = otState[0] as number;
              nOtM = otState[1] as number;
              nOtN = otState[2] as number;
            }
          }
          if (nMin + remainingMax < minMin) continue;
          if (nMin + (ub[(((v >= 0 ? ubOn : ubOff) + nRun) * 2 + nFlag) * weMax + nWe] as number) < minMin) continue;
          const cost = pCost + (price[priceAt + v] as number) + fair;
          // an unguided label's cost can still fall on later days, so only a guided one is cut
          const f = g ? cost + ((toGo as Float64Array)[d * states + g.state(v, nRun, nFlag, nWe)] as number) : cost;
          if (g && f >= cutoff) continue;
          // State key, without the shift counts. Keyed on the counts too, labels that differ only
          // in how many of a capped shift they hold crowd the beam, and on long rows it misses the
          // cheapest rows by far. Two labels of one key are therefore merged, keeping the cheaper
          // (fast, the default: Instance19 at 1,600 labels a day found -12,459 of reduced cost
          // against -7,338 with counts in the key), or, when `exact`, both kept in a bucket unless
          // one is no cheaper and holds no fewer of every capped shift (it can finish no better):
          // exact whenever the beam holds every label (-9,181 there, at twice the time). The key
          // is exact: the small state (below a million for any instance, times the workweeks
          // when someone has an overtime term) times minuteSpan plus the minutes, below 2^53, so
          // two labels share a key only when they share the state. The overtime term's workweek
          // is in the key; its minutes so far are carried like the nights (compared for
          // dominance when exact).
          const small = ((((v + 1) * 131 + nRun) * 2 + nFlag) * 97 + nWe) * otKeySpan + nOtW;
          const key = small * minuteSpan + nMin;
          // the label's capped shift counts: needed now only to compare labels (exact); the
          // merged programme writes them when it keeps the label, most transitions being dropped
          if (exact)
            for (let j = 0; j < B; j++) {
              let k = d > 0 ? (counts[srcCounts + j] as number) : 0;
              if (binding[j] === v) k++;
              newCounts[j] = k;
            }
          let h = (Math.imul(small, 0x9e3779b1) ^ Math.imul(nMin, 0x85ebca77)) & mask;
          while (tableStamp[h] === stamp && tableKey[h] !== key) h = (h + 1) & mask;
          let dst = -1;
          if (tableStamp[h] === stamp && !exact) {
            dst = base + (tableAt[h] as number);
            if ((costA[dst] as number) <= cost) continue;
          } else if (tableStamp[h] === stamp) {
            let dominated = false;
            for (let i = tableAt[h] as number; i >= 0; i = bucketNext[i] as number) {
              const other = base + i;
              const oc = costA[other] as number;
              if (oc === Number.POSITIVE_INFINITY) continue; // dropped earlier
              const otherNights = nights[other] as number;
              let otherFewer = otherNights <= nNights;
              let newFewer = nNights <= otherNights;
              // a label with fewer minutes in its open workweek can owe no more overtime
              if (ot) {
                const om = otMinA[other] as number;
                const on = otNextA[other] as number;
                if (om > nOtM || on > nOtN) otherFewer = false;
                if (nOtM > om || nOtN > on) newFewer = false;
              }
              for (let j = 0; j < B; j++) {
                const a = counts[other * countW + j] as number;
                const b = newCounts[j] as number;
                if (a > b) otherFewer = false;
                if (b > a) newFewer = false;
              }
              if (oc <= cost && otherFewer) {
                dominated = true;
                break;
              }
              if (cost < oc && newFewer) {
                if (dst < 0) dst = other;
                else {
                  costA[other] = Number.POSITIVE_INFINITY;
                  fA[i] = Number.POSITIVE_INFINITY;
                }
              }
            }
            if (dominated) continue;
          }
          if (dst < 0) {
            if (n >= cap) continue;
            dst = base + n;
            bucketNext[n] = tableStamp[h] === stamp ? (tableAt[h] as number) : -1;
            tableStamp[h] = stamp;
            tableKey[h] = key;
            tableAt[h] = n;
            n++;
          }
          costA[dst] = cost;
          fA[dst - base] = f;
          parent[dst] = d === 0 ? -1 : src;
          value[dst] = v;
          run[dst] = nRun;
          flags[dst] = nFlag;
          minutes[dst] = nMin;
          weekends[dst] = nWe;
          nights[dst] = nNights;
          otWk[dst] = nOtW;
          otMinA[dst] = nOtM;
          otNextA[dst] = nOtN;
          const dstCounts = dst * countW;
          if (exact) for (let j = 0; j < B; j++) counts[dstCounts + j] = newCounts[j] as number;
          else
            for (let j = 0; j < B; j++)
              counts[dstCounts + j] = (d > 0 ? (counts[srcCounts + j] as number) : 0) + (binding[j] === v ? 1 : 0);
        }
      }
      // keep the beam's `width` labels (row-dp-beam.ts)
      if (n > width) n = keepBeam(k, base, n, d, B, minMin, maxMin);
      size[d] = n;
      if (n === 0) return Number.POSITIVE_INFINITY;
      prevBase = base;
      prevSize = n;
    }
    let bestI = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    const last = (end - 1) * cap;
    if (end === D) {
      for (let i = 0; i < prevSize; i++) {
        const k = last + i;
        if ((minutes[k] as number) < minMin) continue;
        // the workweeks still open at the end
        const total = (costA[k] as number) + (ot ? overtimeToEnd(k) : 0);
        if (total < bestCost) {
          bestCost = total;
          bestI = k;
        }
      }
    } else {
      // The fixed days after the window: the runs crossing into them depend only on the label's
      // last value, run and flag, and the minutes, weekends, nights and shift counts they add are
      // the same for every label of those; all of these only grow, so checking the totals at the
      // end is the same as checking them day by day.
      const fixed = (window as { fixed: Int16Array }).fixed;
      const suffixes = new Map<number, Suffix | null>();
      for (let i = 0; i < prevSize; i++) {
        const k = last + i;
        const cost = costA[k] as number;
        if (cost === Number.POSITIVE_INFINITY) continue;
        const v = value[k] as number;
        const r = run[k] as number;
        const f = flags[k] as number;
        const groupKey = ((v + 1) * 131 + r) * 2 + f;
        let sfx = suffixes.get(groupKey);
        if (sfx === undefined) {
          sfx = suffixOf(c, e, fixed, end, v, r, f, price, slot, B);
          suffixes.set(groupKey, sfx);
        }
        if (!sfx) continue;
        const m = (minutes[k] as number) + sfx.minutes;
        if (m < minMin || m > maxMin) continue;
        const we = (weekends[k] as number) + sfx.weekends;
        if (we > maxWe) continue;
        let ok = true;
        for (let j = 0; j < B; j++)
          if ((counts[k * countW + j] as number) + (sfx.counts[j] as number) > (capOf[e * S + (binding[j] as number)] as number))
            ok = false;
        if (!ok) continue;
        const weBefore = weekends[k] as number;
        const nBefore = nights[k] as number;
        const over = (n: number, target: number) => Math.max(0, n - target);
        const fair =
          fairWeight *
          (over(we, weekendTarget) -
            over(weBefore, weekendTarget) +
            over(nBefore + sfx.nights, nightTarget) -
            over(nBefore, nightTarget));
        const total = cost + sfx.price + fair + (ot ? overtimeToEnd(k) : 0);
        if (total < bestCost) {
          bestCost = total;
          bestI = k;
        }
      }
    }
    if (bestI < 0) return Number.POSITIVE_INFINITY;
    for (let d = end - 1, k = bestI; d >= 0; d--) {
      out[d] = value[k] as number;
      k = parent[k] as number;
    }
    if (window) for (let d = end; d < D; d++) out[d] = window.fixed[d] as number;
    return bestCost;
  } finally {
    k.stamp = stamp;
  }
}
