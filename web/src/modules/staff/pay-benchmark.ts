import type { Facility, PayBenchmark, PayIndustry, PayRate, StaffPosition } from '@clinicops/contracts';

// The manager's own role benchmark (BLS medians) beside what the person is paid. Pure, so the
// comparison is tested without a browser.

/** The positions the BLS occupation "medical and health services managers" covers. */
export const benchmarkedPositions: readonly StaffPosition[] = ['office_manager', 'nursing_home_administrator'];

/** The BLS industry closest to each kind of facility. */
export const industryOfFacility: Record<Facility['kind'], PayIndustry> = {
  clinic: 'physician_offices',
  nursing_home: 'nursing_and_residential_care',
  hospital_department: 'hospitals',
};

export const industryLabels: Record<PayIndustry, string> = {
  all: 'All industries',
  government: 'Government',
  hospitals: 'Hospitals (state, local, private)',
  nursing_and_residential_care: 'Nursing and residential care facilities',
  physician_offices: 'Offices of physicians',
  outpatient_care: 'Outpatient care centers',
};

/** Full-time hours in a year, to compare an hourly rate with an annual median. */
export const HOURS_PER_YEAR = 2080;

export const annualCents = (rate: PayRate) => (rate.per === 'year' ? rate.amountCents : rate.amountCents * HOURS_PER_YEAR);

export type BenchmarkComparison = {
  overall: PayBenchmark | null;
  industry: PayBenchmark | null;
  /** the rate in effect today */
  rate: PayRate | null;
  /** the person's current pay, annualized; null without a pay rate */
  annualCents: number | null;
  /** pay against the closest median (the industry's where known), in percent */
  differencePercent: number | null;
};

/** The newest figures: for all industries and for the facility's industry, each from its own latest date. */
export function compareToBenchmark(
  rates: readonly PayRate[],
  benchmarks: readonly PayBenchmark[],
  facilityKind: Facility['kind'] | undefined,
  today: string,
): BenchmarkComparison {
  const newest = (industry: PayIndustry) =>
    benchmarks.filter((b) => b.industry === industry).sort((a, b) => b.referenceDate.localeCompare(a.referenceDate))[0] ?? null;
  const overall = newest('all');
  const industry = facilityKind ? newest(industryOfFacility[facilityKind]) : null;
  // the rate in effect today: the newest that has started
  const current = [...rates]
    .filter((r) => r.effectiveFrom <= today)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  const annual = current ? annualCents(current) : null;
  const reference = industry ?? overall;
  const differencePercent =
    annual !== null && reference
      ? Math.round(((annual - reference.medianAnnualCents) / reference.medianAnnualCents) * 1000) / 10
      : null;
  return { overall, industry, rate: current ?? null, annualCents: annual, differencePercent };
}

export const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString('en-US')}`;
