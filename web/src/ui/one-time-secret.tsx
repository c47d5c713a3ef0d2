import { ActionIcon, Alert, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconEyeExclamation } from '@tabler/icons-react';

export type OneTimeSecretProps = { label: string; value: string; testId?: string; note?: string };

/** A secret the server shows only once (temporary password, API token): visible, copyable, warned. */
export function OneTimeSecret({ label, value, testId, note }: OneTimeSecretProps) {
  return (
    <Alert color="yellow" variant="light" icon={<IconEyeExclamation aria-hidden />} title={label}>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code fz="md" style={{ wordBreak: 'break-all' }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon variant="subtle" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      {note ? <div style={{ marginTop: 8, fontSize: 'var(--mantine-font-size-sm)' }}>{note}</div> : null}
    </Alert>
  );
}
