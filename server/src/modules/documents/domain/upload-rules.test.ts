import { describe, expect, it } from 'vitest';
import { checkUpload, formatMegabytes, sizeViolation, type UploadFacts } from './upload-rules.js';

const MB = 1024 * 1024;
const png = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

const facts = (over: Partial<UploadFacts> = {}): UploadFacts => ({
  ownerKind: 'patient',
  kind: 'insurance_card_front',
  sizeBytes: png.length,
  maxBytes: 10 * MB,
  sniffed: 'image/png',
  declaredType: 'image/png',
  bytes: png,
  ...over,
});

describe('sizeViolation', () => {
  it('refuses an empty file and one over the limit, naming the file field and the limit', () => {
    expect(sizeViolation(0, 10 * MB)).toEqual({ field: 'file', message: 'is empty' });
    expect(sizeViolation(10 * MB, 10 * MB)).toBeNull();
    expect(sizeViolation(10 * MB + 1, 10 * MB)).toEqual({ field: 'file', message: 'is larger than the 10 MB limit' });
  });

  it('writes limits as people read them', () => {
    expect(formatMegabytes(10 * MB)).toBe('10 MB');
    expect(formatMegabytes(1.5 * MB)).toBe('1.5 MB');
    expect(formatMegabytes(20_480)).toBe('20 KB');
  });
});

describe('checkUpload', () => {
  it('accepts a PNG card image declared as PNG (or declared as nothing in particular)', () => {
    expect(checkUpload(facts())).toEqual({ errors: [], contentType: 'image/png' });
    expect(checkUpload(facts({ declaredType: 'application/octet-stream' })).contentType).toBe('image/png');
  });

  it('refuses a file whose content disagrees with its declared type', () => {
    const r = checkUpload(facts({ sniffed: 'application/pdf', declaredType: 'image/png', bytes: new Uint8Array(5) }));
    expect(r).toEqual({ errors: [{ field: 'file', message: 'is a PDF but was sent as image/png' }], contentType: null });
  });

  it('refuses unknown content and says what HEIC is and what to do', () => {
    expect(checkUpload(facts({ sniffed: null })).errors[0]?.message).toBe(
      'is not a PDF, PNG or JPEG file; only PDF, PNG and JPEG are accepted',
    );
    expect(checkUpload(facts({ sniffed: 'image/heic', declaredType: 'image/heic' })).errors[0]?.message).toMatch(
      /HEIC photo; .*: export it as JPEG$/,
    );
  });

  it('names every problem at once: kind for the owner, the link, the file', () => {
    const r = checkUpload(
      facts({
        ownerKind: 'staff',
        kind: 'insurance_card_back',
        sniffed: null,
        link: { field: 'credentialId', belongsToOwner: false },
      }),
    );
    expect(r.errors.map((e) => e.field)).toEqual(['kind', 'credentialId', 'file']);
    expect(checkUpload(facts({ link: { field: 'coverageId', belongsToOwner: true } })).errors).toEqual([]);
  });

  it('checks the size before the content: an oversized file is refused for its size', () => {
    expect(checkUpload(facts({ sizeBytes: 11 * MB })).errors).toEqual([
      { field: 'file', message: 'is larger than the 10 MB limit' },
    ]);
  });
});
