import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { ExportRecord } from './domain/fhir-bundle.js';

// The readable summary of a patient's record (right of access): demographics, coverages, visits
// with their codes, consents. Plain text layout on US Letter with the standard Helvetica fonts.

const PAGE = { width: 612, height: 792, margin: 54 };

/** Helvetica (WinAnsi) cannot draw every character: keep Latin-1, map the usual punctuation, mark the rest. */
export function printable(s: string): string {
  return s
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/•/g, '*')
    .replace(/[^\n\x20-\x7e\xa0-\xff]/g, '?');
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
    this.page.drawText(printable(this.footer), { x: PAGE.margin, y: 30, size: 8, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of printable(text).split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/)) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) > width && line) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; gap?: number } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const x = PAGE.margin + (opts.indent ?? 0);
    for (const line of this.wrap(text, font, size, PAGE.width - PAGE.margin - x)) {
      if (this.y - size < PAGE.margin) this.newPage();
      this.y -= size + 3;
      this.page.drawText(line, { x, y: this.y, size, font });
    }
    this.y -= opts.gap ?? 0;
  }

  heading(text: string) {
    this.y -= 8;
    this.text(text, { size: 13, bold: true, gap: 2 });
  }
}

export async function buildPdfSummary(r: ExportRecord, meta: { organization: string; generatedAt: string; generatedBy: string }) {
  const doc = await PDFDocument.create();
  const p = r.patient;
  doc.setTitle(`Health record summary: ${printable(`${p.givenName ?? 'unknown'} ${p.familyName ?? 'unknown'}`)}`);
  doc.setProducer('ClinicOps');
  doc.setCreationDate(new Date(meta.generatedAt));
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
    `${meta.organization} · record summary of MRN ${p.mrn} · produced ${meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC by ${meta.generatedBy}`,
  );
  w.text('Health record summary', { size: 18, bold: true, gap: 4 });
  w.text(`${meta.organization}. Provided under the individual's right of access (45 CFR 164.524).`, { size: 9, gap: 6 });

  w.heading('Patient');
  w.text(
    `${p.givenName ?? '(given name unknown)'} ${p.familyName ?? '(family name unknown)'}${p.preferredName ? ` ("${p.preferredName}")` : ''}`,
    { bold: true },
  );
  w.text(
    `MRN ${p.mrn} · born ${p.dateOfBirth ?? 'unknown'} · sex at birth ${p.sexAtBirth}${p.genderIdentity ? ` · gender identity ${p.genderIdentity}` : ''}`,
  );
  const address = [p.addressLine1, p.addressLine2, [p.city, p.state, p.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  if (address) w.text(`Address: ${address}`);
  if (p.phone || p.email) w.text(`Contact: ${[p.phone, p.email].filter(Boolean).join(' · ')}`);
  if (p.preferredLanguage) w.text(`Preferred language: ${p.preferredLanguage}`);
  if (p.emergencyContact) {
    w.text(
      `Emergency contact: ${[p.emergencyContact.name, p.emergencyContact.relationship, p.emergencyContact.phone].filter(Boolean).join(' · ')}`,
    );
  }
  if (p.alerts.length > 0) w.text(`Alerts: ${p.alerts.join('; ')}`);
  if (p.notes) w.text(`Notes: ${p.notes}`);

  w.heading(`Insurance coverage (${r.coverages.length})`);
  if (r.coverages.length === 0) w.text('None on file (self-pay).');
  for (const c of r.coverages) {
    w.text(
      `${c.active ? ['Primary', 'Secondary', 'Tertiary'][c.order - 1] : 'Ended'}: ${c.payerName}${c.planName ? ` (${c.planName})` : ''}` +
        `${c.memberId ? ` · member ${c.memberId}` : ''}${c.groupId ? ` · group ${c.groupId}` : ''} · from ${c.effectiveFrom ?? 'an unknown date'}${c.effectiveTo ? ` to ${c.effectiveTo}` : ''}`,
    );
  }

  w.heading(`Visits (${r.encounters.length})`);
  if (r.encounters.length === 0) w.text('No visits recorded.');
  for (const e of r.encounters) {
    w.text(
      `${e.startsAt.slice(0, 10)} · ${e.status.replace('_', ' ')}${e.providerName ? ` · ${e.providerName}` : ''}${e.reason ? ` · ${e.reason}` : ''}`,
      { bold: true },
    );
    for (const d of e.diagnoses)
      w.text(`Diagnosis ${d.position}: ${d.display}${d.description ? ` ${d.description}` : ''} (ICD-10-CM)`, { indent: 12 });
    for (const x of e.procedures) {
      w.text(
        `Procedure: ${[x.code, ...x.modifiers].join('-')}${x.units > 1 ? ` x${x.units}` : ''}${x.description ? ` ${x.description}` : ''} · for diagnosis ${x.diagnosisPointers.join(', ')}`,
        { indent: 12 },
      );
    }
    w.text('', { size: 4 });
  }

  w.heading(`Consents and acknowledgments (${r.consents.length})`);
  const kinds = {
    npp: 'Notice of privacy practices acknowledged',
    treatment: 'Consent to treatment',
    communication: 'Consent to communication',
  };
  for (const c of r.consents) w.text(`${c.signedOn}: ${kinds[c.kind]}${c.note ? ` (${c.note})` : ''}`);
  if (r.consents.length === 0) w.text('None on file.');
  return Buffer.from(await doc.save());
}
