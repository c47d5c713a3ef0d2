import { type RosterDetail, type RosterEvaluation, workweekLabel } from '@clinicops/contracts';
import { Badge, Group, List, Paper, ScrollArea, Text, Title } from '@mantine/core';
import { penaltyParts } from './labels';

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** Every problem of the roster at once, as the evaluator states them, with the cover and overtime totals. */
export function ViolationsPanel({ roster, evaluation }: { roster: RosterDetail; evaluation: RosterEvaluation }) {
  const codeOf = new Map(roster.shiftTypes.map((s) => [s.id, s.code]));
  const short = evaluation.coverage.filter((c) => c.assigned < c.required);
  const places = short.reduce((a, c) => a + c.required - c.assigned, 0);
  return (
    <Paper withBorder p="sm" aria-label="Violations">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Violations
        </Title>
        <Group gap="xs">
          <Badge color={evaluation.violations.length ? 'red' : 'green'} data-testid="violation-count">
            {evaluation.violations.length} rule {evaluation.violations.length === 1 ? 'violation' : 'violations'}
          </Badge>
          <Badge color={places ? 'red' : 'green'}>{places} places short</Badge>
          <Badge color="gray" title={`penalty: ${penaltyParts(evaluation.breakdown)}`}>
            penalty {evaluation.penalty}
          </Badge>
          <Badge
            color={evaluation.overtime.totalCents ? 'yellow' : 'green'}
            title={`hours over 40 in the facility's workweek, from ${workweekLabel(evaluation.overtime.workweek)}`}
          >
            overtime {money(evaluation.overtime.totalCents)} ({evaluation.overtime.hours} h)
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs" data-testid="penalty-breakdown">
        Penalty: {penaltyParts(evaluation.breakdown)}
      </Text>
      <ScrollArea.Autosize mah={220}>
        {evaluation.violations.length === 0 && short.length === 0 ? (
          <Text size="sm" c="green.8">
            No violations: every rule holds and every shift is covered.
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {evaluation.violations.map((v) => (
              <List.Item key={`${v.constraint}-${v.staffMemberId}-${v.dates.join()}`} c="red.8">
                {v.message}
              </List.Item>
            ))}
            {short.slice(0, 30).map((c) => (
              <List.Item key={`${c.date}-${c.shiftTypeId}-${c.position}`}>
                {c.date} {codeOf.get(c.shiftTypeId)}: {c.assigned} of {c.required} {c.position.toUpperCase()}
              </List.Item>
            ))}
            {short.length > 30 ? <List.Item>… and {short.length - 30} more short shifts</List.Item> : null}
          </List>
        )}
      </ScrollArea.Autosize>
    </Paper>
  );
}
