import { type BreakGlassAccess, ReviewBreakGlassRequest } from '@clinicops/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { auditApi } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import type { Tone } from '../../ui/tone';
import { useSession } from '../auth';
import { useDateFormat } from '../shell';

type GrantState = 'active' | 'awaiting_review' | 'reviewed';
const stateTone: Record<GrantState, Tone> = { active: 'danger', awaiting_review: 'warning', reviewed: 'ok' };
const stateLabel: Record<GrantState, string> = { active: 'Active', awaiting_review: 'Awaiting review', reviewed: 'Reviewed' };

function stateOf(g: BreakGlassAccess, now = Date.now()): GrantState {
  if (g.reviewedAt) return 'reviewed';
  return new Date(g.expiresAt).getTime() > now ? 'active' : 'awaiting_review';
}

const breakGlassKey = ['audit', 'break-glass'] as const;

/** Every emergency access is reviewed afterwards by someone allowed to judge it. */
export function BreakGlassList() {
  const { can } = useSession();
  const fmt = useDateFormat();
  const [reviewing, setReviewing] = useState<BreakGlassAccess | null>(null);
  const q = useQuery({ queryKey: breakGlassKey, queryFn: auditApi.breakGlass });
  const canReview = can('break_glass:review');

  const columns = useMemo<DataColumn<BreakGlassAccess>[]>(
    () => [
      { key: 'user', header: 'User', value: (g) => g.userName },
      { key: 'reason', header: 'Reason', value: (g) => g.reason },
      { key: 'startedAt', header: 'Started', value: (g) => g.startedAt, render: (g) => fmt.dateTime(g.startedAt) },
      { key: 'expiresAt', header: 'Ends', value: (g) => g.expiresAt, render: (g) => fmt.dateTime(g.expiresAt) },
      {
        key: 'state',
        header: 'Status',
        value: (g) => stateLabel[stateOf(g)],
        render: (g) => <StatusBadge tone={stateTone[stateOf(g)]}>{stateLabel[stateOf(g)]}</StatusBadge>,
      },
      {
        key: 'review',
        header: 'Review',
        value: (g) => (g.reviewedAt ? `${g.reviewedBy ?? ''}: ${g.reviewNote ?? ''}` : null),
        render: (g) =>
          g.reviewedAt ? (
            <Stack gap={0}>
              <Text size="sm">{g.reviewNote}</Text>
              <Text size="xs" c="dimmed">
                {g.reviewedBy} · {fmt.dateTime(g.reviewedAt)}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Not reviewed
            </Text>
          ),
      },
    ],
    [fmt],
  );

  return (
    <>
      <DataTable
        caption="Emergency access grants"
        rows={q.data}
        columns={columns}
        rowKey={(g) => g.id}
        loading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        exportFileName="emergency-access.csv"
        initialSort={{ key: 'startedAt', direction: 'desc' }}
        emptyTitle="No emergency access has been used"
        rowActions={
          canReview
            ? (g) =>
                g.reviewedAt ? null : (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setReviewing(g)}
                    aria-label={`Review emergency access by ${g.userName}`}
                  >
                    Review
                  </Button>
                )
            : undefined
        }
      />
      <ReviewModal grant={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}

function ReviewModal({ grant, onClose }: { grant: BreakGlassAccess | null; onClose: () => void }) {
  const qc = useQueryClient();
  const fmt = useDateFormat();
  const [note, setNote] = useState('');
  const fields = useFieldErrors(['note']);
  const review = useMutation({
    mutationFn: (body: ReviewBreakGlassRequest) => auditApi.reviewBreakGlass(grant?.id ?? '', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: breakGlassKey });
      notifications.show({ color: 'green', message: 'Review saved' });
      close();
    },
    onError: fields.fromError,
  });

  function close() {
    setNote('');
    fields.reset();
    review.reset();
    onClose();
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(ReviewBreakGlassRequest, { note });
    if (!v.ok) return fields.setErrors(v.errors);
    review.mutate(v.data);
  };

  return (
    <Modal opened={grant !== null} onClose={close} title="Review emergency access" size="lg">
      {grant ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              <b>{grant.userName}</b> used emergency access from {fmt.dateTime(grant.startedAt)} to{' '}
              {fmt.dateTime(grant.expiresAt)}.
            </Text>
            <Text size="sm">Reason given: {grant.reason}</Text>
            <Text size="sm" c="dimmed">
              Check the audit events of this period (filter the Events tab by this user) before recording your conclusion.
            </Text>
            <Textarea
              label="Review note"
              description="Was the access justified? What was looked at?"
              autosize
              minRows={3}
              value={note}
              onChange={(e) => {
                setNote(e.currentTarget.value);
                fields.clearField('note');
              }}
              error={fields.errors.note}
              required
            />
            <ProblemAlert error={review.error} title="The review was not saved" shownFields={fields.known} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={review.isPending}>
                Save review
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
