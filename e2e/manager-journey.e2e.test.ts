import path from 'node:path';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.js';

// The newcomer's first session: sign in with the printed login (enrolling in MFA), find the demo
// organization, invite a user, and see both in the audit log.
const shots = path.join(import.meta.dirname, 'screenshots');
let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');
const consoleErrors: string[] = [];
const newEmail = `avery.stone.${Date.now()}@example.org`;
let temporaryPassword = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('office manager, first session', () => {
  it('signs in and enrols an authenticator app', async () => {
    await page.goto(baseUrl);
    await page.getByLabel('Email').fill(inject('managerEmail'));
    await page.getByLabel('Password', { exact: true }).fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Email or password is incorrect').isVisible()).toBe(true);
    await page.getByLabel('Password', { exact: true }).fill(inject('managerPassword'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const secretBox = page.getByTestId('mfa-secret');
    await secretBox.waitFor();
    await page.screenshot({ path: path.join(shots, 'mfa-enrolment.png') });
    const secret = ((await secretBox.textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Authentication code').fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('shows the demo organization on the dashboard', async () => {
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toContain('Maple & Riverside Health');
    await page.getByText('Active users').waitFor();
    await page.screenshot({ path: path.join(shots, 'dashboard.png') });
    await page
      .getByRole('link', { name: /Users & roles/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Users & roles' }).waitFor();
    await page.getByText('Riverside Care Center').first().waitFor();
  });

  it('refuses a bad invitation field by field, then invites a user', async () => {
    await page.getByRole('button', { name: 'Invite user' }).click();
    await page.getByLabel('Display name').fill('Avery Stone');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => page.getByText(/email/i).count()).toBeGreaterThan(0);
    await page.getByLabel('Email').fill(newEmail);
    await page.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: 'Front desk' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Facilities' }).click();
    await page.getByRole('option', { name: 'Maple Street Family Practice' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId('temporary-password').waitFor();
    temporaryPassword = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim().split(/\s+/)[0] ?? '';
    await page.screenshot({ path: path.join(shots, 'user-invited.png') });
  });

  it('finds the sign-in and the new user in the audit log', async () => {
    await page.goto(`${baseUrl}/audit`);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByText('user.create').first().waitFor();
    await page.getByText('auth.login').first().waitFor();
    const rows = await page.locator('table tbody tr').allInnerTexts();
    const created = rows.find((r) => r.includes('user.create') && r.includes('Office manager'));
    expect(created, rows.slice(0, 5).join('\n')).toBeDefined();
    await page.screenshot({ path: path.join(shots, 'audit-log.png'), fullPage: true });
  });

  it('sets reminder offsets, queues reminders, and a patient confirms through the link without signing in', async () => {
    await page.goto(`${baseUrl}/schedule?view=setup`);
    await page.getByRole('tab', { name: 'Reminders' }).click();
    // two weeks ahead, so that the run has appointments whatever the day and hour of the test
    await page.getByLabel('Reminder 1: hours before').fill('336');
    await page.getByRole('button', { name: 'Save reminders' }).click();
    await page.getByText('Reminder settings saved').waitFor();
    await page.getByRole('button', { name: 'Send due reminders now' }).click();
    const toast = page.getByText(/reminder emails? and \d+ texts? queued/);
    await toast.waitFor();
    expect(Number(/^(\d+)/.exec((await toast.textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/outbox`);
    const reminder = page.getByRole('row').filter({ hasText: 'Appointment reminder' }).first();
    await reminder.getByRole('button', { name: 'Show details' }).click();
    const body =
      (await page
        .getByText(/\/appointment-link\//)
        .first()
        .textContent()) ?? '';
    const link = /(https?:\/\/\S+\/appointment-link\/\S+)/.exec(body)?.[1] ?? '';
    expect(link).not.toBe('');
    expect(await reminder.textContent()).not.toMatch(/Follow-up|Physical|visit for/i);
    await page.screenshot({ path: path.join(shots, 'schedule-reminder-outbox.png') });

    // the patient's browser: no session
    const patient = await browser.newContext({ viewport: { width: 420, height: 760 } });
    const phone = await patient.newPage();
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Your appointment' }).waitFor();
    await phone.getByText('Maple Street Family Practice', { exact: false }).waitFor();
    await phone.getByRole('button', { name: 'Confirm I will come' }).click();
    await phone.getByText('Confirmed', { exact: true }).waitFor();
    await phone.screenshot({ path: path.join(shots, 'appointment-link-confirmed.png') });
    // a changed link is refused with a reason, and changes nothing
    await phone.goto(`${link.slice(0, -2)}${link.endsWith('AA') ? 'BB' : 'AA'}`);
    await phone.getByText(/This link is not valid/).waitFor();
    // another patient cancels from their reminder: the time is freed like a front-desk cancel
    const second = page.getByRole('row').filter({ hasText: 'Appointment reminder' }).nth(1);
    await second.getByRole('button', { name: 'Show details' }).click();
    const secondBody =
      (await page
        .getByText(/\/appointment-link\//)
        .nth(1)
        .textContent()) ?? '';
    const secondLink = /(https?:\/\/\S+\/appointment-link\/\S+)/.exec(secondBody)?.[1] ?? '';
    expect(secondLink).not.toBe(link);
    await phone.goto(secondLink);
    await phone.getByRole('button', { name: 'Cancel appointment' }).click();
    await phone.getByRole('button', { name: 'Yes, cancel it' }).click();
    await phone.getByText('This appointment is cancelled', { exact: false }).waitFor();
    await phone.screenshot({ path: path.join(shots, 'appointment-link-cancelled.png') });
    // the first patient's appointment stays confirmed
    await phone.goto(link);
    await phone.getByText('Confirmed', { exact: true }).waitFor();
    await patient.close();
  });

  it('signs out, and the browser console stayed clean', async () => {
    await page
      .getByRole('button', { name: /Office manager|Dana|account/i })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});

describe('the invited user, first sign-in', () => {
  it('must replace the temporary password before anything else', async () => {
    expect(temporaryPassword).toMatch(/^\w{4}(-\w{4}){3}$/);
    await page.getByLabel('Email').fill(newEmail);
    await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Current password').fill(temporaryPassword);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText(/at least 12/).count()).toBeGreaterThan(0);
    await page.getByLabel('New password', { exact: true }).fill('front desk passphrase 2026');
    await page.getByLabel('Confirm new password').fill('front desk passphrase 2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // The front desk sees no user administration or audit log.
    expect(await page.getByRole('link', { name: /Users & roles/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Audit log/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'front-desk-dashboard.png') });
  });
});
