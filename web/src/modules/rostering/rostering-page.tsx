import type { RosterDetail, RosterEvaluation } from '@clinicops/contracts';
import { Badge, Button, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page-header';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { assignmentsOf, changesBetween, type Draft, draftOf, moveShift, setShift } from './draft';
import { weeksLabel } from './labels';
import { LeaveModal } from './leave-modal';
import { NewRosterModal } from './new-roster-modal';
import { OpenShiftsView, SwapsView } from './open-shifts';
import { RosterGrid } from './roster-grid';
import { RosterSetupView } from './setup-view';
import { SolvePanel } from './solve-panel';
import { rosteringApi, rosteringKey, useRoster, useRosters, useUnits } from './use-rostering';
import { ViolationsPanel } from './violations-panel';

// The manager's rostering page: pick or create a roster, drag shifts with the evaluator's verdict
// after every move, solve with live progress, save and publish. Open shifts, swaps and the setup
// (shift types, demand, contract limits) are tabs.

export function RosteringPage() {
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? 'grid';
  return (
    <>
      <PageHeader
        title="Rostering"
        description="Who works which shift: coverage, rules, requests and overtime, checked as you go."
      />
      <Tabs
        value={view}
        onChange={(v) =>
          setParams((p) => {
            const next = new URLSearchParams(p);
            if (v && v !== 'grid') next.set('view', v);
            else next.delete('view');
            return next;
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="grid">Roster</Tabs.Tab>
          <Tabs.Tab value="open">Open shifts</Tabs.Tab>
          <Tabs.Tab value="swaps">Swap requests</Tabs.Tab>
          <Tabs.Tab value="setup">Setup</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="grid">
          <RosterView />
        </Tabs.Panel>
        <Tabs.Panel value="open">
          <OpenShiftsView />
        </Tabs.Panel>
        <Tabs.Panel value="swaps">
          <SwapsView />
        </Tabs.Panel>
        <Tabs.Panel value="setup">
          <RosterSetupView />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function RosterView() {
  const rosters = useRosters();
  const units = useUnits();
  const { can } = useSession();
  const qc = useQueryClient();
  // The roster on screen is in the address (?roster=<id>), so a reload comes back to it (and to
  // its solve, see SolvePanel); without one, or with one no longer listed, the newest roster.
  const [params, setParams] = useSearchParams();
  const selected = params.get('roster');
  const setSelected = useCallback(
    (id: string | null) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('roster', id);
        else next.delete('roster');
        return next;
      }),
    [setParams],
  );
  const rosterId = (selected && rosters.data?.some((r) => r.id === selected) ? selected : null) ?? rosters.data?.[0]?.id ?? null;
  const roster = useRoster(rosterId);
  const reload = useCallback(() => void qc.invalidateQueries({ queryKey: [...rosteringKey] }), [qc]);
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <Select
          label="Roster"
          w={340}
          value={rosterId}
          onChange={setSelected}
          data={(rosters.data ?? []).map((r) => ({
            value: r.id,
            label: `${r.unitName}: ${r.startDate}, ${weeksLabel(r.days)} (${r.status})`,
          }))}
        />
        {can('rostering:write') ? (
          <Button variant="light" onClick={() => setCreating(true)} disabled={!units.data?.length}>
            New roster
          </Button>
        ) : null}
      </Group>
      {creating && units.data ? (
        <NewRosterModal
          units={units.data}
          rosters={rosters.data ?? []}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setSelected(id);
          }}
        />
      ) : null}
      <ProblemAlert error={rosters.error ?? roster.error} />
      {rosters.data && rosters.data.length === 0 ? <EmptyState title="No rosters yet" /> : null}
      {roster.data && can('rostering:write') ? (
        <SolvePanel key={roster.data.id} rosterId={roster.data.id} onFinished={reload} />
      ) : null}
      {roster.data ? <RosterEditor key={`${roster.data.id}-${roster.data.version}`} roster={roster.data} /> : null}
    </Stack>
  );
}

function RosterEditor({ roster }: { roster: RosterDetail }) {
  const { can } = useSession();
  const editable = can('rostering:write');
  const qc = useQueryClient();
  const saved = useMemo(() => draftOf(roster), [roster]);
  const [draft, setDraft] = useState<Draft>(saved);
  const [evaluation, setEvaluation] = useState<RosterEvaluation>(roster.evaluation);
  const changes = useMemo(() => changesBetween(saved, draft), [saved, draft]);
  const [recordingLeave, setRecordingLeave] = useState(false);
  const seq = useRef(0);

  // Every change goes to the server's evaluator (milliseconds); the latest answer wins.
  const evaluate = useCallback(
    async (next: Draft) => {
      const mine = ++seq.current;
      try {
        const ev = await rosteringApi.evaluate(roster.id, { assignments: assignmentsOf(next) });
        if (mine === seq.current) setEvaluation(ev);
      } catch {
        // the panel keeps the last verdict; saving will report the problem
      }
    },
    [roster.id],
  );
  const change = (next: Draft) => {
    setDraft(next);
    void evaluate(next);
  };
  useEffect(() => setEvaluation(roster.evaluation), [roster.evaluation]);
  const save = useMutation({
    mutationFn: () => rosteringApi.save(roster.id, { version: roster.version, changes }),
    onSuccess: (r) => {
      qc.setQueryData([...rosteringKey, 'roster', roster.id], r);
      notifications.show({ color: 'green', message: 'Roster saved' });
    },
  });
  const sick = useMutation({
    mutationFn: ({ staffMemberId, date }: { staffMemberId: string; date: string }) =>
      rosteringApi.sickCall(roster.id, { version: roster.version, staffMemberId, startsOn: date, endsOn: date }),
    onSuccess: (r) => {
      qc.setQueryData([...rosteringKey, 'roster', roster.id], r.roster);
      void qc.invalidateQueries({ queryKey: [...rosteringKey, 'open'] });
      notifications.show({
        color: r.openShifts ? 'yellow' : 'green',
        message: `Sick call recorded: ${r.changes.length} change${r.changes.length === 1 ? '' : 's'} to cover it${
          r.openShifts ? `, ${r.openShifts} open shift${r.openShifts === 1 ? '' : 's'} posted` : ''
        }`,
      });
    },
  });
  const publish = useMutation({
    mutationFn: () => rosteringApi.publish(roster.id, roster.version),
    onSuccess: (r) => {
      qc.setQueryData([...rosteringKey, 'roster', roster.id], r);
      void qc.invalidateQueries({ queryKey: [...rosteringKey, 'list'] });
      notifications.show({ color: 'green', message: 'Roster published: staff see their shifts' });
    },
  });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={roster.status === 'published' ? 'green' : 'gray'} data-testid="roster-status">
            {roster.status}
          </Badge>
          <Text size="sm" c="dimmed">
            {roster.unitName} · {roster.startDate} · {roster.people.length} people · version {roster.version}
          </Text>
        </Group>
        {editable ? (
          <Group gap="xs">
            <Button variant="default" onClick={() => setRecordingLeave(true)}>
              Record leave
            </Button>
            <Button variant="default" disabled={changes.length === 0} onClick={() => change(saved)}>
              Discard changes
            </Button>
            <Button disabled={changes.length === 0} loading={save.isPending} onClick={() => save.mutate()}>
              Save {changes.length ? `${changes.length} change${changes.length === 1 ? '' : 's'}` : ''}
            </Button>
            <Button color="green" disabled={changes.length > 0} loading={publish.isPending} onClick={() => publish.mutate()}>
              Publish
            </Button>
          </Group>
        ) : null}
      </Group>
      {recordingLeave ? <LeaveModal roster={roster} onClose={() => setRecordingLeave(false)} /> : null}
      <ProblemAlert
        error={save.error ?? sick.error ?? publish.error}
        title={save.error ? 'Could not save' : sick.error ? 'Could not record the sick call' : 'Could not publish'}
      />
      <ViolationsPanel roster={roster} evaluation={evaluation} />
      <RosterGrid
        roster={roster}
        draft={draft}
        evaluation={evaluation}
        editable={editable}
        onMove={(from, to) => change(moveShift(draft, from, to))}
        onSet={(key, id) => change(setShift(draft, key, id))}
        onSickCall={changes.length === 0 ? (staffMemberId, date) => sick.mutate({ staffMemberId, date }) : undefined}
      />
    </Stack>
  );
}
