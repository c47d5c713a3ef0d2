import path from 'node:path';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.js';

// The nursing home administrator keeps licences current: she adds an RN, records a licence that
// lapses in 20 days, sees it flagged amber on the person, the compliance matrix and the
// dashboard, records the renewal, and sees the flag clear.
//
// She signs in as Margaret Ellison, the demo manager of Riverside Care Center, not as the printed
// manager: the manager journey enrols that account in MFA in the same server and keeps its
// secret, and the files run in either order. Margaret enrols here if nobody has yet.
const shots = path.join(import.meta.dirname, 'screenshots');
const baseUrl = inject('baseUrl');
const email = 'margaret.ellison@example.org';
const firstName = 'Noor';
// Each run starts a fresh server, so a plain name is unique; the demo data has no Abernathy.
const lastName = 'Abernathy';
const fullName = `${firstName} ${lastName}`;
const licenceNumber = 'RN.512847';
// Toasts pile up over the header buttons in a still picture; the journey has already seen them.
const withoutToasts = { style: '.mantine-Notifications-root { display: none !important; }' };
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** A date `days` from today in the facility's zone (both demo facilities are in New York). */
function facilityDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function expiringCardValue(): Promise<number> {
  const card = page.getByRole('link', { name: /^Credentials expiring within 30 days: \d+$/ });
  await card.waitFor();
  const label = (await card.getAttribute('aria-label')) ?? '';
  return Number(/(\d+)$/.exec(label)?.[1] ?? Number.NaN);
}

async function openDashboard() {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('credential renewal journey', () => {
  let expiringBefore = 0;

  it('signs in as the nursing home manager (enrolling in MFA if needed)', async () => {
    await page.goto(baseUrl);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(inject('demoPassword'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const enrol = page.getByTestId('mfa-secret');
    const askForCode = page.getByRole('button', { name: 'Use a different account' });
    await enrol.or(askForCode).first().waitFor();
    if (await askForCode.isVisible()) {
      throw new Error(
        `${email} is already enrolled in MFA by another test in this server, so its secret is unknown here; ` +
          'give that test a demo account of its own',
      );
    }
    const secret = ((await enrol.textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Authentication code').fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expiringBefore = await expiringCardValue();
    expect(expiringBefore).toBeGreaterThanOrEqual(0);
  });

  it('refuses a bad NPI under its field, then adds an RN', async () => {
    await page.goto(`${baseUrl}/staff`);
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add staff member' });
    await dialog.getByLabel('First name').fill(firstName);
    await dialog.getByLabel('Last name').fill(lastName);
    await dialog.getByLabel('Position').selectOption({ label: 'RN' });
    await dialog.getByLabel('Shift').selectOption({ label: 'Night' });
    await dialog.getByLabel('Hire date').fill(facilityDate(-3));
    // One digit off a valid NPI (1234567893): the check digit catches it before the server does.
    await dialog.getByLabel('NPI').fill('1234567890');
    await dialog.getByRole('button', { name: 'Add staff member' }).click();
    await dialog.getByText('This is not a valid NPI (the check digit does not match)').waitFor();
    expect(await dialog.getByLabel('NPI').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(shots, 'staff-add-member.png'), ...withoutToasts });
    await dialog.getByLabel('NPI').fill('1234567893');
    // What exclusion screening searches besides the name (rules.md 3.3: name and date of birth, former names).
    await dialog.getByLabel('Date of birth').fill('1988-03-14');
    await dialog.getByLabel('Former names').fill('Haddad');
    await dialog.getByRole('button', { name: 'Add staff member' }).click();
    // The new person's page opens: an RN with nothing on file may not work yet.
    await page.getByRole('heading', { name: fullName }).waitFor();
    await page.getByText('May not work').waitFor();
    await page.getByText(/born 1988-03-14 · formerly Haddad/).waitFor();
    await page.getByRole('heading', { name: 'Exclusion screening history' }).waitFor();
  });

  it('records a licence that expires in 20 days and sees it flagged amber', async () => {
    await page.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    const type = dialog.getByLabel('Credential', { exact: true }).first();
    await type.click();
    await type.fill('RN licence (OH)');
    await page.getByRole('option', { name: 'RN licence (OH)', exact: true }).click();
    await dialog.getByLabel('Number').fill(licenceNumber);
    await dialog.getByLabel('Issued on').fill(facilityDate(-710));
    // Expiry before issue is refused under the field.
    await dialog.getByLabel('Expires on').fill(facilityDate(-800));
    await dialog.getByRole('button', { name: 'Add credential' }).click();
    await dialog.getByText('Must be after the issue date').waitFor();
    await dialog.getByLabel('Expires on').fill(facilityDate(20));
    await dialog.getByRole('button', { name: 'Add credential' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: licenceNumber });
    await row.getByText('Unverified').waitFor();
    await row.getByRole('button', { name: 'Mark verified' }).click();
    const badge = row.getByText('Expires in 20 days');
    await badge.waitFor();
    expect(await badge.locator('xpath=ancestor-or-self::*[@data-tone][1]').getAttribute('data-tone')).toBe('warning');
    await page.screenshot({ path: path.join(shots, 'staff-licence-expiring.png'), fullPage: true, ...withoutToasts });
  });

  it('shows the lapse coming on the compliance matrix and the dashboard', async () => {
    await page.goto(`${baseUrl}/staff?view=compliance`);
    await page.getByLabel('Filter by name').fill(lastName);
    const row = page.getByRole('row').filter({ hasText: fullName });
    await row.getByText('Expires in 20 days').waitFor();
    // What a manager looks at before an inspection: everyone whose credentials lapse this month.
    await page.getByLabel('Filter by name').fill('');
    await page.getByLabel('Status', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Expiring within 30 days' }).click();
    // The table keeps the previous rows until the filtered ones arrive.
    await expect
      .poll(async () =>
        (await page.getByRole('table', { name: 'Credential compliance' }).locator('tbody tr').allInnerTexts()).every((r) =>
          r.includes('Expires in'),
        ),
      )
      .toBe(true);
    await row.getByText('Expires in 20 days').waitFor();
    await page.screenshot({ path: path.join(shots, 'staff-compliance-matrix.png'), ...withoutToasts });
    await openDashboard();
    await expect.poll(expiringCardValue).toBe(expiringBefore + 1);
    await page.screenshot({ path: path.join(shots, 'staff-dashboard-expiring.png'), ...withoutToasts });
  });

  it('lists the licence on the alerts tab and mails the managers a digest, held in the outbox without SMTP', async () => {
    await page.goto(`${baseUrl}/staff?view=alerts`);
    const alerts = page.getByRole('table', { name: 'Credential alerts' });
    const alert = alerts.getByRole('row').filter({ hasText: fullName }).filter({ hasText: 'RN licence (OH)' });
    await alert.getByText('Within 30 days').waitFor();
    await page.getByRole('button', { name: "Send today's alerts now" }).click();
    await page.getByText(/new emails? queued for \d+ alerts?/).waitFor();
    await page.screenshot({ path: path.join(shots, 'staff-alerts.png'), ...withoutToasts });
    await page.goto(`${baseUrl}/outbox`);
    await page.getByText('No SMTP server configured').waitFor();
    const digest = page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Credential alerts' });
    await digest.getByRole('button', { name: 'Show details' }).click();
    await page.getByText(new RegExp(`${fullName}: RN licence \\(OH\\) ${licenceNumber.replace('.', '\\.')} expires`)).waitFor();
    await page.screenshot({ path: path.join(shots, 'email-outbox.png'), ...withoutToasts });
  });

  it('records continuing education towards the licence', async () => {
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel('Search staff').fill(lastName);
    await page.getByRole('button', { name: fullName }).click();
    await page.getByRole('heading', { name: fullName }).waitFor();
    await page.getByRole('button', { name: 'Record CE' }).click();
    const dialog = page.getByRole('dialog', { name: /Record CE/ });
    await dialog.getByLabel('Course or activity').fill('Fall prevention in long-term care');
    await dialog.getByLabel('Provider').fill('Ohio Nurses Association');
    await dialog.getByLabel('Completed on').fill(facilityDate(-30));
    await dialog.getByLabel('Units').fill('6');
    await dialog.getByLabel('Counts towards').selectOption({ label: `RN licence (OH) ${licenceNumber}` });
    await dialog.getByRole('button', { name: 'Record CE' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: 'Fall prevention in long-term care' }).waitFor();
    await page.getByText('6 of 24 units').waitFor();
  });

  it('records the renewal and sees the flag clear', async () => {
    await page.getByRole('button', { name: `Renew RN licence (OH) ${licenceNumber}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Renew RN licence (OH)' });
    // A renewal must move the expiry forward.
    await dialog.getByLabel('New expiry').fill(facilityDate(10));
    await dialog.getByRole('button', { name: 'Record renewal' }).click();
    await dialog.getByText(/Must be after the current expiry/).waitFor();
    await dialog.getByLabel('New expiry').fill(facilityDate(20 + 730));
    await dialog.getByLabel('Verified with').selectOption('primary_source');
    await page.screenshot({ path: path.join(shots, 'staff-renewal.png'), ...withoutToasts });
    await dialog.getByRole('button', { name: 'Record renewal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const rows = page.getByRole('row').filter({ hasText: licenceNumber });
    await expect.poll(() => rows.count()).toBe(2);
    await rows.filter({ hasText: 'Superseded' }).waitFor();
    const current = rows.filter({ hasText: facilityDate(20 + 730) });
    const valid = current.getByText('Valid', { exact: true });
    await valid.waitFor();
    expect(await valid.locator('xpath=ancestor-or-self::*[@data-tone][1]').getAttribute('data-tone')).toBe('ok');
    await page.screenshot({ path: path.join(shots, 'staff-licence-renewed.png'), fullPage: true, ...withoutToasts });

    await page.goto(`${baseUrl}/staff?view=compliance`);
    await page.getByLabel('Filter by name').fill(lastName);
    const matrixRow = page.getByRole('row').filter({ hasText: fullName });
    await matrixRow.getByText('Valid', { exact: true }).first().waitFor();
    expect(await matrixRow.getByText(/Expires in/).count()).toBe(0);
    await openDashboard();
    await expect.poll(expiringCardValue).toBe(expiringBefore);
    await page.goto(`${baseUrl}/staff?view=alerts`);
    await page.getByRole('table', { name: 'Credential alerts' }).waitFor();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: fullName }).filter({ hasText: 'RN licence (OH)' }).count())
      .toBe(0);
  });

  it('edits the staff member', async () => {
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel('Search staff').fill(lastName);
    await page.getByRole('button', { name: fullName }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit staff member' });
    expect(await dialog.getByLabel('Last name').inputValue()).toBe(lastName);
    await dialog.getByLabel('Employment type').selectOption({ label: 'Part time' });
    await dialog.getByLabel('Department').fill('Long-term care, 2 West');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/Long-term care, 2 West · Part time/).waitFor();
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('shows the compliance auditor the record without any way to change it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const auditor = await context.newPage();
    auditor.setDefaultTimeout(15_000);
    await auditor.goto(baseUrl);
    await auditor.getByLabel('Email').fill('carol.whitman@example.org');
    await auditor.getByLabel('Password', { exact: true }).fill(inject('demoPassword'));
    await auditor.getByRole('button', { name: 'Sign in' }).click();
    await auditor.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await auditor.goto(`${baseUrl}/staff`);
    await auditor.getByLabel('Search staff').fill(lastName);
    await auditor.getByRole('button', { name: fullName }).click();
    await auditor.getByRole('heading', { name: fullName }).waitFor();
    await auditor.getByRole('row').filter({ hasText: licenceNumber }).filter({ hasText: 'Valid' }).waitFor();
    for (const name of ['Edit', 'Record CE', 'Add credential', /^Renew /, 'Mark verified']) {
      expect(await auditor.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    await auditor.goto(`${baseUrl}/staff`);
    await auditor.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    expect(await auditor.getByRole('button', { name: 'Add staff member' }).count()).toBe(0);
    await context.close();
  });
});
