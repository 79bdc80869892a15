import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { ErrorBox, Field, Page } from '../ui';

/**
 * Sign-in with the token the union's identity provider issues (the same JWT the gateway verifies). On the demo
 * platform, `npm start` prints one token per demo role and keeps them in .data/demo-tokens.txt.
 */
export function LoginPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const session = signIn(token);
      const home = session.roles.includes('NATIONAL_ADMIN')
        ? '/national'
        : session.roles.includes('UNIT_OFFICER')
          ? '/dashboard'
          : session.roles.includes('COUNCIL_MEMBER')
            ? '/work/council'
            : session.roles.includes('REVIEWER')
              ? '/work/reviews'
              : session.roles.includes('EDITOR')
                ? '/work/editor'
                : '/';
      navigate(home);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Page title="Đăng nhập">
      <form className="stack" onSubmit={submit}>
        <Field id="token" label="Mã đăng nhập (JWT)" hint="Dán mã do hệ thống định danh của Công đoàn cấp. Bản demo: xem .data/demo-tokens.txt.">
          <textarea id="token" value={token} onChange={(e) => setToken(e.target.value)} aria-describedby="token-hint" required />
        </Field>
        <ErrorBox error={error} />
        <div>
          <button type="submit">Đăng nhập</button>
        </div>
      </form>
    </Page>
  );
}
