import type { Child } from "hono/jsx";
import { Layout } from "./layout";

/** A page that says what went wrong and what to do, never a stack trace. */
export function ErrorPage({ title, message, requestId, current }: { title: string; message: Child; requestId?: string; current?: string }) {
  return (
    <Layout title={title} current={current}>
      <h1>{title}</h1>
      <div class="notice notice-error" role="alert">
        <p>{message}</p>
        {requestId && <p class="meta">Request id: {requestId} (quote it when you report this).</p>}
      </div>
      <p>
        <a href="/">Back to the overview</a>
      </p>
    </Layout>
  );
}

/** Where a view has nothing to show: say why, and how to get data into it. */
export function EmptyState({ title, children }: { title: string; children: Child }) {
  return (
    <div class="notice" role="status">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}

/** A state that is fine, with a mark besides its colour. */
export function Good({ children }: { children: Child }) {
  return (
    <span class="status status-good">
      <span aria-hidden="true">✓</span> {children}
    </span>
  );
}

/** A state that is not, with a mark besides its colour. */
export function Bad({ children }: { children: Child }) {
  return (
    <span class="status status-bad">
      <span aria-hidden="true">✗</span> {children}
    </span>
  );
}
