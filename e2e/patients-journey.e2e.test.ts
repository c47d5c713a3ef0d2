import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticCardPng, syntheticPdf } from '../server/src/modules/documents/demo-files.js';
import { launchBrowser } from './browser.js';

// The front desk registers a patient, adds insurance with a picture of the card and a consent,
// and finds the record again by typing part of the name without its accent; the compliance
// officer then sees that view in the audit trail.
const shots = path.join(import.meta.dirname, 'screenshots');
const baseUrl = inject('baseUrl');
const consoleErrors: string[] = [];
let browser: Browser;
let page: Page;

// Letters only, so the synthetic name still looks like a name in the screenshots.
const tag = Date.now()
  .toString(26)
  .slice(-4)
  .replace(/./g, (c) => String.fromCharCode(97 + Number.parseInt(c, 26)));
const givenName = `Zoë ${tag.charAt(0).toUpperCase()}${tag.slice(1)}`;
const familyName = 'Castañeda-Whitlock';
const listName = `${familyName}, ${givenName}`;
let patientId = '';

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  context.setDefaultTimeout(10_000);
  const p = await context.newPage();
  p.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await p.goto(baseUrl);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password', { exact: true }).fill(inject('demoPassword'));
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { name: 'Dashboard' }).waitFor();
  return p;
}

const field = (p: Page, label: string) => p.getByLabel(label, { exact: true });

/** The message Mantine links to an input through aria-describedby. */
async function messageUnder(p: Page, label: string): Promise<string> {
  const input = field(p, label);
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => p.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await signIn(await browser.newContext({ viewport: { width: 1366, height: 860 } }), 'jenna.park@example.org');
});
afterAll(async () => {
  await browser?.close();
});

describe('front desk: register, insure, find again', () => {
  it('explains each wrong field of a registration', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Register patient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register patient' });
    await field(page, 'Legal given name').fill(givenName);
    await field(page, 'Date of birth (YYYY-MM-DD)').fill('1991-02-30');
    await dialog.getByRole('button', { name: 'Register' }).click();
    expect(await messageUnder(page, 'Legal family name')).toContain('This is required');
    expect(await messageUnder(page, 'Date of birth (YYYY-MM-DD)')).toContain('This date does not exist');
    await page.screenshot({ path: path.join(shots, 'patients-register-errors.png') });
  });

  it('registers the patient and opens the new record', async () => {
    const dialog = page.getByRole('dialog', { name: 'Register patient' });
    await field(page, 'Legal family name').fill(familyName);
    await field(page, 'Date of birth (YYYY-MM-DD)').fill('1991-06-14');
    await page.getByRole('combobox', { name: 'Sex at birth' }).click();
    await page.getByRole('option', { name: 'female' }).click();
    await field(page, 'Phone').fill('614 555 0199');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/patients') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Register' }).click();
    let response = await created;
    if (response.status() === 409) {
      // Demo patients may resemble ours: the desk confirms it is a different person.
      const again = page.waitForResponse((r) => r.url().endsWith('/api/patients') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: 'Register anyway' }).click();
      response = await again;
    }
    expect(response.status()).toBe(201);
    patientId = ((await response.json()) as { id: string }).id;
    await page.getByRole('dialog', { name: listName }).waitFor();
    await page.getByText('614 555 0199').waitFor();
  });

  it('adds a primary coverage, and is told why a second primary is refused', async () => {
    const drawer = page.getByRole('dialog', { name: listName });
    await drawer.getByRole('tab', { name: 'Coverage' }).click();
    await drawer.getByRole('button', { name: 'Add coverage' }).click();
    const form = page.getByRole('dialog', { name: 'Add coverage' });
    // Keyboard-first: the payer field has the focus, and Enter saves.
    await expect.poll(() => field(page, 'Payer').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Buckeye Mutual Health');
    await field(page, 'Plan').fill('PPO Gold 1500');
    await field(page, 'Member ID').fill('BMH482913357');
    await field(page, 'Group ID').fill('GRP-20417');
    expect(await field(page, 'Subscriber').inputValue()).toBe(`${givenName} ${familyName}`);
    expect(await field(page, 'Order').inputValue()).toBe('1');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await drawer.getByRole('cell', { name: /^Buckeye Mutual Health/ }).waitFor();
    await drawer.getByText('BMH482913357').waitFor();
    await page.screenshot({ path: path.join(shots, 'patients-coverage.png') });

    await drawer.getByRole('button', { name: 'Add coverage' }).click();
    // The form proposes the next free order; the desk insists on primary.
    expect(await field(page, 'Order').inputValue()).toBe('2');
    await field(page, 'Payer').fill('Ohio Medicaid');
    await field(page, 'Payer type').selectOption('medicaid');
    await field(page, 'Order').selectOption('1');
    await form.getByRole('button', { name: 'Add coverage' }).click();
    expect(await messageUnder(page, 'Order')).toContain('The patient already has an active primary coverage; end it first');
    await page.screenshot({ path: path.join(shots, 'patients-coverage-refused.png') });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('uploads the front of the insurance card, after being told a renamed PDF is not an image', async () => {
    const drawer = page.getByRole('dialog', { name: listName });
    await drawer.getByRole('tab', { name: 'Coverage' }).click();
    const row = drawer.getByRole('row', { name: /Buckeye Mutual Health/ });
    await row.getByRole('button', { name: 'Card front' }).click();
    const form = page.getByRole('dialog', { name: 'Upload a document' });
    // Opened from the coverage row: the kind and the coverage are chosen already.
    expect(await field(page, 'Kind of document').inputValue()).toBe('insurance_card_front');
    expect(await form.getByLabel('Coverage (for card images)').locator('option:checked').textContent()).toContain(
      'Buckeye Mutual Health',
    );
    const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const chooser = page.waitForEvent('filechooser');
      await field(page, 'File').click();
      await (await chooser).setFiles(file);
    };
    await choose({ name: 'card-front.png', mimeType: 'image/png', buffer: syntheticPdf(['not a picture']) });
    await form.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await messageUnder(page, 'File')).toContain('This is a PDF but was sent as image/png');
    await page.screenshot({ path: path.join(shots, 'patients-card-refused.png') });
    await choose({ name: 'card-front.png', mimeType: 'image/png', buffer: syntheticCardPng({ hue: [21, 128, 61] }) });
    await form.getByRole('button', { name: 'Upload', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const thumbnail = row.getByRole('img', { name: 'Insurance card, front' });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
    // The back is still missing, and can be added from the same row.
    await row.getByRole('button', { name: 'Card back' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'patients-card-image.png') });
    await drawer.getByRole('tab', { name: 'Documents' }).click();
    const docs = drawer.getByRole('table', { name: 'Documents' });
    await docs.getByRole('cell', { name: /Insurance card \(front\)/ }).waitFor();
    await docs.getByRole('link', { name: 'card-front.png' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'patients-documents.png') });
  });

  it('records the privacy notice acknowledgment', async () => {
    const drawer = page.getByRole('dialog', { name: listName });
    await drawer.getByRole('tab', { name: 'Consents' }).click();
    await drawer.getByRole('button', { name: 'Add consent' }).click();
    const form = page.getByRole('dialog', { name: 'Record a consent or acknowledgment' });
    expect(await field(page, 'Kind').inputValue()).toBe('npp');
    await form.getByRole('button', { name: 'Record consent' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByRole('cell', { name: 'Notice of privacy practices' }).waitFor();
  });

  it('edits the record, with the server refusing a birth date in the future', async () => {
    const drawer = page.getByRole('dialog', { name: listName });
    await drawer.getByRole('tab', { name: 'Demographics' }).click();
    await drawer.getByRole('button', { name: 'Edit patient' }).click();
    const form = page.getByRole('dialog', { name: /^Edit Zoë/ });
    await field(page, 'Preferred name').fill('Zoë');
    await field(page, 'Date of birth (YYYY-MM-DD)').fill('2090-06-14');
    await form.getByRole('button', { name: 'Save changes' }).click();
    expect(await messageUnder(page, 'Date of birth (YYYY-MM-DD)')).toContain('This is in the future');
    await page.screenshot({ path: path.join(shots, 'patients-edit-errors.png') });
    await field(page, 'Date of birth (YYYY-MM-DD)').fill('1991-06-14');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByText('1991-06-14').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('finds the patient by a partial, unaccented, lower-case name', async () => {
    await field(page, 'Find a patient').fill('castan');
    const link = page.getByRole('button', { name: new RegExp(`^${listName}`) });
    await link.waitFor();
    await page.screenshot({ path: path.join(shots, 'patients-search.png') });
    await link.click();
    const drawer = page.getByRole('dialog', { name: listName });
    await drawer.getByText('1991-06-14').waitFor();
    await drawer.getByRole('tab', { name: 'Coverage' }).click();
    await drawer.getByText('BMH482913357').waitFor();
    const thumbnail = drawer.getByRole('img', { name: 'Insurance card, front' });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
    await page.screenshot({ path: path.join(shots, 'patients-record.png') });
    // The front desk does not see who else looked at the record.
    expect(await drawer.getByRole('tab', { name: 'Access history' }).count()).toBe(0);
  });
});

describe('compliance officer: who accessed the record', () => {
  it("finds both of the front desk's views of the record in the audit log", async () => {
    expect(patientId).not.toBe('');
    const auditor = await signIn(
      await browser.newContext({ viewport: { width: 1366, height: 860 } }),
      'carol.whitman@example.org',
    );
    // The record's Access history tab also needs patients:read, which auditors do not have, and
    // the managers who have both sign in with MFA (see the manager journey).
    const nav = auditor.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Audit log' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Patients' }).count()).toBe(0);
    await auditor.goto(`${baseUrl}/audit`);
    await auditor.getByRole('heading', { name: 'Audit log' }).waitFor();
    await field(auditor, 'Patient ID').fill(patientId);
    await auditor.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(async () => (await auditor.locator('table tbody tr').allInnerTexts()).filter((r) => r.includes('Jenna Park')))
      .toEqual(expect.arrayContaining([expect.stringContaining('patient.view'), expect.stringContaining('patient.create')]));
    const views = (await auditor.locator('table tbody tr').allInnerTexts()).filter(
      (r) => r.includes('Jenna Park') && r.includes('patient.view'),
    );
    expect(views).toHaveLength(2);
    await auditor.screenshot({ path: path.join(shots, 'patients-access-audit.png'), fullPage: true });
    // The refused registration, coverage and edit answered 400 on purpose; nothing else may fail.
    expect(consoleErrors.filter((e) => !/status of 40[01]/.test(e))).toEqual([]);
  });
});

describe('front desk: a visit with codes, then a duplicate record merged', () => {
  const visitFamily = `Abernathy-${tag}`;
  const visitName = `${visitFamily}, Iris`;

  async function register(p: Page, dateOfBirth: string, phone: string) {
    await p.getByRole('button', { name: 'Register patient' }).click();
    const dialog = p.getByRole('dialog', { name: 'Register patient' });
    await field(p, 'Legal given name').fill('Iris');
    await field(p, 'Legal family name').fill(visitFamily);
    await field(p, 'Date of birth (YYYY-MM-DD)').fill(dateOfBirth);
    await p.getByRole('combobox', { name: 'Sex at birth' }).click();
    await p.getByRole('option', { name: 'female' }).click();
    await field(p, 'Phone').fill(phone);
    const created = p.waitForResponse((r) => r.url().endsWith('/api/patients') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Register' }).click();
    let response = await created;
    if (response.status() === 409) {
      const again = p.waitForResponse((r) => r.url().endsWith('/api/patients') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: 'Register anyway' }).click();
      response = await again;
    }
    expect(response.status()).toBe(201);
    const drawer = p.getByRole('dialog', { name: visitName });
    await drawer.waitFor();
    return { id: ((await response.json()) as { id: string }).id, drawer };
  }

  it('records a finished visit, told field by field what is wrong with its codes', async () => {
    await page.goto(`${baseUrl}/patients`);
    await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
    const { drawer } = await register(page, '1968-09-03', '614 555 0177');
    await drawer.getByRole('tab', { name: 'Encounters' }).click();
    await drawer.getByText('No encounters recorded.').waitFor();
    await drawer.getByRole('button', { name: 'New encounter' }).click();
    const form = page.getByRole('dialog', { name: 'New encounter' });
    await field(page, 'Reason for visit').fill('Blood pressure and diabetes follow-up');
    await field(page, 'Diagnosis 1 code').fill('E1.19');
    await form.getByRole('button', { name: 'Add diagnosis' }).click();
    await field(page, 'Diagnosis 2 code').fill('I10');
    await field(page, 'Procedure 1 code').fill('99214');
    await field(page, 'Procedure 1 modifiers').fill('25, X');
    await field(page, 'Procedure 1 diagnosis pointers').fill('1, 3');
    await form.getByRole('button', { name: 'Record encounter' }).click();
    expect(await messageUnder(page, 'Diagnosis 1 code')).toContain('is not an ICD-10-CM code');
    expect(await messageUnder(page, 'Procedure 1 modifiers')).toContain('Must be 2 letters or digits');
    expect(await messageUnder(page, 'Procedure 1 diagnosis pointers')).toContain('Must name a diagnosis from 1 to 2');
    expect(await messageUnder(page, 'Provider')).toContain('is required for a finished visit');
    await page.screenshot({ path: path.join(shots, 'encounters-errors.png') });

    await field(page, 'Diagnosis 1 code').fill('E11.9');
    await field(page, 'Procedure 1 modifiers').fill('');
    await field(page, 'Procedure 1 diagnosis pointers').fill('1, 2');
    await field(page, 'Provider').selectOption({ label: 'Priya Raman (nurse practitioner)' });
    await form.getByRole('button', { name: 'Record encounter' }).click();
    await form.waitFor({ state: 'detached' });
    await drawer.getByText('1. E11.9').waitFor();
    await drawer.getByText('Priya Raman').waitFor();
    await page.screenshot({ path: path.join(shots, 'encounters-tab.png') });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('registers the same person again by mistake, then merges the first record into it', async () => {
    const { drawer } = await register(page, '1968-09-03', '614 555 0178');
    await drawer.getByRole('button', { name: 'Merge a duplicate…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Merge a duplicate into Iris/ });
    await field(page, 'Find the duplicate record').fill(visitFamily.toLowerCase());
    await dialog.getByRole('button', { name: 'Compare' }).first().click();
    const table = dialog.getByRole('table', { name: 'Side-by-side comparison' });
    await table.waitFor();
    // The phones differ: the survivor's is chosen by default; take the first record's instead.
    await page.getByLabel("Phone: keep the duplicate's value").check();
    await page.screenshot({ path: path.join(shots, 'patients-merge.png') });
    const merged = page.waitForResponse((r) => r.url().endsWith('/merge') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Merge into this record' }).click();
    expect((await merged).status()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    await drawer.getByText('614 555 0177').waitFor();
    await drawer.getByText(/^Retain until \d{4}-\d{2}-\d{2}/).waitFor();
    // The patient asks for a copy of the record: due in 30 days (45 CFR 164.524).
    await drawer.getByRole('button', { name: 'Record a request' }).click();
    await drawer.getByText(/^Due \d{4}-\d{2}-\d{2}/).waitFor();
    await page.screenshot({ path: path.join(shots, 'patients-record-access.png') });
    // The visit of the first record moved to this one.
    await drawer.getByRole('tab', { name: 'Encounters' }).click();
    await drawer.getByText('1. E11.9').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    // Both records are still found; the duplicate is marked merged, never deleted.
    await field(page, 'Find a patient').fill(visitFamily.toLowerCase());
    await expect.poll(async () => (await page.locator('table tbody tr').allInnerTexts()).join('\n')).toContain('merged');
    // The merged record says so and leads to the surviving one.
    await page
      .locator('table tbody tr', { hasText: 'merged' })
      .getByRole('button', { name: new RegExp(`^${visitName}`) })
      .click();
    const mergedDrawer = page.getByRole('dialog', { name: visitName });
    await mergedDrawer.getByText('Merged record').waitFor();
    expect(await mergedDrawer.getByRole('button', { name: 'Edit patient' }).count()).toBe(0);
    await mergedDrawer.getByRole('button', { name: 'Open the surviving record' }).click();
    await mergedDrawer.getByText('614 555 0177').waitFor();
    await mergedDrawer.getByRole('button', { name: 'Merge a duplicate…' }).waitFor();
    // 400s (refused codes) and the 409 (possible duplicate) were on purpose; nothing else may fail.
    expect(consoleErrors.filter((e) => !/status of 40[019]/.test(e))).toEqual([]);
  });
});
