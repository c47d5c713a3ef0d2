import type { DocumentKind, DocumentOwnerKind, RetractDocumentRequest, StoredDocument } from '@clinicops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../lib/api-client';

// The documents module's endpoints and hooks: a patient's or staff member's files.

const id = (s: string) => encodeURIComponent(s);
const base = (ownerKind: DocumentOwnerKind, ownerId: string) =>
  `/api/${ownerKind === 'patient' ? 'patients' : 'staff'}/${id(ownerId)}/documents`;

export type UploadInput = { kind: DocumentKind; linkId?: string | undefined; file: File };

export const documentsApi = {
  list: (ownerKind: DocumentOwnerKind, ownerId: string) => request<StoredDocument[]>('GET', base(ownerKind, ownerId)),
  upload: (ownerKind: DocumentOwnerKind, ownerId: string, input: UploadInput) => {
    const form = new FormData();
    form.append('kind', input.kind);
    if (input.linkId) form.append(ownerKind === 'patient' ? 'coverageId' : 'credentialId', input.linkId);
    // The file goes last, so the server has every field before it reads the bytes.
    form.append('file', input.file, input.file.name);
    return request<StoredDocument>('POST', base(ownerKind, ownerId), { body: form });
  },
  retract: (documentId: string, body: RetractDocumentRequest) =>
    request<StoredDocument>('POST', `/api/documents/${id(documentId)}/retract`, { body }),
};

/** Where the browser fetches a document's file (cookie session; each fetch is an audited download). */
export const documentContentUrl = (documentId: string) => `/api/documents/${id(documentId)}/content`;

const key = (ownerKind: DocumentOwnerKind, ownerId: string) => ['documents', ownerKind, ownerId];

export function useDocuments(ownerKind: DocumentOwnerKind, ownerId: string | null) {
  return useQuery({
    queryKey: key(ownerKind, ownerId ?? ''),
    queryFn: () => documentsApi.list(ownerKind, ownerId ?? ''),
    enabled: ownerId !== null,
    // Listing is an audited read: not repeated behind the user's back.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useUploadDocument(ownerKind: DocumentOwnerKind, ownerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput) => documentsApi.upload(ownerKind, ownerId, input),
    onSuccess: (doc) => qc.setQueryData<StoredDocument[]>(key(ownerKind, ownerId), (prev) => [doc, ...(prev ?? [])]),
  });
}

export function useRetractDocument(ownerKind: DocumentOwnerKind, ownerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, reason }: { documentId: string; reason: string }) => documentsApi.retract(documentId, { reason }),
    onSuccess: (doc) =>
      qc.setQueryData<StoredDocument[]>(key(ownerKind, ownerId), (prev) => (prev ?? []).filter((d) => d.id !== doc.id)),
  });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
