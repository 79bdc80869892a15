import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { completeSignIn, useAuth } from '../auth';
import { ErrorBox, Page } from '../ui';

/** `/login`: straight on to the provider's sign-in page (username and password there, never here). */
export function SignInPage() {
  const { signIn } = useAuth();
  const [params] = useSearchParams();
  const returnTo = params.get('returnTo');
  useEffect(() => {
    signIn(returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : undefined);
  }, [signIn, returnTo]);
  return (
    <Page title="Đăng nhập">
      <p role="status">Đang chuyển đến trang đăng nhập…</p>
    </Page>
  );
}

/** `/auth/callback`: the provider sends the person back here; on to where they were, or to their role's home. */
export function SignInCallbackPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    completeSignIn().then(
      (target) => navigate(target, { replace: true }),
      (e: Error) => setError(new Error(`Đăng nhập chưa xong: ${e.message}`)),
    );
  }, [navigate]);
  return (
    <Page title="Đăng nhập">
      {error ? (
        <>
          <ErrorBox error={error} />
          <p>
            <Link to="/login">Đăng nhập lại</Link>
          </p>
        </>
      ) : (
        <p role="status">Đang hoàn tất đăng nhập…</p>
      )}
    </Page>
  );
}
