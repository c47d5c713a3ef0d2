import type { StaffAlert } from '@clinicops/contracts';
import { Anchor, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useMemo } from 'react';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import type { Tone } from '../../ui/tone';
import { useSession } from '../auth';
import { useAlerts, useSendAlerts } from './use-staff';

function kindBadge(a: StaffAlert): { label: string; tone: Tone } {
  switch (a.kind) {
    case 'credential_expired':
      return { label: 'Expired', tone: 'danger' };
    case 'credential_expiring':
      return { label: `Within ${a.threshold} days`, tone: a.threshold === 30 ? 'warning' : 'info' };
    case 'ce_at_risk':
      return { label: 'CE behind', tone: 'warning' };
    default:
      return { label: 'Exclusion match to review', tone: 'danger' };
  }
}

/** Today's credential alerts: what the daily job mails to the holders and in the managers' digest. */
export function AlertsView({ onOpen }: { onOpen: (id: string) => void }) {
  const { can } = useSession();
  const alerts = useAlerts();
  const send = useSendAlerts();
  const columns = useMemo<DataColumn<StaffAlert>[]>(
    () => [
      {
        key: 'kind',
        header: 'Alert',
        value: (a) => kindBadge(a).label,
        render: (a) => <StatusBadge tone={kindBadge(a).tone}>{kindBadge(a).label}</StatusBadge>,
      },
      {
        key: 'holder',
        header: 'Who',
        value: (a) => a.holderName,
        render: (a) =>
          a.staffMemberId ? (
            <Anchor component="button" type="button" ta="left" onClick={() => a.staffMemberId && onOpen(a.staffMemberId)}>
              {a.holderName}
            </Anchor>
          ) : (
            <Text size="sm">{a.holderName} (facility)</Text>
          ),
      },
      { key: 'label', header: 'Credential', value: (a) => a.label },
      { key: 'due', header: 'Date', value: (a) => a.dueOn },
      { key: 'message', header: 'Details', value: (a) => a.message, visibleFrom: 'md' },
    ],
    [onOpen],
  );
  return (
    <>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Text size="sm" c="dimmed" style={{ flex: 1 }}>
          Credentials expiring within 90, 60 or 30 days or expired, continuing education behind, and exclusion matches waiting for
          review. Every morning each person with an account is mailed their own (once per threshold), and each manager gets a
          digest.
        </Text>
        {can('staff:write') ? (
          <Button
            variant="default"
            leftSection={<IconMailForward size={16} aria-hidden />}
            loading={send.isPending}
            onClick={() =>
              send.mutate(undefined, {
                onSuccess: (r) =>
                  notifications.show({
                    color: 'green',
                    message: `${r.emailsQueued} new ${r.emailsQueued === 1 ? 'email' : 'emails'} queued for ${r.alerts} ${
                      r.alerts === 1 ? 'alert' : 'alerts'
                    }`,
                  }),
              })
            }
          >
            Send today's alerts now
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={send.error} title="The alerts were not sent" />
      <DataTable
        caption="Credential alerts"
        rows={alerts.data}
        columns={columns}
        rowKey={(a) => a.key}
        loading={alerts.isPending}
        error={alerts.error}
        onRetry={() => alerts.refetch()}
        exportFileName="credential-alerts.csv"
        emptyTitle="No alerts today"
        minWidth={800}
      />
    </>
  );
}
