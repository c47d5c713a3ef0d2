import { describe, expect, it } from 'vitest';
import { type CoverageFacts, checkCoverage, coversDate } from './coverage-rules.js';

const primary: CoverageFacts = { id: 'a', order: 1, active: true, effectiveFrom: '2026-01-01', effectiveTo: null };

describe('coverage order', () => {
  it('accepts a first primary', () => {
    expect(checkCoverage({ ...primary, id: 'new' }, [])).toEqual([]);
  });

  it('refuses a second active primary', () => {
    expect(checkCoverage({ ...primary, id: 'new' }, [primary])).toEqual([
      { field: 'order', message: 'the patient already has an active primary coverage; end it first' },
    ]);
  });

  it('allows a new primary once the old one is inactive', () => {
    expect(checkCoverage({ ...primary, id: 'new' }, [{ ...primary, active: false }])).toEqual([]);
  });

  it('lets a coverage keep its own order on update', () => {
    expect(checkCoverage({ ...primary, effectiveTo: '2026-12-31' }, [primary])).toEqual([]);
  });

  it('wants a primary before a secondary and a secondary before a tertiary', () => {
    expect(checkCoverage({ ...primary, id: 's', order: 2 }, [])).toEqual([
      { field: 'order', message: 'add an active primary coverage first' },
    ]);
    expect(checkCoverage({ ...primary, id: 't', order: 3 }, [primary])).toEqual([
      { field: 'order', message: 'add an active secondary coverage first' },
    ]);
    expect(checkCoverage({ ...primary, id: 's', order: 2 }, [primary])).toEqual([]);
  });

  it('refuses an end before the start, and reports every problem at once', () => {
    expect(checkCoverage({ ...primary, id: 'x', effectiveTo: '2025-12-31' }, [primary])).toHaveLength(2);
  });

  it('lets an inactive coverage sit at any order', () => {
    expect(checkCoverage({ ...primary, id: 'old', order: 3, active: false }, [])).toEqual([]);
  });
});

describe('coversDate', () => {
  it('includes both ends', () => {
    const c = { ...primary, effectiveTo: '2026-06-30' };
    expect(coversDate(c, '2026-01-01')).toBe(true);
    expect(coversDate(c, '2026-06-30')).toBe(true);
    expect(coversDate(c, '2026-07-01')).toBe(false);
    expect(coversDate({ ...c, active: false }, '2026-03-01')).toBe(false);
  });
});

describe('a coverage whose start is unknown', () => {
  it('has an open start: it covers dates up to its end, and its end is never "before" it', () => {
    const c = { id: 'x', order: 1, active: true, effectiveFrom: null, effectiveTo: '2024-12-31' };
    expect(coversDate(c, '1999-01-01')).toBe(true);
    expect(coversDate(c, '2025-01-01')).toBe(false);
    expect(checkCoverage(c, [])).toEqual([]);
  });
});
