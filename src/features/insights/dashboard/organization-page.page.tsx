import { Layout } from "../../../web/layout";
import { EmptyState } from "../../../web/states";
import type { OrganizationUsage } from "../usage-answers";
import { Breadcrumbs } from "./breadcrumbs";
import type { ChartPlan } from "./chart-plan";
import type { ChartSeries } from "./chart-series";
import { circuitPath, INSIGHTS_PATH, organizationPath, type ViewState, viewHref } from "./insights-links";
import { LocationBreakdown } from "./location-breakdown";
import { SeriesChart } from "./series-chart";
import { tableAlternatives } from "./table-alternatives";
import { GroupCards, type GroupPeak } from "./usage-cards";
import { type DataVersions, ViewSummary } from "./view-summary";
import { WindowControls } from "./window-controls";

export interface OrganizationPageProps {
  usage: OrganizationUsage;
  plan: ChartPlan;
  state: ViewState;
  series: ChartSeries[];
  versions: DataVersions;
}

/** The highest reading of any circuit in the answer: the organisation's peak, which its group figures do not hold. */
export function groupPeak(usage: OrganizationUsage): GroupPeak | undefined {
  let peak: GroupPeak | undefined;
  for (const location of usage.locations) {
    for (const { circuit, usage: figures } of location.circuits) {
      if (figures.max_watts === null || figures.max_at === null) continue;
      const better =
        !peak || figures.max_watts > peak.watts || (figures.max_watts === peak.watts && Date.parse(figures.max_at) < Date.parse(peak.at));
      if (better) peak = { watts: figures.max_watts, at: figures.max_at, circuit: `${circuit.name} at ${location.location.name}` };
    }
  }
  return peak;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** An organisation: its figures, a chart of each circuit (or location) over the window, and each location's figures. */
export function OrganizationPage({ usage, plan, state, series, versions }: OrganizationPageProps) {
  const { organization } = usage;
  const path = organizationPath(organization.id);
  const byLocation = state.group === "location";
  const circuitCount = usage.usage.circuit_count;
  const note = byLocation
    ? `One line per location (the sum of its circuits' averages); choose "One per circuit" under Series for each circuit.`
    : `One line per circuit; choose "One per location" under Series for one per location.`;
  return (
    <Layout title={`${organization.name} · Insights`} current={INSIGHTS_PATH} scripts={["insights-chart.client.ts"]}>
      <Breadcrumbs trail={[{ label: "Insights", href: INSIGHTS_PATH }, { label: organization.brand.name }, { label: organization.name }]} />
      <h1>
        {organization.name} <span class="h1-sub">organisation of {organization.brand.name}</span>
      </h1>
      <ViewSummary
        plan={plan}
        versions={versions}
        what={`Usage of ${plural(circuitCount, "circuit")} in ${plural(usage.locations.length, "location")}`}
      />
      <WindowControls path={path} state={state} plan={plan} grouping />
      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">Figures</h2>
        <GroupCards usage={usage.usage} peak={groupPeak(usage)} zone={plan.zone} />
      </section>
      {series.length === 0 ? (
        <EmptyState title="This organisation has no circuits yet.">
          <p>
            Circuits arrive with <code>POST /v1/insights/metadata</code>; see the <a href="/docs#/insights">insights API</a>.
          </p>
        </EmptyState>
      ) : (
        <SeriesChart
          plan={plan}
          series={series}
          kind={byLocation ? "location" : "circuit"}
          note={note}
          csvHref={viewHref(path, state, { format: "csv" })}
          csvName={`insights-${organization.id}.csv`}
          alternatives={tableAlternatives(plan, series.length, byLocation ? undefined : usage.locations.length, (change) =>
            viewHref(path, { ...state, ...change }),
          )}
        />
      )}
      <LocationBreakdown
        locations={usage.locations}
        zone={plan.zone}
        circuitHref={(circuitId) => viewHref(circuitPath(circuitId), { ...state, group: undefined })}
      />
    </Layout>
  );
}
