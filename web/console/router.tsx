import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import type { Capability } from '../api/enums';
import { RequireAuth } from './session/RequireAuth';
import { RequireCapability } from './session/RequireCapability';
import { ConsoleLayout } from './shell/ConsoleLayout';

// One lazy chunk per page.
const TipsPage = lazy(() => import('./modules/tips/pages/TipsPage').then((m) => ({ default: m.TipsPage })));
const LoginPage = lazy(() =>
  import('./modules/auth/pages/LoginPage').then((m) => ({ default: m.LoginPage })),
);
const OverviewPage = lazy(() =>
  import('./modules/overview/pages/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const HouseholdListPage = lazy(() =>
  import('./modules/households/pages/HouseholdListPage').then((m) => ({ default: m.HouseholdListPage })),
);
const HouseholdDetailPage = lazy(() =>
  import('./modules/households/pages/HouseholdDetailPage').then((m) => ({ default: m.HouseholdDetailPage })),
);
const ImportExportPage = lazy(() =>
  import('./modules/import-export/pages/ImportExportPage').then((m) => ({ default: m.ImportExportPage })),
);
const BuildingsPage = lazy(() =>
  import('./modules/structure/pages/BuildingsPage').then((m) => ({ default: m.BuildingsPage })),
);
const EntrancesPostsPage = lazy(() =>
  import('./modules/structure/pages/EntrancesPostsPage').then((m) => ({ default: m.EntrancesPostsPage })),
);
const StaffTeamsPage = lazy(() =>
  import('./modules/people/pages/StaffTeamsPage').then((m) => ({ default: m.StaffTeamsPage })),
);
const AccountsPage = lazy(() =>
  import('./modules/people/pages/AccountsPage').then((m) => ({ default: m.AccountsPage })),
);
const AuditLogPage = lazy(() =>
  import('./modules/system/pages/AuditLogPage').then((m) => ({ default: m.AuditLogPage })),
);
const CustomFieldsPage = lazy(() =>
  import('./modules/system/pages/CustomFieldsPage').then((m) => ({ default: m.CustomFieldsPage })),
);
const EstatesPage = lazy(() =>
  import('./modules/system/pages/EstatesPage').then((m) => ({ default: m.EstatesPage })),
);
const PlanPage = lazy(() => import('./modules/plan/pages/PlanPage').then((m) => ({ default: m.PlanPage })));
const CalendarPage = lazy(() =>
  import('./modules/system/pages/CalendarPage').then((m) => ({ default: m.CalendarPage })),
);
const RequestBoardPage = lazy(() =>
  import('./modules/requests/pages/RequestBoardPage').then((m) => ({ default: m.RequestBoardPage })),
);
const NewRequestPage = lazy(() =>
  import('./modules/requests/pages/NewRequestPage').then((m) => ({ default: m.NewRequestPage })),
);
const MyJobsPage = lazy(() =>
  import('./modules/requests/pages/MyJobsPage').then((m) => ({ default: m.MyJobsPage })),
);
const RequestDetailPage = lazy(() =>
  import('./modules/requests/pages/RequestDetailPage').then((m) => ({ default: m.RequestDetailPage })),
);
const AgendaPage = lazy(() =>
  import('./modules/agenda/pages/AgendaPage').then((m) => ({ default: m.AgendaPage })),
);
const KpiBoardPage = lazy(() =>
  import('./modules/agenda/pages/KpiBoardPage').then((m) => ({ default: m.KpiBoardPage })),
);
const VisitFormPage = lazy(() =>
  import('./modules/visits/pages/VisitFormPage').then((m) => ({ default: m.VisitFormPage })),
);
const VisitListPage = lazy(() =>
  import('./modules/visits/pages/VisitListPage').then((m) => ({ default: m.VisitListPage })),
);
const LoyalGroupsPage = lazy(() =>
  import('./modules/visits/pages/LoyalGroupsPage').then((m) => ({ default: m.LoyalGroupsPage })),
);
const RevisitsPage = lazy(() =>
  import('./modules/ratings/pages/RevisitsPage').then((m) => ({ default: m.RevisitsPage })),
);
const LendingPage = lazy(() =>
  import('./modules/loans/pages/LendingPage').then((m) => ({ default: m.LendingPage })),
);
const DemandPeaksPage = lazy(() =>
  import('./modules/loans/pages/DemandPeaksPage').then((m) => ({ default: m.DemandPeaksPage })),
);
const CampaignsPage = lazy(() =>
  import('./modules/messaging/pages/CampaignsPage').then((m) => ({ default: m.CampaignsPage })),
);
const CampaignNewPage = lazy(() =>
  import('./modules/messaging/pages/CampaignNewPage').then((m) => ({ default: m.CampaignNewPage })),
);
const CampaignDetailPage = lazy(() =>
  import('./modules/messaging/pages/CampaignDetailPage').then((m) => ({ default: m.CampaignDetailPage })),
);
const OutboxPage = lazy(() =>
  import('./modules/messaging/pages/OutboxPage').then((m) => ({ default: m.OutboxPage })),
);
const TemplatesPage = lazy(() =>
  import('./modules/messaging/pages/TemplatesPage').then((m) => ({ default: m.TemplatesPage })),
);
const ProvidersPage = lazy(() =>
  import('./modules/messaging/pages/ProvidersPage').then((m) => ({ default: m.ProvidersPage })),
);
const BoardsPage = lazy(() =>
  import('./modules/board/pages/BoardsPage').then((m) => ({ default: m.BoardsPage })),
);
const WeatherEntryPage = lazy(() =>
  import('./modules/board/pages/WeatherEntryPage').then((m) => ({ default: m.WeatherEntryPage })),
);
const RosterPage = lazy(() =>
  import('./modules/roster/pages/RosterPage').then((m) => ({ default: m.RosterPage })),
);
const CatalogPage = lazy(() =>
  import('./modules/catalog/pages/CatalogPage').then((m) => ({ default: m.CatalogPage })),
);
const OrganizationListPage = lazy(() =>
  import('./modules/organizations/pages/OrganizationListPage').then((m) => ({
    default: m.OrganizationListPage,
  })),
);
const OrganizationDetailPage = lazy(() =>
  import('./modules/organizations/pages/OrganizationDetailPage').then((m) => ({
    default: m.OrganizationDetailPage,
  })),
);
const CarePlanPage = lazy(() =>
  import('./modules/organizations/pages/CarePlanPage').then((m) => ({ default: m.CarePlanPage })),
);
const JourneyPage = lazy(() =>
  import('./modules/journey/pages/JourneyPage').then((m) => ({ default: m.JourneyPage })),
);
const NotFoundPage = lazy(() => import('./shell/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

const guard = (anyOf: Capability[], page: ReactNode) => (
  <RequireCapability anyOf={anyOf}>{page}</RequireCapability>
);

/** Every console route. The server answers index.html for any non-/api path. */
export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={null}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <ConsoleLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'households', element: guard(['household.read'], <HouseholdListPage />) },
      { path: 'households/:id', element: guard(['household.read'], <HouseholdDetailPage />) },
      {
        path: 'import-export',
        element: guard(['household.import', 'household.export'], <ImportExportPage />),
      },
      { path: 'buildings', element: <BuildingsPage /> },
      { path: 'entrances', element: <EntrancesPostsPage /> },
      { path: 'staff', element: guard(['staff.read'], <StaffTeamsPage />) },
      { path: 'accounts', element: guard(['account.manage'], <AccountsPage />) },
      { path: 'audit', element: guard(['audit.read'], <AuditLogPage />) },
      { path: 'custom-fields', element: guard(['customfield.manage'], <CustomFieldsPage />) },
      { path: 'estates', element: guard(['estate.create'], <EstatesPage />) },
      {
        path: 'requests',
        element: guard(['request.create', 'request.work', 'request.dispatch'], <RequestBoardPage />),
      },
      { path: 'requests/new', element: guard(['request.create'], <NewRequestPage />) },
      { path: 'requests/mine', element: guard(['request.work'], <MyJobsPage />) },
      {
        path: 'requests/:id',
        element: guard(['request.create', 'request.work', 'request.dispatch'], <RequestDetailPage />),
      },
      // Revisits and lending: every staff member (request.work); the server narrows to their own.
      { path: 'revisits', element: guard(['request.work'], <RevisitsPage />) },
      { path: 'lending', element: guard(['request.work'], <LendingPage />) },
      { path: 'demand-peaks', element: guard(['request.dispatch'], <DemandPeaksPage />) },
      { path: 'roster', element: guard(['staff.read'], <RosterPage />) },
      { path: 'service-catalog', element: guard(['plan.manage'], <CatalogPage />) },
      { path: 'plan', element: guard(['plan.read'], <PlanPage />) },
      { path: 'agenda', element: guard(['plan.read'], <AgendaPage />) },
      {
        path: 'visits',
        element: guard(['visit.record', 'agenda.team', 'visit.safety_check'], <VisitListPage />),
      },
      { path: 'visits/new', element: guard(['visit.record', 'visit.safety_check'], <VisitFormPage />) },
      // The server decides: managers (plan.manage) see every group, a squad leader their own.
      { path: 'loyal-groups', element: guard(['household.read'], <LoyalGroupsPage />) },
      { path: 'kpi', element: guard(['kpi.read'], <KpiBoardPage />) },
      { path: 'organizations', element: guard(['plan.read'], <OrganizationListPage />) },
      { path: 'organizations/:id', element: guard(['plan.read'], <OrganizationDetailPage />) },
      { path: 'care-plan', element: guard(['plan.read'], <CarePlanPage />) },
      { path: 'journey', element: guard(['kpi.read'], <JourneyPage />) },
      // Read-only for staff who follow a link here; only admins (calendar.manage) see it in the menu.
      { path: 'calendar', element: guard(['calendar.manage', 'estate.read'], <CalendarPage />) },
      // Reaching residents (issue 5): the capabilities the messaging, campaign and board services check.
      { path: 'campaigns', element: guard(['campaign.manage'], <CampaignsPage />) },
      { path: 'campaigns/new', element: guard(['campaign.manage'], <CampaignNewPage />) },
      { path: 'campaigns/:id', element: guard(['campaign.manage'], <CampaignDetailPage />) },
      { path: 'outbox', element: guard(['message.read'], <OutboxPage />) },
      { path: 'tips', element: guard(['message.read'], <TipsPage />) },
      { path: 'message-templates', element: guard(['message.read'], <TemplatesPage />) },
      { path: 'providers', element: guard(['provider.manage'], <ProvidersPage />) },
      { path: 'boards', element: guard(['board.manage'], <BoardsPage />) },
      { path: 'weather-entry', element: guard(['weather.enter'], <WeatherEntryPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
