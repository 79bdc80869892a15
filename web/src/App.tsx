import { lazy, Suspense, useEffect } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useAuth, type Role } from './auth';
import { useQuery } from './hooks';
import { NOTIFICATIONS_CHANGED, UNREAD_COUNT } from './notifications';
import { AgreementsPage } from './pages/AgreementsPage';
import { AppealsPage } from './pages/AppealsPage';
import { AssignReviewersPage } from './pages/AssignReviewersPage';
import { BlocsPage } from './pages/BlocsPage';
import { BudgetPage } from './pages/BudgetPage';
import { CampaignPage } from './pages/CampaignPage';
import { ColleagueProposalsPage } from './pages/ColleagueProposalsPage';
import { CorrectionsPage } from './pages/CorrectionsPage';
import { ProposalsPage } from './pages/ProposalsPage';
import { CouncilPage } from './pages/CouncilPage';
import { CouncilMembersPage } from './pages/CouncilMembersPage';
import { CriteriaSetsPage } from './pages/CriteriaSetsPage';
import { DashboardPage } from './pages/DashboardPage';
import { DecisionPage } from './pages/DecisionPage';
import { EditorPage } from './pages/EditorPage';
import { EvidencePage } from './pages/EvidencePage';
import { HomePage } from './pages/HomePage';
import { ImportMembersPage } from './pages/ImportMembersPage';
import { InitiativesPage } from './pages/InitiativesPage';
import { LaunchCampaignPage } from './pages/LaunchCampaignPage';
import { LongServicePage } from './pages/LongServicePage';
import { ManageCampaignPage } from './pages/ManageCampaignPage';
import { MembersPage } from './pages/MembersPage';
import { MyRewardsPage } from './pages/MyRewardsPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { NationalPage } from './pages/NationalPage';
import { NewsChannelsPage } from './pages/NewsChannelsPage';
import { NominatePage } from './pages/NominatePage';
import { ProceedingsPage } from './pages/ProceedingsPage';
import { ProgressChecksPage } from './pages/ProgressChecksPage';
import { ProposeColleaguePage } from './pages/ProposeColleaguePage';
import { RegisterPage } from './pages/RegisterPage';
import { RegistrationsPage } from './pages/RegistrationsPage';
import { ReplicateCampaignPage } from './pages/ReplicateCampaignPage';
import { ReportProgressPage } from './pages/ReportProgressPage';
import { ReviewsPage } from './pages/ReviewsPage';
import { SignInCallbackPage, SignInPage } from './pages/SignInPage';
import { StoriesPage } from './pages/StoriesPage';
import { StoryPage } from './pages/StoryPage';
import { UnitsPage } from './pages/UnitsPage';
import { Loading, Page } from './ui';

// officers' screen only: a chunk of its own
const AccountsPage = lazy(() => import('./pages/AccountsPage').then((m) => ({ default: m.AccountsPage })));
// the national admin's catalogue: a chunk of its own too
const CataloguePage = lazy(() => import('./pages/CataloguePage').then((m) => ({ default: m.CataloguePage })));

interface NavItem {
  to: string;
  label: string;
  roles?: Role[];
}

const OFFICERS: Role[] = ['UNIT_OFFICER', 'NATIONAL_ADMIN'];
const NAV: NavItem[] = [
  { to: '/', label: 'Phong trào' },
  { to: '/rewards', label: 'Khen thưởng' },
  { to: '/stories', label: 'Tin bài' },
  { to: '/dashboard', label: 'Bảng điều khiển', roles: OFFICERS },
  { to: '/national', label: 'Toàn quốc', roles: ['NATIONAL_ADMIN'] },
  { to: '/work/launch', label: 'Phát động', roles: OFFICERS },
  { to: '/work/campaigns', label: 'Điều hành phong trào', roles: OFFICERS },
  { to: '/work/members', label: 'Đoàn viên', roles: OFFICERS },
  { to: '/work/units', label: 'Đơn vị', roles: OFFICERS },
  { to: '/work/progress', label: 'Báo cáo tiến độ', roles: OFFICERS },
  { to: '/work/progress-checks', label: 'Xác nhận tiến độ', roles: OFFICERS },
  { to: '/work/nominate', label: 'Đề nghị khen thưởng', roles: OFFICERS },
  { to: '/work/budget', label: 'Dự toán khen thưởng', roles: OFFICERS },
  { to: '/work/registrations', label: 'Đăng ký thi đua', roles: OFFICERS },
  { to: '/work/blocs', label: 'Khối, cụm thi đua', roles: OFFICERS },
  { to: '/work/colleague-proposals', label: 'Đề xuất của đoàn viên', roles: OFFICERS },
  { to: '/work/long-service', label: 'Kỷ niệm chương', roles: OFFICERS },
  { to: '/work/proceedings', label: 'Kỷ luật, thanh tra', roles: OFFICERS },
  { to: '/work/import', label: 'Nhập đoàn viên', roles: OFFICERS },
  { to: '/work/criteria', label: 'Bộ tiêu chí', roles: OFFICERS },
  { to: '/work/assign-reviewers', label: 'Phân công chấm', roles: OFFICERS },
  { to: '/work/appeals', label: 'Khiếu nại kết quả', roles: [...OFFICERS, 'MEMBER'] },
  { to: '/work/evidence', label: 'Nộp minh chứng', roles: [...OFFICERS, 'MEMBER'] },
  { to: '/work/reviews', label: 'Chấm điểm', roles: ['REVIEWER'] },
  { to: '/work/council', label: 'Hội đồng TĐKT', roles: ['COUNCIL_MEMBER'] },
  { to: '/work/council-members', label: 'Thành viên Hội đồng', roles: OFFICERS },
  { to: '/work/corrections', label: 'Rút đề nghị, thu hồi', roles: ['UNIT_OFFICER', 'NATIONAL_ADMIN', 'COUNCIL_MEMBER'] },
  { to: '/work/proposals', label: 'Hồ sơ trình khen', roles: ['UNIT_OFFICER', 'NATIONAL_ADMIN', 'COUNCIL_MEMBER', 'EMPLOYER'] },
  { to: '/work/editor', label: 'Biên tập', roles: ['EDITOR', 'NATIONAL_ADMIN'] },
  { to: '/work/accounts', label: 'Tài khoản', roles: OFFICERS },
  { to: '/work/news-channels', label: 'Kênh tin', roles: ['NATIONAL_ADMIN'] },
  { to: '/me/rewards', label: 'Khen thưởng của tôi', roles: ['MEMBER'] },
  { to: '/me/colleague', label: 'Đề xuất đồng nghiệp', roles: ['MEMBER'] },
  // the catalogue, collective agreements and initiatives (issue 15, decision 0031)
  { to: '/work/catalogue', label: 'Danh mục khen thưởng', roles: ['NATIONAL_ADMIN'] },
  { to: '/work/agreements', label: 'Thỏa ước lao động tập thể', roles: [...OFFICERS, 'EMPLOYER'] },
  { to: '/work/initiatives', label: 'Sáng kiến', roles: [...OFFICERS, 'MEMBER'] },
];

/** How often the header asks for the unread count while a page stays open. */
const UNREAD_POLL_MS = 60_000;

/** The signed-in person's inbox in the header, with how many notifications are unread. */
function NotificationsLink() {
  const unread = useQuery<{ myUnreadNotificationCount: number }>(UNREAD_COUNT);
  const { reload } = unread;
  useEffect(() => {
    const timer = setInterval(reload, UNREAD_POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, reload);
    };
  }, [reload]);
  const count = unread.data?.myUnreadNotificationCount ?? 0;
  return (
    // the name is the visible text and what the badge means (an aria-label that hides the badge's figure fails WCAG 2.5.3)
    <NavLink to="/me/notifications" className="notifications-link" data-testid="notifications-link">
      Thông báo
      {count > 0 ? <span className="badge badge-red" data-testid="unread-count" aria-hidden="true">{count > 99 ? '99+' : count}</span> : null}
      <span className="visually-hidden">{count > 0 ? `: ${count} chưa đọc` : ': không có thông báo chưa đọc'}</span>
    </NavLink>
  );
}

function Header() {
  const { session, ready, has, signIn, signOut } = useAuth();
  return (
    <header className="site-header">
      <div className="inner">
        <NavLink to="/" className="brand">
          Thi Đua · Công đoàn Việt Nam
        </NavLink>
        <nav className="site-nav" aria-label="Chính">
          <ul>
            {NAV.filter((item) => !item.roles || has(...item.roles)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          {session ? (
            <>
              <NotificationsLink />
              <span data-testid="signed-in-as">{session.name}</span>
              <button type="button" onClick={signOut}>
                Đăng xuất
              </button>
            </>
          ) : ready ? (
            <button type="button" onClick={() => signIn()}>
              Đăng nhập
            </button>
          ) : null}
        </div>
      </div>
    </header>
  );
}

export function App() {
  const { ready } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua menu, đến nội dung chính
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {/* pages wait for the session a reload restores, so they ask the API once, as the right person */}
        {ready ? (
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/campaigns/:id" element={<CampaignPage />} />
            <Route path="/campaigns/:id/replicate" element={<ReplicateCampaignPage />} />
            <Route path="/rewards" element={<RegisterPage />} />
            <Route path="/rewards/decisions/:id" element={<DecisionPage />} />
            <Route path="/stories" element={<StoriesPage />} />
            <Route path="/stories/:id" element={<StoryPage />} />
            <Route path="/login" element={<SignInPage />} />
            <Route path="/auth/callback" element={<SignInCallbackPage />} />
            <Route path="/work/accounts" element={<Suspense fallback={<Loading />}><AccountsPage /></Suspense>} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/national" element={<NationalPage />} />
            <Route path="/work/launch" element={<LaunchCampaignPage />} />
            <Route path="/work/campaigns" element={<ManageCampaignPage />} />
            <Route path="/work/members" element={<MembersPage />} />
            <Route path="/work/units" element={<UnitsPage />} />
            <Route path="/work/nominate" element={<NominatePage />} />
            <Route path="/work/budget" element={<BudgetPage />} />
            <Route path="/work/progress" element={<ReportProgressPage />} />
            <Route path="/work/import" element={<ImportMembersPage />} />
            <Route path="/work/criteria" element={<CriteriaSetsPage />} />
            <Route path="/work/assign-reviewers" element={<AssignReviewersPage />} />
            <Route path="/work/appeals" element={<AppealsPage />} />
            <Route path="/work/evidence" element={<EvidencePage />} />
            <Route path="/work/reviews" element={<ReviewsPage />} />
            <Route path="/work/council" element={<CouncilPage />} />
            <Route path="/work/council-members" element={<CouncilMembersPage />} />
            <Route path="/work/corrections" element={<CorrectionsPage />} />
            <Route path="/work/proposals" element={<ProposalsPage />} />
            <Route path="/work/editor" element={<EditorPage />} />
            <Route path="/work/progress-checks" element={<ProgressChecksPage />} />
            <Route path="/work/registrations" element={<RegistrationsPage />} />
            <Route path="/work/blocs" element={<BlocsPage />} />
            <Route path="/work/colleague-proposals" element={<ColleagueProposalsPage />} />
            <Route path="/work/long-service" element={<LongServicePage />} />
            <Route path="/work/proceedings" element={<ProceedingsPage />} />
            <Route path="/work/news-channels" element={<NewsChannelsPage />} />
            <Route path="/me/rewards" element={<MyRewardsPage />} />
            <Route path="/me/notifications" element={<NotificationsPage />} />
            <Route path="/me/colleague" element={<ProposeColleaguePage />} />
            <Route path="/work/catalogue" element={<Suspense fallback={<Loading />}><CataloguePage /></Suspense>} />
            <Route path="/work/agreements" element={<AgreementsPage />} />
            <Route path="/work/initiatives" element={<InitiativesPage />} />
            <Route
              path="*"
              element={
                <Page title="Không tìm thấy trang">
                  <p>Địa chỉ này không có trên cổng thông tin.</p>
                </Page>
              }
            />
          </Routes>
        ) : (
          <Loading />
        )}
      </main>
    </>
  );
}
