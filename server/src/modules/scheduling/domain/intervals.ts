// Half-open time intervals [start, end) in epoch milliseconds.

export type Interval = { start: number; end: number };

/** Sorted and merged: overlapping or touching intervals become one. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** `from` minus every interval of `cut` (both merged and sorted). */
export function subtractIntervals(from: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const f of from) {
    let start = f.start;
    while (j < cut.length && (cut[j] as Interval).end <= start) j++;
    let k = j;
    while (k < cut.length && (cut[k] as Interval).start < f.end) {
      const c = cut[k] as Interval;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
      k++;
    }
    if (start < f.end) out.push({ start, end: f.end });
  }
  return out;
}

/** Whether [start, end) overlaps any interval of a merged, sorted list (binary search). */
export function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  // first interval whose end is after `start`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((merged[mid] as Interval).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const i = merged[lo];
  return i !== undefined && i.start < end;
}

/** Whether [start, end) lies inside one interval of a merged, sorted list. */
export function containedIn(merged: readonly Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((merged[mid] as Interval).end < end) lo = mid + 1;
    else hi = mid;
  }
  const i = merged[lo];
  return i !== undefined && i.start <= start && i.end >= end;
}
