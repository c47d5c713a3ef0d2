import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle, IconPointFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { type Tone, toneColors } from './tone';

const icons: Record<Tone, ReactNode> = {
  neutral: <IconPointFilled size={12} aria-hidden />,
  info: <IconInfoCircle size={12} aria-hidden />,
  ok: <IconCircleCheck size={12} aria-hidden />,
  warning: <IconAlertTriangle size={12} aria-hidden />,
  danger: <IconCircleX size={12} aria-hidden />,
};

export type StatusBadgeProps = Omit<BadgeProps, 'color' | 'variant'> & { tone: Tone; children: ReactNode };

/** A state label; the icon repeats the colour's meaning for people who cannot tell colours apart. */
export function StatusBadge({ tone, children, ...rest }: StatusBadgeProps) {
  const c = toneColors[tone];
  return (
    <Badge
      variant="light"
      radius="sm"
      leftSection={icons[tone]}
      data-tone={tone}
      style={{ background: c.bg, color: c.fg, border: `1px solid ${c.accent}`, textTransform: 'none', flexShrink: 0 }}
      // Status words are short; truncating them ("Lock…") in a narrow column would hide the state.
      styles={{ label: { overflow: 'visible' } }}
      {...rest}
    >
      {children}
    </Badge>
  );
}
