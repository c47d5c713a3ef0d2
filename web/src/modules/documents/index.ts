export { CoverageCardImages } from './card-images';
export { documentContentUrl, useDocuments } from './documents-api';
export { DocumentsPanel, DownloadLink } from './documents-panel';
export { type DocumentLink, UploadDocumentModal } from './upload-document-modal';
