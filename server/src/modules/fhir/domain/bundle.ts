import type { Bundle, Resource } from '@medplum/fhirtypes';

// A searchset page with its total and the self/first/next/previous links, built from the
// canonical form of the search (the parameters as understood), so following `next` repeats the
// same search one page on.

export type Page = {
  base: string;
  type: string;
  canonical: readonly [string, string][];
  count: number;
  offset: number;
  total: number;
};

function pageUrl(p: Page, offset: number): string {
  const q = new URLSearchParams([
    ...p.canonical,
    ['_count', String(p.count)],
    ...(offset > 0 ? [['_offset', String(offset)] as [string, string]] : []),
  ]);
  return `${p.base}/${p.type}?${q.toString()}`;
}

export function searchBundle(p: Page, resources: readonly Resource[]): Bundle {
  const links: { relation: string; url: string }[] = [
    { relation: 'self', url: pageUrl(p, p.offset) },
    { relation: 'first', url: pageUrl(p, 0) },
  ];
  if (p.offset + p.count < p.total) links.push({ relation: 'next', url: pageUrl(p, p.offset + p.count) });
  if (p.offset > 0) links.push({ relation: 'previous', url: pageUrl(p, Math.max(0, p.offset - p.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: p.total,
    link: links,
    entry: resources.map((r) => ({ fullUrl: `${p.base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' } })),
  };
}
