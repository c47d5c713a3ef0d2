import type { DashboardCard as Card } from '@clinicops/contracts';
import { Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { StatusBadge } from '../../ui/status-badge';
import { type Tone, toneColors } from '../../ui/tone';

const toneLabel: Record<Card['tone'], string> = {
  neutral: '',
  ok: 'On track',
  warning: 'Needs attention',
  danger: 'Action needed',
};

/** A card's tone maps onto the product colours; the badge spells it out for non-colour readers. */
export function DashboardCard({ card }: { card: Card }) {
  const tone: Tone = card.tone;
  const c = toneColors[tone];
  const body = (
    <Paper
      withBorder
      p="md"
      radius="md"
      h="100%"
      data-tone={tone}
      style={{ borderLeft: `6px solid ${c.accent}`, background: tone === 'neutral' ? undefined : c.bg }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" c={tone === 'neutral' ? undefined : c.fg} component="h2" m={0}>
          {card.title}
        </Text>
        {toneLabel[card.tone] ? <StatusBadge tone={tone}>{toneLabel[card.tone]}</StatusBadge> : null}
      </Group>
      <Text fz={32} fw={700} lh={1.2} mt="xs" c={tone === 'neutral' ? undefined : c.fg}>
        {card.value}
      </Text>
      {card.detail ? (
        <Text size="sm" c="dimmed" mt={4}>
          {card.detail}
        </Text>
      ) : null}
      {card.href ? (
        <Group gap={4} mt="sm" c="blue.8">
          <Text size="sm" fw={500}>
            Open
          </Text>
          <IconArrowRight size={14} aria-hidden />
        </Group>
      ) : null}
    </Paper>
  );
  if (!card.href) return body;
  // Internal links stay in the app; anything else (e.g. /api/docs) is a normal page load.
  const internal = card.href.startsWith('/') && !card.href.startsWith('/api/') && !card.href.startsWith('//');
  return internal ? (
    <UnstyledButton component={Link} to={card.href} display="block" h="100%" aria-label={`${card.title}: ${card.value}`}>
      {body}
    </UnstyledButton>
  ) : (
    <UnstyledButton component="a" href={card.href} display="block" h="100%" aria-label={`${card.title}: ${card.value}`}>
      {body}
    </UnstyledButton>
  );
}
