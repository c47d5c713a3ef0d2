import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page-header';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        icon={<IconMapOff size={28} aria-hidden />}
        title="There is no page at this address"
        action={
          <Button component={Link} to="/">
            Go to the dashboard
          </Button>
        }
      />
    </>
  );
}
