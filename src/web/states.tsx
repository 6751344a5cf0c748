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
