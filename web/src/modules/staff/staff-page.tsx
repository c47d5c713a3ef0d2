import { Button, Tabs } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { useSession } from '../auth';
import { AlertsView } from './alerts-view';
import { CmmCalculator } from './cmm-calculator';
import { ComplianceMatrixView } from './compliance-matrix';
import { PersonPage } from './person-page';
import { ScreeningView } from './screening-view';
import { StaffFormModal } from './staff-form-modal';
import { StaffList } from './staff-list';

// One route (/staff) with the view in the query string, so the module needs one line in
// app-modules.tsx and every view still has a link of its own (?view=compliance, ?person=<id>).

export function StaffPage() {
  const [params, setParams] = useSearchParams();
  const person = params.get('person');
  const view = params.get('view') ?? 'list';
  const open = (id: string) => setParams({ person: id });
  const { can } = useSession();
  const [adding, setAdding] = useState(false);

  if (person) return <PersonPage id={person} onBack={() => setParams({})} />;
  return (
    <>
      <PageHeader
        title="Staff"
        description="People, their licences and certifications, and whether they may work."
        actions={
          can('staff:write') ? (
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              Add staff member
            </Button>
          ) : null
        }
      />
      {adding ? <StaffFormModal opened onClose={() => setAdding(false)} onCreated={open} /> : null}
      <Tabs value={view} onChange={(v) => setParams(v && v !== 'list' ? { view: v } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="list">Staff</Tabs.Tab>
          <Tabs.Tab value="compliance">Compliance matrix</Tabs.Tab>
          <Tabs.Tab value="alerts">Alerts</Tabs.Tab>
          <Tabs.Tab value="cmm">CMM eligibility</Tabs.Tab>
          <Tabs.Tab value="screening">Exclusion screening</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          <StaffList onOpen={open} />
        </Tabs.Panel>
        <Tabs.Panel value="compliance">
          <ComplianceMatrixView onOpen={open} />
        </Tabs.Panel>
        <Tabs.Panel value="alerts">
          <AlertsView onOpen={open} />
        </Tabs.Panel>
        <Tabs.Panel value="cmm">
          <CmmCalculator />
        </Tabs.Panel>
        <Tabs.Panel value="screening">
          <ScreeningView onOpen={open} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
