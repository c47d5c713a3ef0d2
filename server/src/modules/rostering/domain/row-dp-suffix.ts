// A window's fixed days after it, for the row programme (row-dp.ts): every label takes the same
// values there, so what those days add to a label, and whether they break a run rule with it,
// depend only on how the label ends (its last value, run length and flag).
import type { Compiled } from './compile.js';

/**
 * What a window's fixed days after it (from day `end` on) add to a label that ends in value v
 * with run r and flag f, or null when they break a run rule with it: the minutes, weekends, nights
 * and capped shifts they hold, and their price.
 */
export type Suffix = { minutes: number; weekends: number; nights: number; counts: Int16Array; price: number };

export function suffixOf(
  c: Compiled,
  e: number,
  fixed: Int16Array,
  end: number,
  v: number,
  r: number,
  f: number,
  price: Float64Array,
  slot: Int32Array,
  B: number,
): Suffix | null {
  const { D, S } = c;
  const S1 = S + 1;
  const maxCons = c.maxCons[e] as number;
  const minCons = c.minCons[e] as number;
  const minOff = c.minOff[e] as number;
  const offCap = Math.max(1, minOff);
  const out: Suffix = { minutes: 0, weekends: 0, nights: 0, counts: new Int16Array(Math.max(1, B)), price: 0 };
  let pv = v;
  let pRun = r;
  let pFlag = f;
  for (let d = end; d < D; d++) {
    const x = fixed[d] as number;
    out.price += price[d * S1 + x + 1] as number;
    if (x < 0) {
      if (pv >= 0) {
        if (pRun < minCons && !(pFlag & 1)) return null;
        pRun = 1;
        pFlag = 0;
      } else pRun = Math.min(pRun + 1, offCap);
    } else {
      if (!c.allowed[(e * D + d) * S + x]) return null;
      out.minutes += c.len[x] as number;
      if (pv >= 0) {
        if (c.cf[pv * S + x]) return null;
        pRun++;
        if (pRun > maxCons) return null;
      } else {
        if (pRun < minOff && !(pFlag & 1)) return null;
        pRun = 1;
        pFlag = 0;
      }
      // as the forward programme counts a weekend: on its first day, or on a later one after a
      // day off (at day `end` that depends on the label's own last value, part of the group key)
      if ((c.weekend[d] as number) >= 0 && (c.weekendFirst[d] === 1 || pv < 0)) out.weekends++;
      if (c.night[e * S + x]) out.nights++;
      const sl = slot[x] as number;
      if (sl >= 0) out.counts[sl] = (out.counts[sl] as number) + 1;
    }
    pv = x;
  }
  return out;
}
