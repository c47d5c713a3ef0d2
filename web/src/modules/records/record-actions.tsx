import { Button, Group, Text } from '@mantine/core';
import { IconFileTypePdf, IconJson } from '@tabler/icons-react';
import { exportHref, usePatientRetention } from './records-api';

/** "Retain until" of a record, with the rule that gave it. */
export function RetentionLine({ patientId }: { patientId: string }) {
  const r = usePatientRetention(patientId);
  if (!r.data) return null;
  return (
    <Text size="sm" title={r.data.basis}>
      Retain until {r.data.retainUntil}{' '}
      <Text span size="xs" c="dimmed">
        ({r.data.basis}; never deleted automatically)
      </Text>
    </Text>
  );
}

/** Right of access: the record as a FHIR Bundle or a readable PDF; each download is recorded as a disclosure. */
export function ExportButtons({ patientId }: { patientId: string }) {
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="default"
        component="a"
        href={exportHref(patientId, 'pdf')}
        download
        leftSection={<IconFileTypePdf size={14} aria-hidden />}
      >
        Export PDF summary
      </Button>
      <Button
        size="xs"
        variant="default"
        component="a"
        href={exportHref(patientId, 'fhir')}
        download
        leftSection={<IconJson size={14} aria-hidden />}
      >
        Export FHIR
      </Button>
    </Group>
  );
}
