import { describe, expect, it } from 'vitest';
import { canReschedule, checkTransition } from './status.js';

const at = Date.parse('2026-06-01T13:00:00Z');

describe('checkTransition', () => {
  it('walks the front desk path: check in, room, see, check out', () => {
    expect(checkTransition({ status: 'booked', startsAt: at }, 'check_in', at)).toEqual({ ok: true, to: 'checked_in' });
    expect(checkTransition({ status: 'checked_in', startsAt: at }, 'room', at)).toEqual({ ok: true, to: 'roomed' });
    expect(checkTransition({ status: 'roomed', startsAt: at }, 'see', at)).toEqual({ ok: true, to: 'seen' });
    expect(checkTransition({ status: 'seen', startsAt: at }, 'check_out', at)).toEqual({ ok: true, to: 'checked_out' });
  });

  it('refuses steps out of order and from final states, saying why', () => {
    expect(checkTransition({ status: 'booked', startsAt: at }, 'see', at)).toEqual({
      ok: false,
      message: 'cannot be seen: the appointment is booked',
    });
    expect(checkTransition({ status: 'cancelled', startsAt: at }, 'check_in', at)).toMatchObject({ ok: false });
    expect(checkTransition({ status: 'checked_out', startsAt: at }, 'cancel', at)).toMatchObject({ ok: false });
    expect(checkTransition({ status: 'roomed', startsAt: at }, 'no_show', at + 1)).toMatchObject({ ok: false });
  });

  it('a no-show only once the start time has passed', () => {
    expect(checkTransition({ status: 'booked', startsAt: at }, 'no_show', at - 60_000)).toEqual({
      ok: false,
      message: 'cannot be a no-show before its start time',
    });
    expect(checkTransition({ status: 'booked', startsAt: at }, 'no_show', at)).toEqual({ ok: true, to: 'no_show' });
  });

  it('only booked appointments are rescheduled', () => {
    expect(canReschedule('booked')).toBe(true);
    expect(canReschedule('checked_in')).toBe(false);
  });
});
