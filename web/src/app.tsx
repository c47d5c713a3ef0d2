import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { appModules } from './app-modules';
import { ApiError } from './lib/api';
import { AuthLossRedirect, RequireSession, SignInPage } from './modules/auth';
import { AppLayout, FacilityProvider, NotFoundPage, RequirePermission } from './modules/shell';

const theme = createTheme({
  // Shade 8 keeps white button text above the WCAG AA contrast ratio.
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
});

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
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthLossRedirect />
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route
              element={
                <RequireSession>
                  <FacilityProvider>
                    <AppLayout entries={appModules} />
                  </FacilityProvider>
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
