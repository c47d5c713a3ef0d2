// The row programme's beam (row-dp.ts): after each day, keep `width` of the day's n labels.
// First the cheapest label of each distinct minutes total (up to half the beam, those nearest a
// steady pace toward the contract's minutes first), then the cheapest of the rest by cost so far
// plus cost to go (fA). Ranking by cost alone starves the beam of labels that work enough: when
// working is priced above resting (cover already met) only idle labels would survive and min
// total minutes would fail at the end.
import type { RowStorage } from './row-dp-storage.js';
import { selectNth } from './select-nth.js';

/**
 * Keeps `k.width` of the n labels stored from `base` (day d), compacted to the front; B capped
 * shift counts per label. Returns how many remain. Labels dropped as dominated (cost infinite)
 * go too.
 */
export function keepBeam(k: RowStorage, base: number, n: number, d: number, B: number, minMin: number, maxMin: number): number {
  const { width, D, costA, fA, parent, value, run, flags, minutes, weekends, nights, otWk, otMinA, otNextA, counts, countW } = k;
  const { minuteStamp, minuteBest, packed, keep, scratch } = k;
  // best label per distinct minutes total, then those totals nearest the pace, via a native sort
  // of (distance, minutes) packed into one number
  const stampN = ++k.stampN;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const m = minutes[base + i] as number;
    if (minuteStamp[m] !== stampN) {
      minuteStamp[m] = stampN;
      minuteBest[m] = i;
      packed[distinct++] = m;
    } else if ((fA[i] as number) < (fA[minuteBest[m] as number] as number)) minuteBest[m] = i;
  }
  const target = ((minMin + maxMin) / 2) * ((d + 1) / D);
  for (let i = 0; i < distinct; i++) {
    const m = packed[i] as number;
    packed[i] = Math.round(Math.abs(m - target)) * 1_048_576 + m;
  }
  const sorted = packed.subarray(0, distinct).sort();
  keep.fill(0, 0, n);
  const reservedCount = Math.min(distinct, width >> 1);
  for (let i = 0; i < reservedCount; i++) keep[minuteBest[(sorted[i] as number) % 1_048_576] as number] = 1;
  const rest = width - reservedCount;
  let m = 0;
  for (let i = 0; i < n; i++) if (!keep[i]) scratch[m++] = fA[i] as number;
  const threshold = m > rest ? selectNth(scratch, m, rest - 1) : Number.POSITIVE_INFINITY;
  let ties = rest;
  for (let i = 0; i < n; i++) if (!keep[i] && (fA[i] as number) < threshold) ties--;
  let w = 0;
  for (let i = 0; i < n; i++) {
    if ((costA[base + i] as number) === Number.POSITIVE_INFINITY) continue;
    if (!keep[i]) {
      const ci = fA[i] as number;
      if (ci > threshold) continue;
      if (ci === threshold) {
        if (ties === 0) continue;
        ties--;
      }
    }
    if (w !== i) {
      const a = base + w;
      const b = base + i;
      costA[a] = costA[b] as number;
      parent[a] = parent[b] as number;
      value[a] = value[b] as number;
      run[a] = run[b] as number;
      flags[a] = flags[b] as number;
      minutes[a] = minutes[b] as number;
      weekends[a] = weekends[b] as number;
      nights[a] = nights[b] as number;
      otWk[a] = otWk[b] as number;
      otMinA[a] = otMinA[b] as number;
      otNextA[a] = otNextA[b] as number;
      for (let j = 0; j < B; j++) counts[a * countW + j] = counts[b * countW + j] as number;
    }
    w++;
  }
  return w;
}
