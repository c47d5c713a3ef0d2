// The product's one visual language for state: red blocks or is overdue, amber is expiring or at
// risk, green is done. Text colours are dark enough for WCAG AA on their tinted backgrounds.

export type Tone = 'neutral' | 'info' | 'ok' | 'warning' | 'danger';

export const toneColors: Record<Tone, { fg: string; bg: string; accent: string }> = {
  neutral: { fg: '#343a40', bg: '#f1f3f5', accent: '#868e96' },
  info: { fg: '#1c4f8a', bg: '#e7f1fc', accent: '#1971c2' },
  ok: { fg: '#1b5e20', bg: '#e3f6e5', accent: '#2f9e44' },
  warning: { fg: '#6b4200', bg: '#fff3c4', accent: '#f59f00' },
  danger: { fg: '#9b1c1c', bg: '#ffe3e3', accent: '#e03131' },
};
