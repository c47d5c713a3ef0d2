import type { StoredDocument } from '@clinicops/contracts';
import { Anchor, Button, Group, Image, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { documentContentUrl } from './documents-api';
import { DownloadLink } from './documents-panel';

/**
 * The card images of one coverage: a small picture of each side (each showing is an audited
 * download), PDFs as links, and a button to add a side that is missing.
 */
export function CoverageCardImages(props: {
  coverageId: string;
  documents: readonly StoredDocument[];
  canWrite: boolean;
  onUpload: (kind: 'insurance_card_front' | 'insurance_card_back') => void;
}) {
  const cards = props.documents.filter(
    (d) => d.coverageId === props.coverageId && (d.kind === 'insurance_card_front' || d.kind === 'insurance_card_back'),
  );
  const side = (kind: 'insurance_card_front' | 'insurance_card_back') => cards.find((d) => d.kind === kind);
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      {(['insurance_card_front', 'insurance_card_back'] as const).map((kind) => {
        const d = side(kind);
        const label = kind === 'insurance_card_front' ? 'front' : 'back';
        if (!d) {
          return props.canWrite ? (
            <Button
              key={kind}
              size="compact-xs"
              variant="light"
              leftSection={<IconUpload size={12} aria-hidden />}
              aria-label={`Card ${label}`}
              onClick={() => props.onUpload(kind)}
            >
              {label === 'front' ? 'Front' : 'Back'}
            </Button>
          ) : null;
        }
        return d.contentType === 'application/pdf' ? (
          <DownloadLink key={kind} doc={d}>
            Card {label} (PDF)
          </DownloadLink>
        ) : (
          <Anchor key={kind} href={documentContentUrl(d.id)} download={d.fileName} title={`Card ${label}: ${d.fileName}`}>
            <Image src={documentContentUrl(d.id)} alt={`Insurance card, ${label}`} h={36} w="auto" radius="xs" />
          </Anchor>
        );
      })}
      {cards.length === 0 && !props.canWrite ? (
        <Text size="xs" c="dimmed">
          No card image
        </Text>
      ) : null}
    </Group>
  );
}
