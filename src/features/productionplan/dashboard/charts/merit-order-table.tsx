import { formatMw, formatPrice } from "./plan-chart-format";
import type { PlantFigures } from "./plant-figures";

const availableText = (plant: PlantFigures) =>
  plant.available === null ? "cannot run" : `${formatMw(plant.available.min)}–${formatMw(plant.available.max)}`;

function dispatchedText(plant: PlantFigures): string {
  if (plant.p === null) return "—";
  return `${formatMw(plant.p)}${plant.marginal ? " (marginal)" : ""}`;
}

/** The merit-order chart's figures as a table, folded away so it does not push the next chart down. */
export function MeritOrderTable({ figures, hasPlan }: { figures: PlantFigures[]; hasPlan: boolean }) {
  return (
    <details class="figures-text pp-figures">
      <summary>Merit order as a table</summary>
      <div class="table-wrap">
        <table class="pp-table">
          <caption>
            Every plant in merit order, cheapest first{hasPlan ? ", with what the plan dispatches" : "; no plan at this load"}.
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                #
              </th>
              <th scope="col">Plant</th>
              <th scope="col" class="num">
                €/MWh
              </th>
              <th scope="col" class="num">
                Available MW
              </th>
              <th scope="col" class="num">
                Dispatched MW
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.map((plant) => (
              <tr data-plant={plant.name}>
                <td class="num">{plant.order}</td>
                <th scope="row">{plant.name}</th>
                <td class="num">{formatPrice(plant.costPerMwh)}</td>
                <td class="num">{availableText(plant)}</td>
                <td class="num">{dispatchedText(plant)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
