import type { CredentialState } from '@clinicops/contracts';
import { Tooltip } from '@mantine/core';
import { StatusBadge } from '../../ui/status-badge';
import { stateLabel, stateTone } from './credential-state';

/** A credential's state; the reasons (which licence, which date) are in the tooltip and the accessible name. */
export function CredentialBadge({
  state,
  daysLeft,
  reasons,
}: {
  state: CredentialState;
  daysLeft: number | null;
  reasons: string[];
}) {
  const badge = (
    <StatusBadge tone={stateTone[state]} aria-label={[stateLabel(state, daysLeft), ...reasons].join(': ')}>
      {stateLabel(state, daysLeft)}
    </StatusBadge>
  );
  return reasons.length > 0 ? <Tooltip label={reasons.join('; ')}>{badge}</Tooltip> : badge;
}
