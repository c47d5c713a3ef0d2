import type { Credential } from '@clinicops/contracts';
import { Button, Group, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { type DocumentLink, DocumentsPanel, DownloadLink, UploadDocumentModal, useDocuments } from '../documents';

// The documents side of a person's page: the scan that proves each credential, and all their files.

const linksOf = (credentials: readonly Credential[]): DocumentLink[] =>
  credentials.map((c) => ({ id: c.id, label: `${c.typeName} ${c.number}` }));

/** In a credential's row: its document(s) as download links, or a button to upload one. */
export function CredentialDocumentCell(props: {
  staffId: string;
  credential: Credential;
  credentials: readonly Credential[];
  canWrite: boolean;
}) {
  const docs = useDocuments('staff', props.staffId);
  const [uploading, setUploading] = useState(false);
  const linked = (docs.data ?? []).filter((d) => d.credentialId === props.credential.id);
  // Most credentials that carry a number and a state are licences; the rest are certificates.
  const kind = /licen[cs]e|registration/i.test(props.credential.typeName) ? 'licence' : 'certificate';
  return (
    <Group gap="xs" wrap="nowrap">
      {linked.map((d) => (
        <DownloadLink key={d.id} doc={d} />
      ))}
      {linked.length === 0 && props.canWrite ? (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconUpload size={12} aria-hidden />}
          aria-label={`Upload the document of ${props.credential.typeName} ${props.credential.number}`}
          onClick={() => setUploading(true)}
        >
          Upload
        </Button>
      ) : null}
      {uploading ? (
        <UploadDocumentModal
          ownerKind="staff"
          ownerId={props.staffId}
          links={linksOf(props.credentials)}
          initialKind={kind}
          initialLinkId={props.credential.id}
          onClose={() => setUploading(false)}
        />
      ) : null}
    </Group>
  );
}

/** The person's documents: licences, certificates, photo id. */
export function PersonDocumentsSection(props: { staffId: string; credentials: readonly Credential[]; canWrite: boolean }) {
  return (
    <section aria-labelledby="documents-heading">
      <Title order={2} size="h4" id="documents-heading" mb="xs">
        Documents
      </Title>
      <DocumentsPanel ownerKind="staff" ownerId={props.staffId} canWrite={props.canWrite} links={linksOf(props.credentials)} />
    </section>
  );
}
