import { ChangePasswordRequest, CreateUserRequest } from '@clinicops/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError, normalizeField, withQuery } from './api-client';
import { apiFieldErrors, asSentence, validate } from './form-errors';

describe('field errors', () => {
  it('validates with the contract schema and keys messages by property', () => {
    const v = validate(CreateUserRequest, { email: 'nope', displayName: '', roles: [], facilityIds: [] });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toMatchObject({
      email: 'Enter a valid email address',
      displayName: 'Required',
      roles: 'Choose at least one role',
      facilityIds: 'Grant at least one facility',
    });
  });

  it('keeps the contract message for a short new password', () => {
    const v = validate(ChangePasswordRequest, { currentPassword: 'x', newPassword: 'short' });
    expect(v.ok ? null : v.errors.newPassword).toBe('Must be at least 12 characters');
  });

  it('maps server field errors, sending unknown fields to the form', () => {
    const err = new ApiError({
      status: 400,
      code: 'validation',
      title: 'Invalid',
      fieldErrors: [
        { field: 'body.currentPassword', message: 'is incorrect' },
        { field: 'tenant', message: 'unknown' },
      ],
    });
    expect(apiFieldErrors(err, ['currentPassword'])).toEqual({ currentPassword: 'This is incorrect', _form: 'Unknown' });
    expect(err.fieldError('currentPassword')).toBe('is incorrect');
  });

  it('normalises field paths and builds query strings without blanks', () => {
    expect(normalizeField('/roles/0')).toBe('roles');
    expect(normalizeField('query.userId')).toBe('userId');
    expect(withQuery('/api/audit', { a: 'x y', b: undefined, c: '', d: 0 })).toBe('/api/audit?a=x+y&d=0');
    expect(asSentence('must differ')).toBe('Must differ');
  });
});
