import { describe, expect, it } from 'vitest';
import { explainDates } from './date-errors';

describe('explainDates', () => {
  it('says a well-shaped but impossible date does not exist', () => {
    const errors = { dateOfBirth: 'Enter a date as YYYY-MM-DD', familyName: 'This is required' };
    expect(explainDates(errors, { dateOfBirth: '1984-02-30' }, ['dateOfBirth'])).toEqual({
      dateOfBirth: 'This date does not exist',
      familyName: 'This is required',
    });
  });

  it('keeps the format hint for a malformed date and leaves valid fields alone', () => {
    expect(explainDates({ dateOfBirth: 'Enter a date as YYYY-MM-DD' }, { dateOfBirth: '02/30/1984' }, ['dateOfBirth'])).toEqual({
      dateOfBirth: 'Enter a date as YYYY-MM-DD',
    });
    expect(explainDates({}, { effectiveFrom: '2026-02-30' }, ['effectiveFrom'])).toEqual({});
  });
});
