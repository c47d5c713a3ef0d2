import type { SolveRun } from '@clinicops/contracts';
import { Button, Group, NumberInput, Paper, Progress, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { MAX_SECONDS, MIN_SECONDS, timeLimitError } from './time-limit';
import { rosteringApi, rosteringKey } from './use-rostering';

// "Solve" with live progress: the solve is a background job on the server (queued until a worker
// takes it, then a solver thread); this polls the roster's latest run for the best objective so
// far and offers a stop button. When it ends, the roster reloads.
//
// The run lives on the server, not in this component: a page opened (or reloaded) while a solve
// runs polls it again, and one opened after it shows its result line (or why it was interrupted),
// as the page that started it last showed it.

const active = (status: SolveRun['status'] | undefined) => status === 'queued' || status === 'running';
const DEFAULT_SECONDS = 10;

export function SolvePanel({ rosterId, onFinished }: { rosterId: string; onFinished: () => void }) {
  const qc = useQueryClient();
  // What the manager typed; until then the latest solve's own limit (the row stores it), so a
  // reload shows the limit the roster was last solved with rather than the default.
  // (kept as typed, even when empty or out of range: the field says what is wrong, and Solve waits)
  const [chosen, setChosen] = useState<number | string | null>(null);
  const latestKey = [...rosteringKey, 'solve-runs', rosterId, 'latest'];
  const latest = useQuery({
    queryKey: latestKey,
    queryFn: () => rosteringApi.latestRun(rosterId),
    refetchInterval: (q) => (active(q.state.data?.status) ? 500 : false),
  });
  const run = latest.data ?? null;
  const seconds = chosen ?? (run?.mode === 'solve' ? Math.round(run.timeLimitMs / 1000) : DEFAULT_SECONDS);
  const invalid = timeLimitError(seconds);
  const start = useMutation({
    mutationFn: () => rosteringApi.solve(rosterId, { timeLimitSeconds: Number(seconds) }),
    // the new run is the latest at once, so the previous result line never shows as this one's
    onSuccess: (run) => qc.setQueryData(latestKey, run),
    // a 409 is a solve started elsewhere (another tab, a colleague): show and poll that one
    onError: () => void qc.invalidateQueries({ queryKey: latestKey }),
  });
  const stop = useMutation({ mutationFn: () => rosteringApi.stop(rosterId, run?.id ?? '') });
  const runId = run?.id;
  const status = run?.status;
  // The roster reloads when a run this page saw queued or running ends; a run that had ended
  // before the page opened changed nothing the page has not loaded already.
  const watching = useRef<string | null>(null);
  useEffect(() => {
    if (!runId || !status) return;
    if (active(status)) watching.current = runId;
    else if (watching.current === runId) {
      watching.current = null;
      onFinished();
    }
  }, [runId, status, onFinished]);
  const running = active(status) || start.isPending;
  return (
    <Paper withBorder p="sm" aria-label="Solver">
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Time limit (seconds)"
          min={MIN_SECONDS}
          max={MAX_SECONDS}
          clampBehavior="none"
          allowDecimal={false}
          w={160}
          value={seconds}
          onChange={setChosen}
          error={invalid}
          disabled={running}
        />
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running || invalid !== null}>
          Solve
        </Button>
        <Button color="red" variant="light" onClick={() => stop.mutate()} disabled={!active(status)}>
          Stop
        </Button>
        {run ? <RunLine run={run} /> : null}
      </Group>
      {status === 'running' && run ? (
        <Progress mt="xs" value={Math.min(100, (run.elapsedMs / run.timeLimitMs) * 100)} animated aria-label="Solve progress" />
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
      {run.provenBest && !run.error ? ' · best possible: no roster with these people and rules does better' : ''}
      {run.error ? ` · ${run.error}` : ''}
    </Text>
  );
}
