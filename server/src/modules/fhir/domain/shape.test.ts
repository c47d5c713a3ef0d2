import { describe, expect, it } from 'vitest';
import { shapeIssues } from './shape.js';

describe('shapeIssues', () => {
  it('accepts a well-formed Patient and ignores elements the mapping does not read', () => {
    expect(
      shapeIssues('Patient', {
        resourceType: 'Patient',
        name: [{ family: 'A', given: ['B'], period: { start: 'whatever' } }],
        gender: 'other',
        photo: 'not read, not checked',
      }),
    ).toEqual([]);
  });

  it('names each malformed element down to the member', () => {
    const issues = shapeIssues('Patient', {
      name: [{ family: 42, given: 'B' }],
      telecom: [],
      gender: 'robot',
      active: 'yes',
    });
    expect(issues.map((i) => i.expression)).toEqual([
      'Patient.active',
      'Patient.name[0].family',
      'Patient.name[0].given',
      'Patient.telecom',
      'Patient.gender',
    ]);
    expect(issues.map((i) => i.code)).toEqual(['structure', 'structure', 'structure', 'structure', 'code-invalid']);
  });

  it('checks Coverage: whole-number order, known status, object period', () => {
    expect(shapeIssues('Coverage', { order: 1.5, status: 'maybe', period: '2020' }).map((i) => i.expression)).toEqual([
      'Coverage.status',
      'Coverage.period',
      'Coverage.order',
    ]);
  });
});
