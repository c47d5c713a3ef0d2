import type { DocumentContentType } from '@clinicops/contracts';

// A file name as the user's machine sent it: it may hold a path, control characters, characters
// other systems refuse, or an extension that lies. We keep a tidy version for display and
// download; the file on disk is named by the document's id, never by this.

export const MAX_FILE_NAME = 200;

const EXTENSIONS: Record<DocumentContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};

/** The name without any folder, control or reserved characters, at most 200 characters, with an extension that matches the content. */
export function sanitizeFileName(raw: string | undefined, type: DocumentContentType): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const wanted = EXTENSIONS[type];
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let extension = wanted.includes(ext) ? ext : (wanted[0] as string);
  // A name whose extension lies (card.html holding a PNG) keeps its text and gains the true one.
  if (ext !== '' && !wanted.includes(ext)) stem = name;
  if (stem === '') stem = 'document';
  extension = `.${extension}`;
  const room = MAX_FILE_NAME - extension.length;
  // Cut by code points, so that no surrogate pair is split.
  stem = Array.from(stem).slice(0, room).join('').trimEnd();
  name = stem + extension;
  return name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
