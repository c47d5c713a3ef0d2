import type { PayBenchmark } from '@clinicops/contracts';
import { describe, expect, it } from 'vitest';
import { compareToBenchmark, dollars } from './pay-benchmark';

const bls = (industry: PayBenchmark['industry'], medianAnnualCents: number, referenceDate = '2018-05-01'): PayBenchmark => ({
  id: `${industry}-${referenceDate}`,
  occupation: 'medical_and_health_services_managers',
  referenceDate,
  industry,
  medianAnnualCents,
  projectedGrowthPercent: industry === 'all' ? 18 : null,
  projectionPeriod: industry === 'all' ? '2018-2028' : null,
  source: 'US Bureau of Labor Statistics',
  sourceUrl: null,
  shipped: true,
});
const may2018 = [
  bls('all', 9_973_000),
  bls('government', 11_046_000),
  bls('hospitals', 10_873_000),
  bls('nursing_and_residential_care', 8_426_000),
];

describe('compareToBenchmark', () => {
  it("compares a nursing home administrator's salary with nursing and residential care", () => {
    const c = compareToBenchmark(
      [{ amountCents: 9_500_000, per: 'year', effectiveFrom: '2026-01-01' }],
      may2018,
      'nursing_home',
      '2026-11-27',
    );
    expect(c.overall?.medianAnnualCents).toBe(9_973_000);
    expect(c.industry?.medianAnnualCents).toBe(8_426_000);
    expect(c.annualCents).toBe(9_500_000);
    // 95,000 against 84,260
    expect(c.differencePercent).toBe(12.7);
    expect(dollars(c.industry?.medianAnnualCents ?? 0)).toBe('$84,260');
  });

  it('annualizes an hourly rate at 2,080 hours and falls back to all industries where BLS has no figure', () => {
    const c = compareToBenchmark(
      [{ amountCents: 4_000, per: 'hour', effectiveFrom: '2026-01-01' }],
      may2018,
      'clinic',
      '2026-11-27',
    );
    expect(c.industry).toBeNull();
    expect(c.annualCents).toBe(8_320_000);
    expect(c.differencePercent).toBe(-16.6);
  });

  it('uses the newest figure and the rate in effect today, not a future one', () => {
    const c = compareToBenchmark(
      [
        { amountCents: 10_000_000, per: 'year', effectiveFrom: '2027-01-01' },
        { amountCents: 9_973_000, per: 'year', effectiveFrom: '2025-01-01' },
      ],
      [...may2018, bls('all', 11_068_000, '2023-05-01')],
      undefined,
      '2026-11-27',
    );
    expect(c.overall?.referenceDate).toBe('2023-05-01');
    expect(c.annualCents).toBe(9_973_000);
    expect(c.differencePercent).toBe(-9.9);
    expect(compareToBenchmark([], may2018, 'hospital_department', '2026-11-27')).toMatchObject({
      annualCents: null,
      differencePercent: null,
    });
  });
});
