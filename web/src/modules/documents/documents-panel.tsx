import { type DocumentOwnerKind, documentKindLabels, RetractDocumentRequest, type StoredDocument } from '@clinicops/contracts';
import { Anchor, Button, Group, Modal, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useDateFormat } from '../shell';
import { documentContentUrl, formatSize, useDocuments, useRetractDocument } from './documents-api';
import { type DocumentLink, UploadDocumentModal } from './upload-document-modal';

/** A link that downloads the file (the server sends it as an attachment; each download is audited). */
export function DownloadLink({ doc, children }: { doc: StoredDocument; children?: React.ReactNode }) {
  return (
    <Anchor href={documentContentUrl(doc.id)} download={doc.fileName} size="sm">
      {children ?? doc.fileName}
    </Anchor>
  );
}

function RetractModal(props: { doc: StoredDocument; ownerKind: DocumentOwnerKind; ownerId: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const fields = useFieldErrors(['reason']);
  const retract = useRetractDocument(props.ownerKind, props.ownerId);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(RetractDocumentRequest, { reason });
    if (!v.ok) return fields.setErrors(v.errors);
    retract.mutate(
      { documentId: props.doc.id, reason: v.data.reason },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Document retracted; it stays on file with your reason' });
          props.onClose();
        },
        onError: fields.fromError,
      },
    );
  };
  return (
    <Modal opened onClose={props.onClose} title={`Retract ${documentKindLabels[props.doc.kind].toLowerCase()}`}>
      <form onSubmit={submit} noValidate aria-label="Retract document">
        <Stack>
          <Text size="sm">The document is not deleted: it is hidden from this list and kept, with who retracted it and why.</Text>
          <Textarea
            label="Reason"
            placeholder="Wrong patient, unreadable, replaced by a newer scan…"
            value={reason}
            error={fields.errors.reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              fields.clearField('reason');
            }}
            required
            data-autofocus
          />
          <ProblemAlert error={retract.error} title="The document was not retracted" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={retract.isPending}>
              Retract
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export type DocumentsPanelProps = {
  ownerKind: DocumentOwnerKind;
  ownerId: string;
  canWrite: boolean;
  /** Coverages or credentials, to label links and offer them on upload. */
  links: readonly DocumentLink[];
};

/** The documents of a patient or a staff member: list, download, upload and retract. */
export function DocumentsPanel({ ownerKind, ownerId, canWrite, links }: DocumentsPanelProps) {
  const fmt = useDateFormat();
  const docs = useDocuments(ownerKind, ownerId);
  const [uploading, setUploading] = useState(false);
  const [retracting, setRetracting] = useState<StoredDocument | null>(null);
  const list = docs.data ?? [];
  const linkLabel = (d: StoredDocument) => {
    const linked = d.coverageId ?? d.credentialId;
    return linked ? (links.find((l) => l.id === linked)?.label ?? 'linked record') : null;
  };
  return (
    <Stack gap="sm">
      {canWrite ? (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setUploading(true)}>
            Upload document
          </Button>
        </Group>
      ) : null}
      <ProblemAlert error={docs.error} title="Could not list the documents" />
      {docs.data && list.length === 0 ? <Text c="dimmed">No documents on file.</Text> : null}
      {list.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label="Documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Document</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th>Uploaded{fmt.zoneDiffers ? ` (${fmt.timeZone})` : ''}</Table.Th>
                {canWrite ? (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {documentKindLabels[d.kind]}
                    </Text>
                    {linkLabel(d) ? (
                      <Text size="xs" c="dimmed">
                        {linkLabel(d)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <IconDownload size={14} aria-hidden />
                      <DownloadLink doc={d} />
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatSize(d.sizeBytes)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(d.uploadedAt)}</Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Retract ${d.fileName}`}
                        onClick={() => setRetracting(d)}
                      >
                        Retract
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {uploading ? (
        <UploadDocumentModal ownerKind={ownerKind} ownerId={ownerId} links={links} onClose={() => setUploading(false)} />
      ) : null}
      {retracting ? (
        <RetractModal doc={retracting} ownerKind={ownerKind} ownerId={ownerId} onClose={() => setRetracting(null)} />
      ) : null}
    </Stack>
  );
}
