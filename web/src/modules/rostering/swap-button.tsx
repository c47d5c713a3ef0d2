import type { MyShift } from '@clinicops/contracts';
import { Button, Group, Popover, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { rosteringApi, rosteringKey } from './use-rostering';

/** Asks a colleague in the same position to take one of my shifts; the manager approves. */
export function SwapButton({ shift }: { shift: MyShift }) {
  const [opened, setOpened] = useState(false);
  const [taker, setTaker] = useState<string | null>(null);
  const qc = useQueryClient();
  const colleagues = useQuery({
    queryKey: [...rosteringKey, 'colleagues', shift.rosterId],
    queryFn: () => rosteringApi.colleagues(shift.rosterId),
    enabled: opened,
  });
  const ask = useMutation({
    mutationFn: () => rosteringApi.requestSwap({ rosterId: shift.rosterId, date: shift.date, takerId: taker ?? '' }),
    onSuccess: () => {
      setOpened(false);
      void qc.invalidateQueries({ queryKey: [...rosteringKey, 'swaps'] });
      notifications.show({ color: 'green', message: 'Swap requested: your manager will decide' });
    },
  });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" onClick={() => setOpened((o) => !o)}>
          Ask to swap
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Group align="flex-end" gap="xs">
          <Select
            label={`Who takes ${shift.date} ${shift.code}?`}
            data={(colleagues.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={taker}
            onChange={setTaker}
            searchable
            comboboxProps={{ withinPortal: false }}
          />
          <Button size="sm" disabled={!taker} loading={ask.isPending} onClick={() => ask.mutate()}>
            Ask
          </Button>
        </Group>
        <ProblemAlert error={colleagues.error ?? ask.error} />
      </Popover.Dropdown>
    </Popover>
  );
}
