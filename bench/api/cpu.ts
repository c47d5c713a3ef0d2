// CPU accounting from Linux /proc, sampled when the measured phase starts and when it ends:
// - the PostgreSQL backends serving this benchmark's database (pids from pg_stat_activity), which
//   is only meaningful when the server runs on this machine;
// - the whole machine (/proc/stat), so that load from other programs shows in the report.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type pg from 'pg';

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

async function processTicks(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}

async function machineTicks(): Promise<{ busy: number; total: number } | null> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => null);
  const line = stat?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
  const total = v.reduce((x, y) => x + y, 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
}

export type CpuSnapshot = {
  at: number;
  self: NodeJS.CpuUsage;
  backends: Map<number, number>;
  machine: { busy: number; total: number } | null;
};
export type CpuShares = { appPct: number; postgresPct: number | null; machinePct: number | null };

export class CpuSampler {
  constructor(
    private readonly monitor: pg.Client | null,
    private readonly cores: number,
  ) {}

  private async backends(): Promise<Map<number, number>> {
    const ticks = new Map<number, number>();
    if (!this.monitor) return ticks;
    const { rows } = await this.monitor.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const t = await processTicks(pid);
      if (t !== null) ticks.set(pid, t);
    }
    return ticks;
  }

  async snapshot(): Promise<CpuSnapshot> {
    const self = process.cpuUsage();
    const at = performance.now();
    const [backends, machine] = await Promise.all([this.backends(), machineTicks()]);
    return { at, self, backends, machine };
  }

  shares(a: CpuSnapshot, b: CpuSnapshot): CpuShares {
    const wallMs = Math.max(1, b.at - a.at);
    const appMs = (b.self.user - a.self.user + b.self.system - a.self.system) / 1000;
    let pgTicks = 0;
    // a backend that appeared during the window counts from zero; one that vanished is lost
    for (const [pid, t] of b.backends) pgTicks += t - (a.backends.get(pid) ?? 0);
    const machinePct =
      a.machine && b.machine && b.machine.total > a.machine.total
        ? ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * this.cores * 100
        : null;
    return {
      appPct: (appMs / wallMs) * 100,
      postgresPct: this.monitor ? ((pgTicks * 1000) / CLK_TCK / wallMs) * 100 : null,
      machinePct,
    };
  }
}
