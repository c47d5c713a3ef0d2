import { z } from 'zod';

/** A dashboard card: each module contributes the cards it has something to say on. */
export const DashboardCard = z.object({
  key: z.string(),
  title: z.string(),
  value: z.string(),
  tone: z.enum(['neutral', 'ok', 'warning', 'danger']),
  detail: z.string().nullable(),
  href: z.string().nullable(),
});
export type DashboardCard = z.infer<typeof DashboardCard>;

export const Dashboard = z.object({ cards: z.array(DashboardCard) });
export type Dashboard = z.infer<typeof Dashboard>;
