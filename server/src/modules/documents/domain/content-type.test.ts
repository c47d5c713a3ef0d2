import { describe, expect, it } from 'vitest';
import { isAccepted, isComplete, normaliseDeclaredType, sniffContentType } from './content-type.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

describe('sniffContentType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffContentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(bytes(PNG_SIG, IEND))).toBe('image/png');
    expect(sniffContentType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });

  it('recognises WebP, HEIC and GIF so that the refusal can say what they are', () => {
    expect(sniffContentType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffContentType(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBe('image/heic');
    expect(sniffContentType(bytes([0, 0, 0, 24], 'ftypmif1'))).toBe('image/heic');
    expect(sniffContentType(bytes('GIF89a'))).toBe('image/gif');
  });

  it('knows nothing of HTML, text, an MP4 video or an empty file, whatever they are called', () => {
    expect(sniffContentType(bytes('<html><script>'))).toBeNull();
    expect(sniffContentType(bytes(' %PDF-1.4'))).toBeNull();
    expect(sniffContentType(bytes([0, 0, 0, 24], 'ftypisom'))).toBeNull();
    expect(sniffContentType(new Uint8Array(0))).toBeNull();
    // a signature cut short is no signature
    expect(sniffContentType(bytes(PNG_SIG.slice(0, 5)))).toBeNull();
  });

  it('accepts only PDF, PNG and JPEG', () => {
    expect(['application/pdf', 'image/png', 'image/jpeg'].every((t) => isAccepted(t as never))).toBe(true);
    expect(isAccepted('image/heic')).toBe(false);
    expect(isAccepted('image/webp')).toBe(false);
    expect(isAccepted(null)).toBe(false);
  });
});

describe('normaliseDeclaredType', () => {
  it('folds aliases, parameters and case; octet-stream and nothing are no claim', () => {
    expect(normaliseDeclaredType('image/JPG')).toBe('image/jpeg');
    expect(normaliseDeclaredType('application/pdf; charset=binary')).toBe('application/pdf');
    expect(normaliseDeclaredType('application/octet-stream')).toBeNull();
    expect(normaliseDeclaredType(undefined)).toBeNull();
    expect(normaliseDeclaredType('text/html')).toBe('text/html');
  });
});

describe('isComplete', () => {
  it('wants a PNG to end with IEND and a PDF with %%EOF near its end', () => {
    expect(isComplete('image/png', bytes(PNG_SIG, IEND))).toBe(true);
    expect(isComplete('image/png', bytes(PNG_SIG, IEND.slice(0, 8)))).toBe(false);
    expect(isComplete('application/pdf', bytes('%PDF-1.4\n...\n%%EOF\n'))).toBe(true);
    expect(isComplete('application/pdf', bytes('%PDF-1.4\n1 0 obj'))).toBe(false);
    expect(isComplete('image/jpeg', bytes([0xff, 0xd8, 0xff]))).toBe(true);
  });
});
