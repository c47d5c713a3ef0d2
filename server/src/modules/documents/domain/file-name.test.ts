import { describe, expect, it } from 'vitest';
import { attachmentHeader, MAX_FILE_NAME, sanitizeFileName } from './file-name.js';

describe('sanitizeFileName', () => {
  it('drops folders of either kind of slash, control and reserved characters', () => {
    expect(sanitizeFileName('../../etc/passwd.png', 'image/png')).toBe('passwd.png');
    expect(sanitizeFileName('C:\\Users\\front\\card.jpg', 'image/jpeg')).toBe('card.jpg');
    expect(sanitizeFileName('card\u0000\u0007 <front>?.png', 'image/png')).toBe('card _front__.png');
    expect(sanitizeFileName('  ..hidden.pdf.. ', 'application/pdf')).toBe('hidden.pdf');
  });

  it('gives the extension of what the file is, keeping a lying one as text', () => {
    expect(sanitizeFileName('card.html', 'image/png')).toBe('card.html.png');
    expect(sanitizeFileName('scan', 'application/pdf')).toBe('scan.pdf');
    expect(sanitizeFileName('photo.JPEG', 'image/jpeg')).toBe('photo.jpeg');
  });

  it('names a nameless file "document"', () => {
    expect(sanitizeFileName(undefined, 'image/png')).toBe('document.png');
    expect(sanitizeFileName('...', 'application/pdf')).toBe('document.pdf');
    expect(sanitizeFileName('/', 'image/jpeg')).toBe('document.jpg');
  });

  it('keeps accented names (NFC) and cuts long ones to 200 characters without splitting a character', () => {
    expect(sanitizeFileName('Mu\u0308ller.pdf', 'application/pdf')).toBe('M\u00fcller.pdf');
    const long = sanitizeFileName(`${'😀'.repeat(300)}.png`, 'image/png');
    expect(Array.from(long)).toHaveLength(MAX_FILE_NAME);
    expect(long.endsWith('😀.png')).toBe(true);
  });
});

describe('attachmentHeader', () => {
  it('sends an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentHeader('Müller "card".png')).toBe(
      `attachment; filename="M_ller _card_.png"; filename*=UTF-8''M%C3%BCller%20%22card%22.png`,
    );
  });
});
