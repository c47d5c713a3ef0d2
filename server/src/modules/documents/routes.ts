import {
  DocumentListQuery,
  IdParams,
  RetractDocumentRequest,
  StoredDocument,
  UploadPatientDocumentFields,
  UploadStaffDocumentFields,
} from '@clinicops/contracts';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { attachmentHeader } from './domain/file-name.js';
import { formatMegabytes } from './domain/upload-rules.js';
import * as service from './service.js';

const tags = ['documents'];

/** The file part as the multipart reader hands it over (see onFile below). */
const FilePart = z
  .custom<service.UploadedFile>((v) => typeof v === 'object' && v !== null && Buffer.isBuffer((v as { bytes?: unknown }).bytes), {
    message: 'must be sent as a file part of the multipart form',
  })
  .meta({ type: 'string', format: 'binary', description: 'The file: PDF, PNG or JPEG' });

const PatientUpload = UploadPatientDocumentFields.extend({ file: FilePart });
const StaffUpload = UploadStaffDocumentFields.extend({ file: FilePart });

// The file is not JSON: documented as application/octet-stream, sent as a Buffer (never serialised).
const FileResponse = z.unknown().meta({ type: 'string', format: 'binary', description: 'The stored file' });

/**
 * Registered with the configured maximum: multipart is accepted only by these routes (this
 * plugin's scope), one file per request, its bytes buffered up to the limit and no further.
 */
export function documentRoutes(maxBytes: number): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 6, fieldSize: 1000 },
      async onFile(part: MultipartFile & { value?: unknown }) {
        try {
          const bytes = await part.toBuffer();
          part.value = { bytes, fileName: part.filename, declaredType: part.mimetype } satisfies service.UploadedFile;
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            const message = `is larger than the ${formatMegabytes(maxBytes)} limit`;
            throw new AppError('payload_too_large', `file: ${message}`, { errors: [{ field: 'file', message }] });
          }
          throw err;
        }
      },
    });

    app.get(
      '/api/patients/:id/documents',
      {
        schema: {
          tags,
          summary: "A patient's documents, audited (needs patients:read)",
          params: IdParams,
          querystring: DocumentListQuery,
          response: { 200: z.array(StoredDocument) },
        },
      },
      async (request) =>
        service.listDocuments(request.ctx, 'patient', request.params.id, { includeRetracted: request.query.includeRetracted }),
    );
    app.post(
      '/api/patients/:id/documents',
      {
        schema: {
          tags,
          summary: 'Upload a document for a patient, e.g. an insurance card image for a coverage (needs patients:write)',
          description: `multipart/form-data with the fields and one \`file\` part (PDF, PNG or JPEG, at most ${formatMegabytes(maxBytes)}).`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          body: PatientUpload,
          response: { 201: StoredDocument },
        },
      },
      async (request, reply) => {
        const { file, ...fields } = request.body;
        return reply.status(201).send(await service.uploadPatientDocument(request.ctx, request.params.id, fields, file));
      },
    );
    app.get(
      '/api/staff/:id/documents',
      {
        schema: {
          tags,
          summary: "A staff member's documents (needs staff:read)",
          params: IdParams,
          querystring: DocumentListQuery,
          response: { 200: z.array(StoredDocument) },
        },
      },
      async (request) =>
        service.listDocuments(request.ctx, 'staff', request.params.id, { includeRetracted: request.query.includeRetracted }),
    );
    app.post(
      '/api/staff/:id/documents',
      {
        schema: {
          tags,
          summary: "Upload a document for a staff member, e.g. a licence's scan for a credential (needs staff:write)",
          description: `multipart/form-data with the fields and one \`file\` part (PDF, PNG or JPEG, at most ${formatMegabytes(maxBytes)}).`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          body: StaffUpload,
          response: { 201: StoredDocument },
        },
      },
      async (request, reply) => {
        const { file, ...fields } = request.body;
        return reply.status(201).send(await service.uploadStaffDocument(request.ctx, request.params.id, fields, file));
      },
    );
    app.get(
      '/api/documents/:id/content',
      {
        schema: {
          tags,
          summary:
            "Download a document's file, checksum-verified and audited (needs patients:read for a patient's, staff:read for a staff member's)",
          params: IdParams,
          produces: ['application/pdf', 'image/png', 'image/jpeg'],
          response: { 200: FileResponse },
        },
      },
      async (request, reply) => {
        const { document, bytes } = await service.downloadDocument(request.ctx, request.params.id);
        return reply
          .header('content-type', document.contentType)
          .header('content-disposition', attachmentHeader(document.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-length', String(bytes.length))
          .send(bytes);
      },
    );
    app.post(
      '/api/documents/:id/retract',
      {
        schema: {
          tags,
          summary:
            "Retract a document put on the wrong record or unreadable; it is kept (needs patients:write for a patient's, staff:write for a staff member's)",
          params: IdParams,
          body: RetractDocumentRequest,
          response: { 200: StoredDocument },
        },
      },
      async (request) => service.retractDocument(request.ctx, request.params.id, request.body),
    );
  };
}
