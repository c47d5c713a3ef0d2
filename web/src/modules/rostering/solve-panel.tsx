import type { SolveRun } from '@clinicops/contracts';
import { Button, Group, NumberInput, Paper, Progress, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { rosteringApi } from './use-rostering';

// "Solve" with live progress: the solve is a background job on the server (queued until a worker
// takes it, then a solver thread); this polls its run for the best objective so far and offers a
// stop button. When it ends, the roster reloads.

const active = (status: SolveRun['status'] | undefined) => status === 'queued' || status === 'running';

export function SolvePanel({ rosterId, onFinished }: { rosterId: string; onFinished: () => void }) {
  const [seconds, setSeconds] = useState<number>(10);
  const [runId, setRunId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => rosteringApi.solve(rosterId, { timeLimitSeconds: seconds }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    queryKey: ['rostering', 'run', rosterId, runId],
    queryFn: () => rosteringApi.run(rosterId, runId ?? ''),
    enabled: !!runId,
    refetchInterval: (q) => (active(q.state.data?.status) || !q.state.data ? 500 : false),
  });
  const stop = useMutation({ mutationFn: () => rosteringApi.stop(rosterId, runId ?? '') });
  const status = run.data?.status;
  useEffect(() => {
    if (status && !active(status)) onFinished();
  }, [status, onFinished]);
  const running = active(status) || start.isPending;
  return (
    <Paper withBorder p="sm" aria-label="Solver">
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Time limit (seconds)"
          min={1}
          max={300}
          w={160}
          value={seconds}
          onChange={(v) => setSeconds(Number(v) || 10)}
          disabled={running}
        />
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running}>
          Solve
        </Button>
        <Button color="red" variant="light" onClick={() => stop.mutate()} disabled={!active(status)}>
          Stop
        </Button>
        {run.data ? <RunLine run={run.data} /> : null}
      </Group>
      {status === 'running' && run.data ? (
        <Progress
          mt="xs"
          value={Math.min(100, (run.data.elapsedMs / run.data.timeLimitMs) * 100)}
          animated
          aria-label="Solve progress"
        />
      ) : null}
      <ProblemAlert error={start.error ?? stop.error} title="The solver could not run" />
    </Paper>
  );
}

function RunLine({ run }: { run: SolveRun }) {
  const words: Record<SolveRun['status'], string> = {
    queued: 'Waiting for a free solver…',
    running: 'Solving…',
    done: 'Solved',
    stopped: 'Stopped (best roster kept)',
    failed: 'Failed',
    interrupted: 'Interrupted',
  };
  return (
    <Text size="sm" data-testid="solve-status" data-status={run.status}>
      {words[run.status]} · {(run.elapsedMs / 1000).toFixed(1)} s{run.objective !== null ? ` · penalty ${run.objective}` : ''}
      {run.hardViolations ? ` · ${run.hardViolations} hard violations` : ''}
      {run.error ? ` · ${run.error}` : ''}
    </Text>
  );
}
