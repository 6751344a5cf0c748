import { Layout } from "../../../web/layout";
import type { CircuitUsage } from "../usage-answers";
import { Breadcrumbs } from "./breadcrumbs";
import type { ChartPlan } from "./chart-plan";
import type { ChartSeries } from "./chart-series";
import { circuitPath, INSIGHTS_PATH, organizationPath, type ViewState, viewHref } from "./insights-links";
import { locationAnchor } from "./location-breakdown";
import { SeriesChart } from "./series-chart";
import { tableAlternatives } from "./table-alternatives";
import { CircuitCards } from "./usage-cards";
import { type DataVersions, ViewSummary } from "./view-summary";
import { WindowControls } from "./window-controls";

export interface CircuitPageProps {
  usage: CircuitUsage;
  brand: { id: string; name: string };
  plan: ChartPlan;
  state: ViewState;
  series: ChartSeries[];
  versions: DataVersions;
}

/** One circuit: its figures (/v1/circuits/{id}/usage) and a chart of its average power over the window. */
export function CircuitPage({ usage, brand, plan, state, series, versions }: CircuitPageProps) {
  const { circuit, sensor, location, organization } = usage;
  const path = circuitPath(circuit.id);
  const organizationHref = viewHref(organizationPath(organization.id), state);
  return (
    <Layout title={`${circuit.name} · ${location.name} · Insights`} current={INSIGHTS_PATH} scripts={["insights-chart.client.ts"]}>
      <Breadcrumbs
        trail={[
          { label: "Insights", href: INSIGHTS_PATH },
          { label: brand.name },
          { label: organization.name, href: organizationHref },
          { label: location.name, href: `${organizationHref}#${locationAnchor(location.id)}` },
          { label: `${sensor.name} (${sensor.duid})` },
          { label: circuit.name },
        ]}
      />
      <h1>
        {circuit.name}{" "}
        <span class="h1-sub">
          circuit {circuit.number} of {sensor.name} at {location.name}, {organization.name}
        </span>
      </h1>
      <ViewSummary plan={plan} versions={versions} what={`Usage of this circuit (a reading every ${sensor.sample_interval_seconds} s)`} />
      <WindowControls path={path} state={state} plan={plan} grouping={false} />
      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">Figures</h2>
        <CircuitCards usage={usage.usage} zone={plan.zone} />
      </section>
      <SeriesChart
        plan={plan}
        series={series}
        kind="circuit"
        note="The circuit's average power."
        csvHref={viewHref(path, state, { format: "csv" })}
        csvName={`insights-circuit-${circuit.id}.csv`}
        alternatives={tableAlternatives(plan, series.length, undefined, (change) => viewHref(path, { ...state, ...change }))}
      />
    </Layout>
  );
}
