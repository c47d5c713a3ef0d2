import {
  type DocumentKind,
  type DocumentOwnerKind,
  documentKindLabels,
  documentKindsFor,
  type StoredDocument,
} from '@clinicops/contracts';
import { Button, FileInput, Group, Modal, NativeSelect, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useFieldErrors } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useUploadDocument } from './documents-api';

export type DocumentLink = { id: string; label: string };

export type UploadDocumentModalProps = {
  ownerKind: DocumentOwnerKind;
  ownerId: string;
  /** Coverages (patient) or credentials (staff) the document may belong to. */
  links: readonly DocumentLink[];
  /** Preselected kind and link, e.g. "front of the card of this coverage". */
  initialKind?: DocumentKind | undefined;
  initialLinkId?: string | undefined;
  onClose: () => void;
  onUploaded?: (doc: StoredDocument) => void;
};

const ACCEPT = 'application/pdf,image/png,image/jpeg';
const ACCEPTED = new Set(ACCEPT.split(','));
const FIELDS = ['kind', 'coverageId', 'credentialId', 'file'] as const;

/** Mounted while open: each opening starts empty (or with the preselected kind and link). */
export function UploadDocumentModal(props: UploadDocumentModalProps) {
  const kinds = documentKindsFor[props.ownerKind];
  const linkField = props.ownerKind === 'patient' ? 'coverageId' : 'credentialId';
  const [kind, setKind] = useState<DocumentKind>(props.initialKind ?? (kinds[0] as DocumentKind));
  const [linkId, setLinkId] = useState(props.initialLinkId ?? '');
  const [file, setFile] = useState<File | null>(null);
  const fields = useFieldErrors(FIELDS);
  const upload = useUploadDocument(props.ownerKind, props.ownerId);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // The server decides what the file is from its bytes; this only saves a round trip for the obvious.
    if (!file) return fields.setErrors({ file: 'Choose a file' });
    if (file.type && !ACCEPTED.has(file.type)) return fields.setErrors({ file: 'Choose a PDF, PNG or JPEG file' });
    fields.reset();
    upload.mutate(
      { kind, linkId: linkId || undefined, file },
      {
        onSuccess: (doc) => {
          notifications.show({ color: 'green', message: `${documentKindLabels[doc.kind]} uploaded` });
          props.onUploaded?.(doc);
          props.onClose();
        },
        onError: fields.fromError,
      },
    );
  };

  return (
    <Modal opened onClose={props.onClose} title="Upload a document">
      <form onSubmit={submit} noValidate aria-label="Upload a document">
        <Stack>
          <NativeSelect
            label="Kind of document"
            data={kinds.map((k) => ({ value: k, label: documentKindLabels[k] }))}
            value={kind}
            error={fields.errors.kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as DocumentKind);
              fields.clearField('kind');
            }}
            required
          />
          {props.links.length > 0 ? (
            <NativeSelect
              label={props.ownerKind === 'patient' ? 'Coverage (for card images)' : 'Credential it proves'}
              data={[{ value: '', label: '— none —' }, ...props.links.map((l) => ({ value: l.id, label: l.label }))]}
              value={linkId}
              error={fields.errors[linkField]}
              onChange={(e) => {
                setLinkId(e.currentTarget.value);
                fields.clearField(linkField);
              }}
            />
          ) : null}
          <FileInput
            label="File"
            description="PDF, PNG or JPEG"
            placeholder="Choose a file"
            accept={ACCEPT}
            value={file}
            onChange={(f) => {
              setFile(f);
              fields.clearField('file');
            }}
            error={fields.errors.file}
            leftSection={<IconUpload size={14} aria-hidden />}
            clearable
            required
          />
          <ProblemAlert error={upload.error} title="The document was not uploaded" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={upload.isPending}>
              Upload
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
