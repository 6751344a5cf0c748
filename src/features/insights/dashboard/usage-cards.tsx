import type { Child } from "hono/jsx";
import { formatCount } from "../../../web/format";
import type { GroupFigures, UsageFigures } from "../usage-figures";
import { formatCoverage, formatEnergy, formatPower, formatWatts } from "./power-format";
import type { Zone } from "./zoned-time";

/** One figure: its name, what a person reads, and the API's exact value (a `<data>` element) for machines and tests. */
function Figure({
  name,
  field,
  value,
  shown,
  children,
}: {
  name: string;
  field: string;
  value: number | null;
  shown: string;
  children?: Child;
}) {
  return (
    <div class="figure">
      <dt>{name}</dt>
      <dd data-figure={field}>
        {value === null ? <span>— (no readings)</span> : <data value={String(value)}>{shown}</data>}
        {children && <span class="figure-sub">{children}</span>}
      </dd>
    </div>
  );
}

/** When a peak was, in the page's zone; `datetime` holds the API's instant. */
function PeakTime({ at, zone }: { at: string; zone: Zone }) {
  return (
    <>
      at <time datetime={at}>{zone.displayText(Date.parse(at))}</time>
    </>
  );
}

/** The highest reading of a group: the circuit it came from and when. */
export interface GroupPeak {
  watts: number;
  at: string;
  circuit: string;
}

/** The cards a circuit and a group share: energy, the sum of readings and coverage. */
function VolumeCards({ usage }: { usage: UsageFigures | GroupFigures }) {
  return (
    <>
      <Figure name="Energy" field="energy_wh" value={usage.energy_wh} shown={formatEnergy(usage.energy_wh)}>
        {formatWatts(usage.energy_wh)} Wh, Σ power × sample interval
      </Figure>
      <Figure name="Sum of readings" field="total_watts" value={usage.total_watts} shown={formatPower(usage.total_watts)}>
        {formatWatts(usage.total_watts)} W (the origin's "total watts")
      </Figure>
      <Figure name="Coverage" field="coverage" value={usage.coverage} shown={formatCoverage(usage.coverage)}>
        <data value={String(usage.sample_count)}>{formatCount(usage.sample_count)}</data> of{" "}
        <data value={String(usage.expected_samples)}>{formatCount(usage.expected_samples)}</data> expected readings
      </Figure>
    </>
  );
}

/** The cards of one circuit: /v1/circuits/{id}/usage's `usage`, with units. */
export function CircuitCards({ usage, zone }: { usage: UsageFigures; zone: Zone }) {
  return (
    <dl class="figures" aria-label="Figures of the window">
      <Figure name="Average power" field="avg_watts" value={usage.avg_watts} shown={formatPower(usage.avg_watts ?? 0)}>
        {usage.avg_watts !== null && `${formatWatts(usage.avg_watts)} W, the mean reading`}
      </Figure>
      <Figure name="Peak" field="max_watts" value={usage.max_watts} shown={formatPower(usage.max_watts ?? 0)}>
        {usage.max_at && <PeakTime at={usage.max_at} zone={zone} />}
      </Figure>
      <VolumeCards usage={usage} />
    </dl>
  );
}

/** The cards of an organisation or location: /v1/organizations/{id}/usage's `usage`, and the highest circuit reading. */
export function GroupCards({ usage, peak, zone }: { usage: GroupFigures; peak: GroupPeak | undefined; zone: Zone }) {
  return (
    <dl class="figures" aria-label="Figures of the window">
      <Figure
        name="Average power"
        field="avg_watts"
        value={usage.sample_count > 0 ? usage.avg_watts : null}
        shown={formatPower(usage.avg_watts)}
      >
        {formatWatts(usage.avg_watts)} W, the circuits' averages summed
      </Figure>
      <Figure
        name="Average per circuit"
        field="avg_watts_per_circuit"
        value={usage.sample_count > 0 ? usage.avg_watts_per_circuit : null}
        shown={formatPower(usage.avg_watts_per_circuit ?? 0)}
      >
        over <data value={String(usage.circuit_count)}>{formatCount(usage.circuit_count)}</data> circuits
      </Figure>
      <Figure name="Peak (one circuit)" field="max_watts" value={peak?.watts ?? null} shown={formatPower(peak?.watts ?? 0)}>
        {peak && (
          <>
            {peak.circuit}, <PeakTime at={peak.at} zone={zone} />
          </>
        )}
      </Figure>
      <VolumeCards usage={usage} />
    </dl>
  );
}
