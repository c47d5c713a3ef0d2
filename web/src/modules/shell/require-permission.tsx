import type { Permission } from '@clinicops/contracts';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyState } from '../../ui/empty-state';
import { useSession } from '../auth';

/** The server refuses anyway; this explains it instead of showing a page of errors. */
export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!permission || can(permission)) return children;
  return (
    <EmptyState
      icon={<IconLock size={28} aria-hidden />}
      title="You do not have access to this page"
      description="Your role does not include it. Ask your office manager if you need it for your work."
    />
  );
}
