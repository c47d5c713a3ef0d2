import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../src/platform/jobs.js';
import { freshDatabase } from './helpers.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let jobs: Jobs | undefined;

beforeAll(async () => {
  fresh = await freshDatabase();
});
afterAll(async () => {
  await jobs?.stop();
  await fresh.drop();
});

describe('background jobs (pg-boss)', () => {
  it('runs a queued job from PostgreSQL and registers recurring ones', async () => {
    let resolveRan: (v: string) => void = () => {};
    const ran = new Promise<string>((r) => {
      resolveRan = r;
    });
    jobs = await startJobs(
      fresh.url,
      [
        { name: 'test-job', handler: async () => resolveRan('ran') },
        { name: 'test-recurring', cron: '0 3 * * *', handler: async () => {} },
      ],
      pino({ level: 'silent' }),
    );
    await jobs.boss.send('test-job', {});
    expect(await Promise.race([ran, new Promise((r) => setTimeout(() => r('timeout'), 20_000))])).toBe('ran');
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain('test-recurring');
  });
});
