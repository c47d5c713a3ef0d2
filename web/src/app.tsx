import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { appModules } from './app-modules';
import { ApiError } from './lib/api';
import { PasswordChangeGate } from './modules/account';
import { AuthLossRedirect, RequireSession, SignInPage } from './modules/auth';
import { AppLayout, FacilityProvider, NotFoundPage, RequirePermission } from './modules/shell';
import { cssVariablesResolver, theme } from './theme';

// The patient's page behind a reminder's link: outside the signed-in shell, loaded only there.
const AppointmentLinkPage = lazy(() => import('./modules/scheduling').then((m) => ({ default: m.AppointmentLinkPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; network blips and 5xx might.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthLossRedirect />
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route
              path="/appointment-link/:token"
              element={
                <Suspense fallback={null}>
                  <AppointmentLinkPage />
                </Suspense>
              }
            />
            <Route
              element={
                <RequireSession>
                  <PasswordChangeGate>
                    <FacilityProvider>
                      <AppLayout entries={appModules} />
                    </FacilityProvider>
                  </PasswordChangeGate>
                </RequireSession>
              }
            >
              {appModules
                .filter((m) => !m.external && m.page)
                .map((m) => {
                  const Page = m.page as NonNullable<typeof m.page>;
                  return (
                    <Route
                      key={m.path}
                      path={m.path}
                      element={
                        <RequirePermission permission={m.permission}>
                          <Page />
                        </RequirePermission>
                      }
                    />
                  );
                })}
              <Route path="/dashboard" element={<Navigate to="/" replace />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
