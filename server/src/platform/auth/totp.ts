import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

export const newTotpSecret = () => generateSecret();

/** RFC 6238 with the usual 30 s step; one step of drift either way is accepted. */
export function checkTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return verifySync({ secret, token: code, epochTolerance: 30 }).valid;
  } catch {
    return false;
  }
}

export async function enrolmentOf(secret: string, email: string) {
  const otpauthUri = generateURI({ issuer: 'ClinicOps', label: email, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, width: 200 });
  return { secret, otpauthUri, qrSvg };
}
