import { formatCount } from "../../../web/format";
import type { OrganizationUsage } from "../usage-answers";
import type { GroupFigures } from "../usage-figures";
import { formatCoverage, formatEnergy, formatKilowattHours, formatWatts } from "./power-format";
import type { Zone } from "./zoned-time";

type LocationUsage = OrganizationUsage["locations"][number];

export const locationAnchor = (locationId: string) => `location-${locationId}`;

/** A number the API gave, exactly, in a `<data>` element; "no readings" for null. */
function Exact({ value, shown }: { value: number | null; shown?: string }) {
  return value === null ? <span>no readings</span> : <data value={String(value)}>{shown ?? formatWatts(value)}</data>;
}

/** A location's own figures on one line. */
function LocationFigures({ usage }: { usage: GroupFigures }) {
  return (
    <dl class="inline-figures">
      <div>
        <dt>Average power</dt>
        <dd data-figure="avg_watts">
          <Exact value={usage.sample_count > 0 ? usage.avg_watts : null} /> W
        </dd>
      </div>
      <div>
        <dt>Per circuit</dt>
        <dd data-figure="avg_watts_per_circuit">
          <Exact value={usage.sample_count > 0 ? usage.avg_watts_per_circuit : null} /> W
        </dd>
      </div>
      <div>
        <dt>Energy</dt>
        <dd data-figure="energy_wh">
          <Exact value={usage.energy_wh} shown={formatEnergy(usage.energy_wh)} />
        </dd>
      </div>
      <div>
        <dt>Sum of readings</dt>
        <dd data-figure="total_watts">
          <Exact value={usage.total_watts} /> W
        </dd>
      </div>
      <div>
        <dt>Coverage</dt>
        <dd data-figure="coverage">
          <Exact value={usage.coverage} shown={formatCoverage(usage.coverage)} /> ({formatCount(usage.sample_count)} of{" "}
          {formatCount(usage.expected_samples)} readings)
        </dd>
      </div>
    </dl>
  );
}

/** The organisation's locations, each with its figures and its circuits' figures: the API's `locations`. */
export function LocationBreakdown({
  locations,
  zone,
  circuitHref,
}: {
  locations: LocationUsage[];
  zone: Zone;
  /** A circuit's page, in the same view (window, zone, resolution). */
  circuitHref: (circuitId: string) => string;
}) {
  return (
    <section aria-labelledby="locations-heading">
      <h2 id="locations-heading">By location</h2>
      {locations.map(({ location, usage, circuits }) => (
        <section id={locationAnchor(location.id)} class="panel insights-location" aria-labelledby={`${locationAnchor(location.id)}-name`}>
          <h3 id={`${locationAnchor(location.id)}-name`}>{location.name}</h3>
          <LocationFigures usage={usage} />
          {circuits.length === 0 ? (
            <p class="meta">No circuits at this location.</p>
          ) : (
            <section class="table-wrap" aria-label={`Circuits of ${location.name}`} tabindex={0}>
              <table data-location={location.id}>
                <caption>
                  Circuits of {location.name}; power in watts, times in {zone.isUtc ? "UTC" : zone.name}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Circuit</th>
                    <th scope="col" class="num">
                      Average (W)
                    </th>
                    <th scope="col" class="num">
                      Peak (W)
                    </th>
                    <th scope="col" class="num">
                      Energy (kWh)
                    </th>
                    <th scope="col" class="num">
                      Coverage
                    </th>
                    <th scope="col">Peak at</th>
                    <th scope="col">Sensor</th>
                  </tr>
                </thead>
                <tbody>
                  {circuits.map(({ circuit, sensor, usage: figures }) => (
                    <tr data-circuit={circuit.id}>
                      <td>
                        <a href={circuitHref(circuit.id)}>{circuit.name}</a>
                      </td>
                      <td class="num" data-figure="avg_watts">
                        <Exact value={figures.avg_watts} />
                      </td>
                      <td class="num" data-figure="max_watts">
                        <Exact value={figures.max_watts} />
                      </td>
                      <td class="num" data-figure="energy_wh">
                        <Exact value={figures.energy_wh} shown={formatKilowattHours(figures.energy_wh)} />
                      </td>
                      <td class="num" data-figure="coverage">
                        <Exact value={figures.coverage} shown={formatCoverage(figures.coverage)} />
                      </td>
                      <td>
                        {figures.max_at ? <time datetime={figures.max_at}>{zone.displayText(Date.parse(figures.max_at))}</time> : "—"}
                      </td>
                      <td>
                        {sensor.name} <span class="meta">({sensor.duid})</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </section>
      ))}
    </section>
  );
}
