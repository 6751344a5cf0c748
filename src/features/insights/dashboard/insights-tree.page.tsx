import { formatCount } from "../../../web/format";
import { Layout } from "../../../web/layout";
import { EmptyState } from "../../../web/states";
import { brandTree, type MetadataIndex } from "../metadata-index";
import { circuitPath, INSIGHTS_PATH, organizationPath } from "./insights-links";
import { locationAnchor } from "./location-breakdown";
import type { DataVersions } from "./view-summary";

type BrandTree = NonNullable<ReturnType<typeof brandTree>>;

const plural = (count: number, one: string, many = `${one}s`) => `${formatCount(count)} ${count === 1 ? one : many}`;

function OrganizationBranch({ tree, organization }: { tree: BrandTree; organization: BrandTree["organizations"][number] }) {
  const locations = tree.locations.filter((location) => location.organizationId === organization.id);
  const circuits = tree.circuits.filter((circuit) => circuit.organizationId === organization.id);
  const sensorCount = tree.sensors.filter((sensor) => locations.some((location) => location.id === sensor.locationId)).length;
  return (
    <li class="tree-organization" data-organization={organization.id}>
      <h3>
        <a href={organizationPath(organization.id)}>{organization.name}</a>
      </h3>
      <p class="meta">
        {plural(locations.length, "location")} · {plural(sensorCount, "sensor")} · {plural(circuits.length, "circuit")}
      </p>
      {locations.length > 0 && (
        <details open={circuits.length <= 60}>
          <summary>Locations, sensors and circuits</summary>
          <ul class="tree">
            {locations.map((location) => (
              <li data-location={location.id}>
                <a href={`${organizationPath(organization.id)}#${locationAnchor(location.id)}`}>{location.name}</a>
                <ul>
                  {tree.sensors
                    .filter((sensor) => sensor.locationId === location.id)
                    .map((sensor) => (
                      <li data-sensor={sensor.id}>
                        {sensor.name} <span class="meta">sensor {sensor.duid}</span>
                        <ul>
                          {circuits
                            .filter((circuit) => circuit.sensorId === sensor.id)
                            .map((circuit) => (
                              <li data-circuit={circuit.id}>
                                <a href={circuitPath(circuit.id)}>{circuit.name}</a> <span class="meta">#{circuit.number}</span>
                              </li>
                            ))}
                        </ul>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** Every brand's organisations, locations, sensors and circuits, from the insights metadata: where to start. */
export function InsightsTreePage({ metadata, versions }: { metadata: MetadataIndex; versions: DataVersions }) {
  const trees = metadata.rows.brands.map((brand) => brandTree(metadata, brand.id)!);
  return (
    <Layout title="Insights" current={INSIGHTS_PATH}>
      <h1>Insights</h1>
      <p class="lede">
        Power usage of each circuit and organisation over time. Open an organisation for its figures, a chart of each of its circuits and
        each location's breakdown, or a circuit for its own.
      </p>
      <p class="meta">
        {plural(metadata.rows.brands.length, "brand")} · {plural(metadata.rows.organizations.length, "organisation")} ·{" "}
        {plural(metadata.rows.circuits.length, "circuit")}. Insights data version {versions.readings} (metadata version {versions.metadata}
        ).
      </p>
      {trees.length === 0 ? (
        <EmptyState title="No insights metadata yet.">
          <p>
            Brands, organisations, locations, sensors and circuits arrive with <code>POST /v1/insights/metadata</code>, readings with{" "}
            <code>POST /v1/insights/readings</code>; see the <a href="/docs#/insights">insights API</a>.
          </p>
        </EmptyState>
      ) : (
        trees.map((tree) => (
          <section class="panel insights-brand" aria-labelledby={`brand-${tree.brand.id}`} data-brand={tree.brand.id}>
            <h2 id={`brand-${tree.brand.id}`}>{tree.brand.name}</h2>
            {tree.organizations.length === 0 ? (
              <p class="meta">No organisations yet.</p>
            ) : (
              <ul class="tree-organizations">
                {tree.organizations.map((organization) => (
                  <OrganizationBranch tree={tree} organization={organization} />
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </Layout>
  );
}
