import { Layout } from "../../web/layout";

export interface LoginPageProps {
  /** Where to go after signing in: a path on this site. */
  next: string;
  error?: string;
}

/** The sign-in form pages show when READ_TOKEN is set: the same token the API reads need, kept in a cookie. */
export function LoginPage({ next, error }: LoginPageProps) {
  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <p class="lede">
        This server keeps its data private. Enter its read token (the <code>READ_TOKEN</code> API clients send as a bearer token) to see the
        dashboards; this browser then stays signed in until it closes or you sign out.
      </p>
      {error && (
        <p class="notice notice-error" role="alert" id="login-error">
          {error}
        </p>
      )}
      <form method="post" action="/login" class="inline">
        <input type="hidden" name="next" value={next} />
        <label>
          Read token
          <input
            type="password"
            name="token"
            autocomplete="current-password"
            required
            autofocus
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "login-error" : undefined}
          />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
