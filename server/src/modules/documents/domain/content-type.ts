import type { DocumentContentType } from '@clinicops/contracts';

// What a file is, from its first bytes. The declared type (the browser's guess from the file's
// extension) and the name are never trusted: a renamed HTML page must not be stored as a PNG.

/** Formats recognised to explain a refusal, though not accepted (see isAccepted). */
export type SniffedType = DocumentContentType | 'image/webp' | 'image/heic' | 'image/gif';

const startsWith = (bytes: Uint8Array, sig: readonly number[], offset = 0) =>
  bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** The file's type by its signature, or null when it is none we know. */
export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis', 'hevc', 'hevx'].includes(brand)) return 'image/heic';
  }
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  return null;
}

/**
 * PDF, PNG and JPEG only. WebP and HEIC are refused with a hint to export as JPEG: payer portals
 * and fax gateways take PDF/JPEG/PNG, and most browsers other than Safari cannot show HEIC, so a
 * colleague could not open the card image they are asked to check.
 */
export function isAccepted(type: SniffedType | null): type is DocumentContentType {
  return type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg';
}

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'image/x-png': 'image/png',
};

/** A declared type as we compare it; `application/octet-stream` and empty mean "no claim". */
export function normaliseDeclaredType(declared: string | undefined): string | null {
  const base = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === '' || base === 'application/octet-stream') return null;
  return ALIASES[base] ?? base;
}

/**
 * A file cut short in transit still starts right; PNG and PDF also say where they end, so a
 * truncated upload is caught here rather than by the colleague who cannot open it. (JPEGs from
 * cameras often carry data after their end marker, so they are not checked.)
 */
export function isComplete(type: DocumentContentType, bytes: Uint8Array): boolean {
  if (type === 'image/png') return startsWith(bytes, PNG_IEND, bytes.length - PNG_IEND.length);
  if (type === 'application/pdf') {
    const tail = String.fromCharCode(...bytes.slice(Math.max(0, bytes.length - 1024)));
    return tail.includes('%%EOF');
  }
  return true;
}
