import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.js';

// The front desk finds a slot for a demo patient and books it, drags the visit to another open
// time of the same provider (the server checks the move), shortens it by its bottom edge, puts another patient on the waitlist,
// cancels the first visit with a reason and books the proposed waiting patient into the freed time.
const shots = path.join(import.meta.dirname, 'screenshots');
const baseUrl = inject('baseUrl');
const consoleErrors: string[] = [];
let browser: Browser;
let page: Page;
let booked: { id: string; startsAt: string; providerResourceId: string; appointmentTypeId: string; patientName: string };

const NY = 'America/New_York';
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: NY }).format(
    new Date(iso),
  );
const minutesInNy = (iso: string) => {
  const [h = '0', m = '0'] = new Intl.DateTimeFormat('en-GB', {
    timeZone: NY,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .split(':');
  return Number(h) * 60 + Number(m);
};

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: NY });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill('jenna.park@example.org');
  await page.getByLabel('Password', { exact: true }).fill(inject('demoPassword'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
});

describe('front desk: book, move, waitlist, cancel', () => {
  it("shows today's appointments on the dashboard and the schedule per provider", async () => {
    await expect.poll(() => page.getByText("Today's appointments").count()).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'Schedule' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: /Dr\. Samuel Okafor/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, 'schedule-day.png') });
  });

  it("gives a provider's private calendar feed address, which serves iCalendar", async () => {
    await page.getByRole('button', { name: 'Calendar feed for Dr. Samuel Okafor' }).click();
    const dialog = page.getByRole('dialog', { name: /Calendar feed/ });
    const address = dialog.getByRole('textbox', { name: 'Feed address' });
    await expect.poll(() => address.inputValue()).toMatch(/\/api\/scheduling\/feed\/.+\.ics$/);
    const res = await page.request.get(await address.inputValue(), { headers: { cookie: '' } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/calendar');
    expect(await res.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('finds a slot for a patient and books it', async () => {
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
    await dialog.getByRole('textbox', { name: 'Patient' }).fill('garc');
    await dialog.getByLabel('Matching patients').getByRole('button').first().click();
    // two weeks ahead, where every provider has open time whatever the hour of the run
    const inTwoWeeks = new Intl.DateTimeFormat('en-CA', { timeZone: NY }).format(new Date(Date.now() + 14 * 86_400_000));
    await dialog.getByLabel('From').fill(inTwoWeeks);
    await dialog.getByRole('combobox', { name: 'Appointment type' }).click();
    await page.getByRole('option', { name: /^Follow-up/ }).click();
    const slot = dialog.getByLabel('Open slots').getByRole('button', { name: / · / }).first();
    await slot.waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-booking.png') });
    const created = page.waitForResponse((r) => r.url().endsWith('/api/appointments') && r.request().method() === 'POST');
    await slot.click();
    const res = await created;
    expect(res.status()).toBe(201);
    booked = await res.json();
    await dialog.waitFor({ state: 'hidden' });
  });

  it("drags the visit to another open time of the provider's day", async () => {
    // go to the booked day
    for (let i = 0; i < 30; i++) {
      if ((await page.getByText(longDate(booked.startsAt)).count()) > 0) break;
      await page.getByRole('button', { name: 'Next' }).click();
    }
    const card = page.locator(`[data-appointment="${booked.id}"]`);
    await card.waitFor();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: NY }).format(new Date(booked.startsAt));
    const slots = await page.evaluate(async (q) => (await fetch(`/api/scheduling/slots?${new URLSearchParams(q)}`)).json(), {
      appointmentTypeId: booked.appointmentTypeId,
      providerResourceId: booked.providerResourceId,
      from: day,
      days: '1',
      limit: '40',
    });
    const target = (slots.slots as { startsAt: string }[]).find(
      (s) => Math.abs(Date.parse(s.startsAt) - Date.parse(booked.startsAt)) >= 60 * 60_000,
    );
    expect(target, 'another open slot that day').toBeDefined();
    const column = page.locator(`[data-column="${booked.providerResourceId}"]`);
    const moved = page.waitForResponse((r) => r.url().includes(`/api/appointments/${booked.id}/reschedule`));
    await card.dragTo(column, { targetPosition: { x: 40, y: (minutesInNy(target?.startsAt ?? '') - 7 * 60) * 1.4 + 2 } });
    const res = await moved;
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).startsAt).toBe(target?.startsAt);
    await page.getByText(/^Moved /).waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-moved.png') });
  });

  it('resizes the visit by dragging its bottom edge, checked by the server', async () => {
    const handle = page.locator(`[data-resize="${booked.id}"]`);
    await handle.waitFor();
    const before = Number(await handle.getAttribute('aria-valuenow'));
    const box = await handle.boundingBox();
    expect(box).not.toBeNull();
    const x = (box?.x ?? 0) + (box?.width ?? 0) / 2;
    const y = (box?.y ?? 0) + (box?.height ?? 0) / 2;
    // ten minutes shorter (1.4 px a minute): a shorter visit never collides with the next one
    const resized = page.waitForResponse((r) => r.url().includes(`/api/appointments/${booked.id}/reschedule`));
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 14, { steps: 5 });
    await page.mouse.up();
    const res = await resized;
    expect(res.status(), await res.text()).toBe(200);
    const after = await res.json();
    expect((Date.parse(after.endsAt) - Date.parse(after.startsAt)) / 60_000).toBe(before - 10);
    await page.getByText(new RegExp(`now ${before - 10} minutes`)).waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-resized.png') });
  });

  it('puts another patient on the waitlist for that day', async () => {
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
    await dialog.getByRole('textbox', { name: 'Patient' }).fill('okon');
    await dialog.getByLabel('Matching patients').getByRole('button').first().click();
    await dialog.getByRole('combobox', { name: 'Appointment type' }).click();
    await page.getByRole('option', { name: /^Follow-up/ }).click();
    await dialog.getByLabel('Open slots').getByRole('button', { name: / · / }).first().waitFor();
    const added = page.waitForResponse((r) => r.url().endsWith('/api/scheduling/waitlist') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Put on the waitlist for an earlier slot' }).click();
    expect((await added).status()).toBe(201);
    await dialog.getByRole('button', { name: 'Close' }).or(dialog.locator('.mantine-Modal-close')).first().click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('cancels it with a reason, and the time is free again', async () => {
    await page.locator(`[data-appointment="${booked.id}"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByLabel('Reason for cancelling').fill('Patient called: feeling better');
    await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
    // the dialog stays, proposing the waiting patient for the freed time
    const proposals = dialog.getByLabel('Waitlist proposals');
    await proposals.getByRole('button', { name: 'Book' }).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-waitlist-proposal.png') });
    await expect.poll(() => page.locator(`[data-appointment="${booked.id}"]`).getAttribute('data-status')).toBe('cancelled');
    const rebooked = page.waitForResponse((r) => r.url().endsWith('/api/appointments') && r.request().method() === 'POST');
    await proposals.getByRole('button', { name: 'Book' }).first().click();
    expect((await rebooked).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Front desk today', { exact: true }).click();
    await page.getByRole('table', { name: "Today's appointments" }).or(page.getByText('No appointments today')).waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-today.png') });
    expect(consoleErrors.filter((e) => !e.includes('401') && !e.includes('409') && !e.includes('400'))).toEqual([]);
  });

  it("shows the cancelled visit on the patient's Appointments tab", async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Find a patient', { exact: true }).fill(booked.patientName.split(',')[0] ?? '');
    await page
      .getByRole('button', { name: new RegExp(`^${booked.patientName}`) })
      .first()
      .click();
    const drawer = page.getByRole('dialog', { name: booked.patientName });
    await drawer.getByRole('tab', { name: 'Appointments' }).click();
    const table = drawer.getByRole('table', { name: 'Appointments' });
    await table.getByText('Cancelled').first().waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });
});

describe('front desk: setup and indicators', () => {
  it('adds a room, deactivates it, and sees the other setup lists', async () => {
    await page.goto(`${baseUrl}/schedule?view=setup`);
    await page.getByRole('tab', { name: 'Resources' }).click();
    await page.getByRole('button', { name: 'Add a resource' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a bookable resource' });
    await dialog.getByLabel('Name').fill('Exam 9 (journey)');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'Exam 9 (journey)' });
    await row.getByText('Bookable').waitFor();
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Inactive').waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-setup-resources.png') });
    await page.getByRole('tab', { name: 'Appointment types' }).click();
    await page
      .getByRole('table', { name: 'Appointment types' })
      .getByText(/^Follow-up/)
      .first()
      .waitFor();
    await page.getByRole('tab', { name: 'Weekly hours' }).click();
    await page.getByRole('table', { name: 'Weekly hours' }).getByText(/Mon/).first().waitFor();
    await page.getByRole('tab', { name: 'Closures and leave' }).click();
    await page.getByRole('table', { name: 'Closures and leave' }).waitFor();
  });

  it('shows the indicators per provider and third-next-available', async () => {
    await page.getByText('Indicators', { exact: true }).click();
    await page.getByText('Last 30 days', { exact: true }).click();
    const table = page.getByRole('table', { name: 'Indicators per provider' });
    await table.getByText('Dr. Samuel Okafor').waitFor();
    await page.getByRole('table', { name: 'Third next available' }).getByText('Dr. Samuel Okafor').waitFor();
    await page.screenshot({ path: path.join(shots, 'schedule-indicators.png'), fullPage: true });
    expect(consoleErrors.filter((e) => !e.includes('401') && !e.includes('409') && !e.includes('400'))).toEqual([]);
  });
});
