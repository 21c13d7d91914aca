import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth';
import { ErrorBoundary } from './components/error-boundary';
import { PageLoading } from './components/page-loading';
import {
  DENOMINATOR_IMPORT,
  DTSEN_IMPORT,
  EMPLOYER_IMPORT,
  PARTICIPATION_IMPORT,
  PAYMENT_IMPORT,
  REGISTRATION_IMPORT,
  UMK_IMPORT,
  WORKER_IMPORT,
} from './pages/imports/import-kinds';

// Every page is its own chunk: a phone downloads only what it shows.
const LoginPage = lazy(() => import('./pages/login/login-page'));
const HomePage = lazy(() => import('./pages/home/home-page'));
const AppShell = lazy(() => import('./pages/shell/app-shell'));
const RegionBrowserPage = lazy(() => import('./pages/regions/region-browser-page'));
const WorkerListPage = lazy(() => import('./pages/workers/worker-list-page'));
const WorkerFormPage = lazy(() => import('./pages/workers/worker-form-page'));
const ImportPage = lazy(() => import('./pages/imports/import-page'));
// funding (issue 4)
const CalculatorPage = lazy(() => import('./pages/funding/calculator-page'));
const ProgramsPage = lazy(() => import('./pages/funding/programs-page'));
const ProgramPage = lazy(() => import('./pages/funding/program-page'));
const PlanningPage = lazy(() => import('./pages/funding/planning-page'));
const RatesPage = lazy(() => import('./pages/funding/rates-page'));
const NotFoundPage = lazy(() => import('./pages/shell/not-found-page'));
// compliance (issue 6)
const EmployerListPage = lazy(() => import('./pages/compliance/employer-list-page'));
const EmployerPage = lazy(() => import('./pages/compliance/employer-page'));
const CaseListPage = lazy(() => import('./pages/compliance/case-list-page'));
const CasePage = lazy(() => import('./pages/compliance/case-page'));
const OutreachPage = lazy(() => import('./pages/compliance/outreach-page'));
const AgentsPage = lazy(() => import('./pages/compliance/agents-page'));
const EmployerFormPage = lazy(() => import('./pages/compliance/employer-form-page'));
const UmkPage = lazy(() => import('./pages/compliance/umk-page'));
const CoveragePage = lazy(() => import('./pages/coverage/coverage-page'));
// issue 14: the audit viewer and the worker page
const AuditPage = lazy(() => import('./pages/audit/audit-page'));
const WorkerPage = lazy(() => import('./pages/workers/worker-page'));
// official participation data (issue 11)
const TokensPage = lazy(() => import('./pages/participation/tokens-page'));
// Inpres 2/2021 accountability (issue 15)
const InpresPage = lazy(() => import('./pages/inpres/inpres-page'));
// claims (issue 17)
const ClaimListPage = lazy(() => import('./pages/claims/claim-list-page'));
const ClaimFormPage = lazy(() => import('./pages/claims/claim-form-page'));
const ClaimPage = lazy(() => import('./pages/claims/claim-page'));
// projects and election ad hoc cohorts (issue 18)
const ProjectsPage = lazy(() => import('./pages/projects/projects-page'));
const ProjectPage = lazy(() => import('./pages/projects/project-page'));
const CohortPage = lazy(() => import('./pages/projects/cohort-page'));
// DTSEN targeting (issue 16)
const TargetingPage = lazy(() => import('./pages/targeting/targeting-page'));

function page(node: ReactNode, fullScreen = false) {
  return <Suspense fallback={<PageLoading fullScreen={fullScreen} />}>{node}</Suspense>;
}

/**
 * Declarative routes (not the data router: we load data with React Query, and createBrowserRouter's
 * loader/action machinery would add tens of kilobytes for nothing).
 */
export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Routes>
        <Route path="/login" element={page(<LoginPage />, true)} />
        <Route path="/" element={<RequireAuth>{page(<AppShell />, true)}</RequireAuth>}>
          {/* the role's home (issue 14): the first page after login */}
          <Route index element={page(<HomePage />)} />
          <Route path="beranda" element={<Navigate to="/" replace />} />
          {/* One route for the root and every region, so drilling down keeps the page (and its search) mounted. */}
          <Route path="wilayah/:code?" element={page(<RegionBrowserPage />)} />
          <Route path="pekerja" element={page(<WorkerListPage />)} />
          <Route path="pekerja/baru" element={page(<WorkerFormPage />)} />
          {/* The import's id in the address: a reload (or coming back later) finds the same import. */}
          <Route path="impor/:id?" element={page(<ImportPage kind={WORKER_IMPORT} />)} />
          <Route path="kepatuhan/impor/:id?" element={page(<ImportPage kind={EMPLOYER_IMPORT} />)} />
          <Route path="pekerja/impor-kpj/:id?" element={page(<ImportPage kind={REGISTRATION_IMPORT} />)} />
          {/* funding (issue 4) */}
          <Route path="simulasi" element={page(<CalculatorPage />)} />
          {/* compliance (issue 6) */}
          <Route path="kepatuhan" element={page(<EmployerListPage />)} />
          <Route path="kepatuhan/perusahaan/baru" element={page(<EmployerFormPage />)} />
          <Route path="kepatuhan/perusahaan/:id" element={page(<EmployerPage />)} />
          <Route path="kepatuhan/perusahaan/:id/ubah" element={page(<EmployerFormPage />)} />
          <Route path="kepatuhan/umk" element={page(<UmkPage />)} />
          <Route path="kepatuhan/umk/impor/:id?" element={page(<ImportPage kind={UMK_IMPORT} />)} />
          <Route path="kepatuhan/kasus" element={page(<CaseListPage />)} />
          <Route path="kepatuhan/kasus/:id" element={page(<CasePage />)} />
          <Route path="sosialisasi" element={page(<OutreachPage />)} />
          <Route path="perisai" element={page(<AgentsPage />)} />
          <Route path="cakupan/:code?" element={page(<CoveragePage />)} />
          <Route path="penduduk-bekerja/impor/:id?" element={page(<ImportPage kind={DENOMINATOR_IMPORT} />)} />
          {/* official participation data (issue 11) */}
          <Route path="data-resmi/impor/:id?" element={page(<ImportPage kind={PARTICIPATION_IMPORT} />)} />
          <Route path="data-resmi/token" element={page(<TokensPage />)} />
          {/* Inpres 2/2021 accountability (issue 15) */}
          <Route path="inpres/:code?" element={page(<InpresPage />)} />
          {/* claims (issue 17) */}
          <Route path="klaim" element={page(<ClaimListPage />)} />
          <Route path="klaim/baru" element={page(<ClaimFormPage />)} />
          <Route path="klaim/:id" element={page(<ClaimPage />)} />
          {/* DTSEN targeting (issue 16) */}
          <Route path="dtsen/impor/:id?" element={page(<ImportPage kind={DTSEN_IMPORT} />)} />
          <Route path="dtsen/:code?" element={page(<TargetingPage />)} />
          {/* funding (issue 4) */}
          <Route path="pendanaan" element={page(<ProgramsPage />)} />
          <Route path="pendanaan/:id" element={page(<ProgramPage />)} />
          <Route path="pendanaan/impor-pembayaran/:id?" element={page(<ImportPage kind={PAYMENT_IMPORT} />)} />
          <Route path="perencanaan" element={page(<PlanningPage />)} />
          <Route path="tarif" element={page(<RatesPage />)} />
          {/* projects and election ad hoc cohorts (issue 18) */}
          <Route path="proyek" element={page(<ProjectsPage />)} />
          <Route path="proyek/kohort/:id" element={page(<CohortPage />)} />
          <Route path="proyek/:id" element={page(<ProjectPage />)} />
          {/* issue 14: the audit viewer; one worker (after pekerja/baru and pekerja/impor-kpj, which are more specific) */}
          <Route path="audit" element={page(<AuditPage />)} />
          <Route path="pekerja/:id" element={page(<WorkerPage />)} />
          <Route path="*" element={page(<NotFoundPage />)} />
        </Route>
      </Routes>
    </ErrorBoundary>
  );
}
