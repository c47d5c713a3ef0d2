import { describe, expect, it } from 'vitest';
import { accessRequestStatus, dueBy, extensionProblem } from './access-requests.js';

// The worked example of rules.md 2.5: request 2026-05-10 -> due 2026-06-09, or 2026-07-09 with the
// one extension; a second extension is rejected.
describe('right-of-access deadlines', () => {
  const open = { requestedOn: '2026-05-10', dueBy: dueBy('2026-05-10'), extendedTo: null, fulfilledOn: null };

  it('is due 30 days after receipt', () => {
    expect(open.dueBy).toBe('2026-06-09');
  });

  it('allows one extension, noticed within the first 30 days, and refuses a second', () => {
    expect(extensionProblem(open, '2026-06-09')).toBeNull();
    expect(extensionProblem(open, '2026-06-10')).toMatch(/within the first 30 days \(by 2026-06-09\)/);
    const extended = { ...open, extendedTo: '2026-07-09' };
    expect(extensionProblem(extended, '2026-06-01')).toMatch(/second extension is not allowed/);
  });

  it('tells open, due soon, overdue and late apart', () => {
    expect(accessRequestStatus(open, '2026-05-20')).toBe('open');
    expect(accessRequestStatus(open, '2026-06-02')).toBe('due_soon');
    expect(accessRequestStatus(open, '2026-06-10')).toBe('overdue');
    expect(accessRequestStatus({ ...open, extendedTo: '2026-07-09' }, '2026-06-10')).toBe('open');
    expect(accessRequestStatus({ ...open, fulfilledOn: '2026-06-09' }, '2026-07-01')).toBe('fulfilled');
    expect(accessRequestStatus({ ...open, fulfilledOn: '2026-06-10' }, '2026-07-01')).toBe('fulfilled_late');
  });
});
