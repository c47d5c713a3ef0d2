// Closed-loop HTTP load generator, run as a child process so it does not share the server's event
// loop. It receives one job at a time over IPC: `concurrency` keep-alive connections each send
// the next request as soon as the previous answer is read, first for a warm-up, then for the
// measured duration. Latency is measured per request from send to the last byte of the answer.
// (A closed loop hides queueing the server would see from independent clients: see README.)
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type LoadJob = {
  url: string;
  headers: Record<string, string>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Stops the measured phase early once this many answers were counted. */
  maxRequests: number;
};

export type LoadResult = {
  requests: number;
  errors: number;
  non2xx: number;
  transportErrors: number;
  firstError: string | null;
  statusCounts: Record<string, number>;
  elapsedMs: number;
  rps: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  bytesPerResponse: number;
  clientCpuMs: number;
  stoppedBy: 'duration' | 'maxRequests';
};

export type ParentMessage = { type: 'run'; job: LoadJob } | { type: 'exit' };
export type ChildMessage = { type: 'measuring' } | { type: 'result'; result: LoadResult } | { type: 'failed'; error: string };

const REQUEST_TIMEOUT_MS = 30_000;

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

export async function runLoad(job: LoadJob, onMeasuring: () => void = () => {}): Promise<LoadResult> {
  const target = new URL(job.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`loopback only: refusing ${target.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const options: http.RequestOptions = {
    agent,
    host: target.hostname,
    port: Number(target.port),
    path: `${target.pathname}${target.search}`,
    method: 'GET',
    headers: job.headers,
  };
  const latencies = new Float64Array(job.maxRequests);
  let count = 0;
  let non2xx = 0;
  let transportErrors = 0;
  let firstError: string | null = null;
  let bytes = 0;
  const statusCounts: Record<string, number> = {};

  const send = () =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = http.request(options, (res) => {
        let n = 0;
        res.on('data', (chunk: Buffer) => {
          n += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: n }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.end();
    });

  const started = performance.now();
  const measureFrom = started + job.warmupMs;
  const measureUntil = measureFrom + job.durationMs;
  let cpuAtStart: NodeJS.CpuUsage | null = null;
  const markTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
    onMeasuring();
  }, job.warmupMs);
  let lastDone = measureFrom;

  const connection = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= measureUntil || count >= job.maxRequests) return;
      const measured = t0 >= measureFrom;
      try {
        const r = await send();
        const t1 = performance.now();
        if (measured && count < job.maxRequests) {
          latencies[count++] = t1 - t0;
          lastDone = t1;
          bytes += r.bytes;
          statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
          if (r.status < 200 || r.status >= 300) {
            non2xx++;
            firstError ??= `HTTP ${r.status}`;
          }
        }
      } catch (err) {
        const t1 = performance.now();
        if (measured && count < job.maxRequests) {
          latencies[count++] = t1 - t0;
          lastDone = t1;
          transportErrors++;
          firstError ??= (err as Error).message;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, connection));
  clearTimeout(markTimer);
  const cpu = process.cpuUsage(cpuAtStart ?? undefined);
  agent.destroy();

  const sorted = latencies.subarray(0, count).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const elapsedMs = Math.max(1, lastDone - measureFrom);
  return {
    requests: count,
    errors: non2xx + transportErrors,
    non2xx,
    transportErrors,
    firstError,
    statusCounts,
    elapsedMs,
    rps: (count / elapsedMs) * 1000,
    meanMs: count > 0 ? sum / count : Number.NaN,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    maxMs: count > 0 ? (sorted[count - 1] as number) : Number.NaN,
    bytesPerResponse: count > 0 ? bytes / count : 0,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    stoppedBy: count >= job.maxRequests ? 'maxRequests' : 'duration',
  };
}

// As a forked child: serve jobs from the parent until told to exit.
if (process.send) {
  const reply = (m: ChildMessage) => process.send?.(m);
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'exit') process.exit(0);
    runLoad(m.job, () => reply({ type: 'measuring' })).then(
      (result) => reply({ type: 'result', result }),
      (err: unknown) => reply({ type: 'failed', error: String((err as Error)?.stack ?? err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
