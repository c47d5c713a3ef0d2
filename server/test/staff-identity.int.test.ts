import { describe, expect, it } from 'vitest';
import { as, signIn } from './helpers.js';
import { addStaff, manager, org, post, rn, secret, t, useStaffFixture } from './staff-fixture.js';

useStaffFixture();

describe('date of birth and former names for exclusion screening', () => {
  it('are entered with the person, changed later, shown to managers only and kept out of the audit trail', async () => {
    const staff = await addStaff(manager, rn(org, { dateOfBirth: '1984-05-06', formerLastNames: ['Moreno', 'Moreno'] }));
    expect(staff.screeningIdentity).toEqual({ dateOfBirth: '1984-05-06', formerLastNames: ['Moreno'] });

    const changed = await post(
      manager,
      `/api/staff/${staff.id}`,
      { dateOfBirth: '1984-05-07', formerLastNames: ['Moreno', 'Diaz'] },
      'PATCH',
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().screeningIdentity).toEqual({ dateOfBirth: '1984-05-07', formerLastNames: ['Moreno', 'Diaz'] });

    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', staff.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['staff.create', 'staff.update']);
    expect(JSON.stringify(audit)).not.toContain('1984');
    expect(audit[1]?.details).toMatchObject({ dateOfBirthChanged: true, formerLastNames: 2 });

    const clinician = await signIn(t.app, org.users.clinician.email, secret);
    const seen = await t.app.inject({ method: 'GET', url: `/api/staff/${staff.id}`, headers: as(clinician) });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().screeningIdentity).toBeNull();
  });

  it('refuses a birth date in the future, naming the field, and changes nothing', async () => {
    const staff = await addStaff(manager, rn(org, { dateOfBirth: '1990-01-01' }));
    const bad = await post(manager, `/api/staff/${staff.id}`, { dateOfBirth: '2999-01-01' }, 'PATCH');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'dateOfBirth', message: 'must be in the past' }]);
    const row = await t.db
      .selectFrom('staff_members')
      .select('date_of_birth')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(row.date_of_birth).toBe('1990-01-01');
  });
});
