import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';
import { AdminLayout } from './components/AdminLayout';
import { LoginPage } from './pages/LoginPage';
import { getSession, onSessionChange } from './services/session';

const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const MembersPage = lazy(() => import('./pages/MembersPage'));
const MemberDetailPage = lazy(() => import('./pages/members/MemberDetailPage'));
const AuditLogsPage = lazy(() => import('./pages/AuditLogsPage'));
const StoresPage = lazy(() => import('./pages/stores'));
const AccountsPage = lazy(() => import('./pages/accounts'));
const PaymentsPage = lazy(() => import('./pages/payments'));
const RechargePlansPage = lazy(() => import('./pages/RechargePlansPage'));
const WalletsPage = lazy(() => import('./pages/WalletsPage'));
const WithdrawalsPage = lazy(() => import('./pages/WithdrawalsPage'));
const LiabilityPage = lazy(() => import('./pages/LiabilityPage'));
const TiersPage = lazy(() => import('./pages/TiersPage'));
const BenefitsPage = lazy(() => import('./pages/BenefitsPage'));
const PointsPage = lazy(() => import('./pages/points'));
const MallPage = lazy(() => import('./pages/mall'));
const MembershipPage = lazy(() => import('./pages/membership'));
const NotificationsPage = lazy(() => import('./pages/notifications'));
const TagsPage = lazy(() => import('./pages/insight/TagsPage'));
const SegmentsPage = lazy(() => import('./pages/insight/SegmentsPage'));
const SegmentEditorPage = lazy(() => import('./pages/insight/SegmentEditorPage'));
const CampaignsPage = lazy(() => import('./pages/campaigns/CampaignsPage'));
const FlashSalesPage = lazy(() => import('./pages/deals/flash-sales'));
const KocPage = lazy(() => import('./pages/koc/KocPage'));
const CommunityPage = lazy(() => import('./pages/community/CommunityPage'));
const GroupDealsPage = lazy(() => import('./pages/deals/group-deals-page'));
const AnalyticsPage = lazy(() => import('./pages/analytics/AnalyticsPage'));
const PermissionsPage = lazy(() => import('./pages/analytics/PermissionsPage'));
const DealReportPage = lazy(() => import('./pages/analytics/DealReportPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const [session, setSession] = useState(getSession());
  useEffect(() => onSessionChange(setSession), []);
  return session ? <>{children}</> : <Navigate to='/login' replace />;
}

export function App() {
  return (
    <BrowserRouter basename='/admin'>
      <Suspense fallback={<Spin style={{ margin: 80, display: 'block' }} />}>
        <Routes>
          <Route path='/login' element={<LoginPage />} />
          <Route
            element={
              <RequireSession>
                <AdminLayout />
              </RequireSession>
            }
          >
            <Route index element={<DashboardPage />} />
            <Route path='members' element={<MembersPage />} />
            <Route path='members/:id' element={<MemberDetailPage />} />
            <Route path='audit-logs' element={<AuditLogsPage />} />
            <Route path='stores' element={<StoresPage />} />
            <Route path='accounts' element={<AccountsPage />} />
            <Route path='payments' element={<PaymentsPage />} />
            <Route path='recharge-plans' element={<RechargePlansPage />} />
            <Route path='wallets' element={<WalletsPage />} />
            <Route path='withdrawals' element={<WithdrawalsPage />} />
            <Route path='liability' element={<LiabilityPage />} />
            <Route path='tiers' element={<TiersPage />} />
            <Route path='benefits' element={<BenefitsPage />} />
            <Route path='points' element={<PointsPage />} />
            <Route path='mall' element={<MallPage />} />
            <Route path='membership' element={<MembershipPage />} />
            <Route path='notifications' element={<NotificationsPage />} />
            <Route path='tags' element={<TagsPage />} />
            <Route path='segments' element={<SegmentsPage />} />
            <Route path='segments/new' element={<SegmentEditorPage />} />
            <Route path='segments/:id' element={<SegmentEditorPage />} />
            <Route path='campaigns' element={<CampaignsPage />} />
            <Route path='deals/flash-sales' element={<FlashSalesPage />} />
            <Route path='koc' element={<KocPage />} />
            <Route path='community' element={<CommunityPage />} />
            <Route path='deals/group' element={<GroupDealsPage />} />
            <Route path='analytics' element={<AnalyticsPage />} />
            <Route path='analytics/deals' element={<DealReportPage />} />
            <Route path='permissions' element={<PermissionsPage />} />
          </Route>
          <Route path='*' element={<Navigate to='/' replace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
