import type { Child } from "hono/jsx";
import { formatCount, formatUtcMinute } from "../../web/format";
import { Layout } from "../../web/layout";
import { Bad, Good } from "../../web/states";
import type { HomeStatus, StatusReading } from "./home-status";
import { docsHref, PRODUCT_SUMMARY, SERVICES, type Service } from "./service-catalogue";

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** A count a person reads and a script or test can take from `value`. */
function Count({ value, one, many }: { value: number; one: string; many: string }) {
  return (
    <>
      <data value={String(value)}>{formatCount(value)}</data> {plural(value, one, many)}
    </>
  );
}

function Instant({ iso }: { iso: string }) {
  return <time datetime={iso}>{formatUtcMinute(iso)}</time>;
}

/** A status line and when it was read; an unreadable source says so instead of failing the page. */
function StatusOf<T>({ id, reading, render }: { id: string; reading: StatusReading<T>; render: (value: T) => Child }) {
  return (
    <div id={id}>
      <p>{reading.available ? render(reading.value) : <Bad>Unavailable: this could not be read just now</Bad>}</p>
      <p class="meta">
        as of <Instant iso={reading.readAt} />
      </p>
    </div>
  );
}

function serviceStatus(service: Service, status: HomeStatus): Child {
  const id = `status-${service.name}`;
  switch (service.name) {
    case "peaks":
      return (
        <StatusOf
          id={id}
          reading={status.markets}
          render={({ markets, readings }) => (
            <>
              <Count value={markets} one="market" many="markets" />, <Count value={readings} one="reading" many="readings" /> loaded
            </>
          )}
        />
      );
    case "insights":
      return <StatusOf id={id} reading={status.circuits} render={(circuits) => <Count value={circuits} one="circuit" many="circuits" />} />;
    case "credits":
      return (
        <StatusOf
          id={id}
          reading={status.credits}
          render={({ period, messages }) =>
            period ? (
              <>
                <Count value={messages} one="message" many="messages" /> in the current billing period
                <br />
                from <Instant iso={new Date(period.startMs).toISOString()} /> to <Instant iso={new Date(period.endMs).toISOString()} />
              </>
            ) : (
              "No billing period is set yet"
            )
          }
        />
      );
    case "productionplan":
      return (
        <div id={id}>
          <p>Stateless: each plan is computed on request, nothing is stored.</p>
        </div>
      );
    case "trading":
      return (
        <StatusOf
          id={id}
          reading={status.feed}
          render={(feed) => (
            <>
              {feed.connected ? <Good>Feed connected</Good> : <Bad>Feed disconnected</Bad>}
              <br />
              {feed.last_frame_at ? (
                <>
                  Last frame at <Instant iso={feed.last_frame_at} />
                </>
              ) : (
                "No exchange frame received yet"
              )}
            </>
          )}
        />
      );
  }
}

function ServiceCard({ service, status }: { service: Service; status: HomeStatus }) {
  return (
    <li class="card" id={`service-${service.name}`}>
      <h2>{service.title}</h2>
      <p>{service.summary}</p>
      {serviceStatus(service, status)}
      <p class="links">
        {service.dashboard && <a href={service.dashboard.href}>{service.dashboard.title}</a>}
        <a href={docsHref(service)}>{service.title} API reference</a>
      </p>
    </li>
  );
}

function CronStatus({ reading }: { reading: HomeStatus["cron"] }) {
  return (
    <StatusOf
      id="status-cron"
      reading={reading}
      render={(run) => {
        if (!run) return "The Cron Trigger has not run yet.";
        const failed = run.jobs.filter((job) => !job.ok);
        return (
          <>
            {failed.length === 0 ? (
              <Good>
                <Count value={run.jobs.length} one="job" many="jobs" /> succeeded
              </Good>
            ) : (
              <Bad>Failed: {failed.map((job) => (job.error ? `${job.name} (${job.error})` : job.name)).join(", ")}</Bad>
            )}
            <br />
            Last cron run finished at <Instant iso={run.finished_at} />
          </>
        );
      }}
    />
  );
}

export interface HomePageProps {
  status: HomeStatus;
  /** Shown when a source could not be read, so a report can quote it. */
  requestId?: string;
  /** READ_TOKEN is set, so this browser signed in and may sign out. */
  signInRequired: boolean;
}

export function HomePage({ status, requestId, signInRequired }: HomePageProps) {
  const unavailable = Object.values(status).some((reading) => !reading.available);
  return (
    <Layout title="Overview" current="/">
      <h1>Energy Edge</h1>
      <p class="lede">{PRODUCT_SUMMARY}</p>
      <ul class="cards" aria-label="Services">
        {SERVICES.map((service) => (
          <ServiceCard service={service} status={status} />
        ))}
      </ul>
      <h2>Scheduled jobs</h2>
      <div class="card">
        <CronStatus reading={status.cron} />
      </div>
      {unavailable && requestId && <p class="meta">Request id: {requestId} (quote it when you report what could not be read).</p>}
      <p class="meta">
        Everything here is also JSON: <a href="/docs">the API docs</a>, <a href="/openapi.json">the OpenAPI document</a> and{" "}
        <code>GET /</code> with <code>Accept: application/json</code>.
      </p>
      {signInRequired && (
        <form method="post" action="/logout">
          <button type="submit" class="button-quiet">
            Sign out
          </button>
        </form>
      )}
    </Layout>
  );
}
