import { describe, expect, it } from 'vitest';
import { searchBundle } from './bundle.js';
import { capabilityStatement } from './capability.js';
import { dateMatches, parseDateParam, parseSearch, resourceTypes, searchParams } from './search.js';

describe('date search parameters', () => {
  it('cover the whole year, month or day given', () => {
    expect(parseDateParam('1990')).toEqual({ prefix: 'eq', from: '1990-01-01', to: '1991-01-01' });
    expect(parseDateParam('ge2024-12')).toEqual({ prefix: 'ge', from: '2024-12-01', to: '2025-01-01' });
    expect(parseDateParam('lt2024-02-29')).toEqual({ prefix: 'lt', from: '2024-02-29', to: '2024-03-01' });
    expect(parseDateParam('2023-02-29')).toBeNull();
    expect(parseDateParam('ap2020')).toBeNull();
    expect(parseDateParam('yesterday')).toBeNull();
  });

  it('apply each prefix as the specification defines it', () => {
    const f = (raw: string) => parseDateParam(raw) as NonNullable<ReturnType<typeof parseDateParam>>;
    expect(dateMatches(f('1990'), '1990-12-31')).toBe(true);
    expect(dateMatches(f('ne1990'), '1990-06-01')).toBe(false);
    expect(dateMatches(f('gt1990'), '1990-12-31')).toBe(false);
    expect(dateMatches(f('gt1990'), '1991-01-01')).toBe(true);
    expect(dateMatches(f('ge1990-06'), '1990-06-01')).toBe(true);
    expect(dateMatches(f('lt1990-06'), '1990-06-01')).toBe(false);
    expect(dateMatches(f('lt1990-06'), '1990-05-31')).toBe(true);
    expect(dateMatches(f('le1990-06'), '1990-06-30')).toBe(true);
    expect(dateMatches(f('le1990-06'), '1990-07-01')).toBe(false);
  });
});

describe('parseSearch', () => {
  it('reads names, dates (ANDed when repeated), identifiers and paging', () => {
    const r = parseSearch('Patient', [
      ['name', 'smi,jon'],
      ['birthdate', 'ge1980'],
      ['birthdate', 'lt1990'],
      ['identifier', 'https://clinicops.dev/fhir/sid/mrn|00000042'],
      ['_count', '500'],
      ['_offset', '40'],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.search.filters.name).toEqual([['smi', 'jon']]);
    expect(r.search.filters.birthdate?.length).toBe(2);
    expect(r.search.filters.identifier).toEqual([{ system: 'https://clinicops.dev/fhir/sid/mrn', value: '00000042' }]);
    expect(r.search.count).toBe(100);
    expect(r.search.offset).toBe(40);
  });

  it('refuses unknown parameters, bad dates, bad references and bad counts, naming each', () => {
    const r = parseSearch('Encounter', [
      ['colour', 'red'],
      ['date', '2020-13'],
      ['patient', 'Group/1'],
      ['_count', 'many'],
    ]);
    expect(r.ok ? [] : r.issues.map((i) => i.expression)).toEqual(['colour', 'date', 'patient', '_count']);
  });
});

describe('searchset bundles', () => {
  it('link self, first, next and previous from the canonical search', () => {
    const page = {
      base: 'https://x/fhir/R4',
      type: 'Patient',
      canonical: [['family', 'smi']] as [string, string][],
      count: 10,
      offset: 10,
      total: 25,
    };
    const b = searchBundle(page, [{ resourceType: 'Patient', id: 'p1' }]);
    expect(b.total).toBe(25);
    expect(Object.fromEntries((b.link ?? []).map((l) => [l.relation, l.url]))).toEqual({
      self: 'https://x/fhir/R4/Patient?family=smi&_count=10&_offset=10',
      first: 'https://x/fhir/R4/Patient?family=smi&_count=10',
      next: 'https://x/fhir/R4/Patient?family=smi&_count=10&_offset=20',
      previous: 'https://x/fhir/R4/Patient?family=smi&_count=10',
    });
    expect(b.entry?.[0]?.fullUrl).toBe('https://x/fhir/R4/Patient/p1');
    const last = searchBundle({ ...page, offset: 20 }, []);
    expect(last.link?.map((l) => l.relation)).toEqual(['self', 'first', 'previous']);
  });
});

describe('the CapabilityStatement', () => {
  it('lists every resource type with exactly the search parameters the parser accepts', () => {
    const cs = capabilityStatement('https://x/fhir/R4', '0.1.0', '2026-01-01');
    const resources = cs.rest?.[0]?.resource ?? [];
    expect(resources.map((r) => r.type)).toEqual([...resourceTypes]);
    for (const r of resources) {
      const type = r.type as (typeof resourceTypes)[number];
      expect(r.searchParam?.map((p) => p.name)).toEqual(searchParams[type].map((p) => p.name));
      const writes = r.interaction?.filter((i) => i.code === 'create' || i.code === 'update').length;
      expect(writes).toBe(type === 'Patient' || type === 'Coverage' ? 2 : 0);
    }
  });
});
