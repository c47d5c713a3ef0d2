import { describe, expect, it } from 'vitest';
import { type MergeValues, mergeAlerts, planCoverageMoves, resolveMergeChoices } from './merge.js';

const values = (over: Partial<MergeValues>): MergeValues => ({
  name: { given: 'Ana', family: 'Ruiz' },
  preferredName: null,
  dateOfBirth: '1980-02-03',
  sexAtBirth: 'female',
  genderIdentity: null,
  phone: '614-555-0101',
  email: null,
  address: { line1: null, line2: null, city: null, state: null, postalCode: null },
  preferredLanguage: 'English',
  emergencyContact: null,
  ssn: null,
  notes: '',
  ...over,
});

describe('resolveMergeChoices', () => {
  it('keeps the survivor and fills its blanks from the duplicate', () => {
    const survivor = values({});
    const duplicate = values({
      email: 'ana@example.org',
      phone: '614-555-0199',
      address: { line1: '1 Elm Street', line2: null, city: 'Columbus', state: 'OH', postalCode: '43215' },
      notes: 'prefers mornings',
    });
    const r = resolveMergeChoices(survivor, duplicate);
    expect(r.phone).toBe('survivor');
    expect(r.email).toBe('duplicate');
    expect(r.address).toBe('duplicate');
    expect(r.notes).toBe('duplicate');
    expect(r.emergencyContact).toBe('survivor');
    expect(r.name).toBe('survivor');
  });

  it('follows an explicit choice, even over a filled survivor field', () => {
    const r = resolveMergeChoices(values({}), values({ phone: '614-555-0199' }), { phone: 'duplicate', email: 'survivor' });
    expect(r.phone).toBe('duplicate');
    expect(r.email).toBe('survivor');
  });
});

describe('mergeAlerts', () => {
  it('keeps every alert once', () => {
    expect(mergeAlerts(['Latex allergy'], ['Fall risk', 'Latex allergy'])).toEqual(['Latex allergy', 'Fall risk']);
  });
});

describe('planCoverageMoves', () => {
  const c = (id: string, order: number, payerName: string, memberId: string | null, active = true) => ({
    id,
    order,
    active,
    payerName,
    memberId,
  });

  it('ends a policy the survivor already holds, keeps a free order, reorders a taken one', () => {
    const survivor = [c('s1', 1, 'Lakeshore Mutual', 'LM123')];
    const duplicate = [
      c('d1', 1, 'lakeshore mutual', 'lm 123'),
      c('d2', 2, 'Medicare', '1EG4TE5MK73'),
      c('d3', 1, 'Summit Choice', 'SC9'),
      c('d4', 1, 'Old Plan', 'X', false),
    ];
    expect(planCoverageMoves(survivor, duplicate)).toEqual([
      { id: 'd1', order: 1, active: false, reason: 'same_as_survivor' },
      { id: 'd3', order: 3, active: true, reason: 'reordered' },
      { id: 'd4', order: 1, active: false, reason: 'inactive' },
      { id: 'd2', order: 2, active: true, reason: 'kept' },
    ]);
  });

  it('ends a coverage when all three orders are taken', () => {
    const survivor = [c('s1', 1, 'A', '1'), c('s2', 2, 'B', '2'), c('s3', 3, 'C', '3')];
    expect(planCoverageMoves(survivor, [c('d1', 1, 'D', '4')])).toEqual([
      { id: 'd1', order: 1, active: false, reason: 'no_free_order' },
    ]);
  });
});
