import {
  ActionIcon,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconChevronDown,
  IconChevronRight,
  IconDownload,
  IconSearch,
  IconSelector,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import { Fragment, type ReactNode, useId, useMemo, useState } from 'react';
import { downloadCsv, toCsv } from '../lib/csv';
import { csvOf, type DataColumn, filterRows, nextSort, type SortState, sortRows } from './data-table-model';
import { EmptyState } from './empty-state';
import { ProblemAlert } from './problem-alert';

export type { DataColumn, SortState } from './data-table-model';

export type DataTableProps<T> = {
  /** The table's accessible name (a visually hidden caption). */
  caption: string;
  rows: readonly T[] | undefined;
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Label of the filter box; `false` hides it (when the page has its own filters). */
  searchLabel?: string | false;
  /** Controlled search: the page filters on the server, so rows are not filtered again here. */
  search?: string;
  onSearchChange?: (value: string) => void;
  /** Extra filters and actions shown beside the search box. */
  toolbar?: ReactNode;
  /** Client-side export of the filtered, sorted rows. */
  exportFileName?: string;
  /** Server-side export (audited by the server): a plain link instead of a generated file. */
  exportHref?: string;
  initialSort?: SortState;
  emptyTitle?: string;
  emptyDescription?: ReactNode;
  emptyAction?: ReactNode;
  /** Details shown under a row, toggled by a button in the first column. */
  renderExpanded?: (row: T) => ReactNode;
  rowActions?: (row: T) => ReactNode;
  footer?: ReactNode;
  minWidth?: number;
};

export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, rowKey, renderExpanded, rowActions } = props;
  const [localSearch, setLocalSearch] = useState('');
  const [sort, setSort] = useState<SortState>(props.initialSort ?? null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const searchId = useId();

  const controlled = props.onSearchChange !== undefined;
  const search = controlled ? (props.search ?? '') : localSearch;
  const visible = useMemo(() => {
    const rows = props.rows ?? [];
    const filtered = controlled ? [...rows] : filterRows(rows, columns, search);
    return sortRows(filtered, columns, sort);
  }, [props.rows, columns, search, sort, controlled]);

  const exportCsv = () => {
    const { header, rows } = csvOf(visible, columns);
    downloadCsv(props.exportFileName ?? 'export.csv', toCsv(header, rows));
  };

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const colCount = columns.length + (renderExpanded ? 1 : 0) + (rowActions ? 1 : 0);
  const showSearch = props.searchLabel !== false;

  return (
    <Box>
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm" wrap="wrap">
        <Group align="flex-end" gap="sm" wrap="wrap" style={{ flex: 1 }}>
          {showSearch ? (
            <TextInput
              id={searchId}
              label={props.searchLabel || 'Filter'}
              placeholder="Type to filter"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) =>
                controlled ? props.onSearchChange?.(e.currentTarget.value) : setLocalSearch(e.currentTarget.value)
              }
              w={260}
            />
          ) : null}
          {props.toolbar}
        </Group>
        {props.exportHref ? (
          <Button
            component="a"
            href={props.exportHref}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            Export CSV
          </Button>
        ) : props.exportFileName ? (
          <Button
            variant="default"
            onClick={exportCsv}
            disabled={visible.length === 0}
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            Export CSV
          </Button>
        ) : null}
      </Group>

      <ProblemAlert error={props.error} onRetry={props.onRetry} />

      <Table.ScrollContainer minWidth={props.minWidth ?? 720}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-busy={props.loading || undefined}>
          <VisuallyHidden component="caption">{caption}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              {renderExpanded ? (
                <Table.Th w={44}>
                  <VisuallyHidden>Details</VisuallyHidden>
                </Table.Th>
              ) : null}
              {columns.map((c) => {
                const sortable = c.sortable !== false;
                const active = sort?.key === c.key ? sort.direction : null;
                return (
                  <Table.Th
                    key={c.key}
                    w={c.width}
                    visibleFrom={c.visibleFrom}
                    aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : undefined}
                  >
                    {sortable ? (
                      <UnstyledButton onClick={() => setSort((s) => nextSort(s, c.key))} fw={600} fz="sm">
                        <Group gap={4} wrap="nowrap">
                          {c.header}
                          {active === 'asc' ? (
                            <IconSortAscending size={14} aria-hidden />
                          ) : active === 'desc' ? (
                            <IconSortDescending size={14} aria-hidden />
                          ) : (
                            <IconSelector size={14} aria-hidden opacity={0.5} />
                          )}
                        </Group>
                      </UnstyledButton>
                    ) : (
                      c.header
                    )}
                  </Table.Th>
                );
              })}
              {rowActions ? (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((row) => {
              const key = rowKey(row);
              const open = expanded.has(key);
              return (
                <Fragment key={key}>
                  <Table.Tr>
                    {renderExpanded ? (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          aria-expanded={open}
                          aria-label={open ? 'Hide details' : 'Show details'}
                          onClick={() => toggle(key)}
                        >
                          {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                        </ActionIcon>
                      </Table.Td>
                    ) : null}
                    {columns.map((c) => (
                      <Table.Td key={c.key} visibleFrom={c.visibleFrom}>
                        {c.render ? c.render(row) : formatCell(c.value(row))}
                      </Table.Td>
                    ))}
                    {rowActions ? (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {rowActions(row)}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                  {renderExpanded && open ? (
                    <Table.Tr>
                      <Table.Td colSpan={colCount}>{renderExpanded(row)}</Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {props.loading && visible.length === 0 ? (
        <Center py="xl">
          <Loader aria-label="Loading" />
        </Center>
      ) : null}
      {!props.loading && !props.error && visible.length === 0 ? (
        <EmptyState
          title={
            search && (props.rows?.length ?? 0) > 0 ? 'Nothing matches the filter' : (props.emptyTitle ?? 'Nothing here yet')
          }
          description={props.emptyDescription}
          action={props.emptyAction}
        />
      ) : null}
      {visible.length > 0 && !controlled && search ? (
        <Text size="xs" c="dimmed" mt={4} aria-live="polite">
          {visible.length} of {props.rows?.length ?? 0} rows match
        </Text>
      ) : null}
      {props.footer}
    </Box>
  );
}

function formatCell(v: unknown): ReactNode {
  if (v === null || v === undefined || v === '')
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return String(v);
}
