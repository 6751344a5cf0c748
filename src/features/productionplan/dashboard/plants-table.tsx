import type { Child } from "hono/jsx";
import { ErrorSlot, invalidAttributes, NO_ERRORS, NumberInput } from "./field-controls";
import { controlId, type ErrorsByField, type PlantFields } from "./workbench-fields";

/** The fleet as table rows of inputs; the page's script renders PlantRows again when a plant is added or removed. */

const PLANT_TYPES = [
  { value: "gasfired", label: "Gas-fired" },
  { value: "turbojet", label: "Turbojet" },
  { value: "windturbine", label: "Wind" },
];

function PlantCell({
  index,
  field,
  label,
  errors,
  children,
}: {
  index: number;
  field: string;
  label: string;
  errors: ErrorsByField;
  children: Child;
}) {
  const key = `plant-${index}-${field}`;
  return (
    <td class={`wb-plant-${field}`}>
      <label class="visually-hidden" for={controlId(key)}>
        Plant {index + 1} {label}
      </label>
      {children}
      <ErrorSlot fieldKey={key} errors={errors} />
    </td>
  );
}

function PlantRow({ plant, index, errors }: { plant: PlantFields; index: number; errors: ErrorsByField }) {
  const key = (field: string) => `plant-${index}-${field}`;
  const known = PLANT_TYPES.some((type) => type.value === plant.type);
  return (
    <tr data-plant-row={String(index)}>
      <PlantCell index={index} field="name" label="name" errors={errors}>
        <input
          id={controlId(key("name"))}
          name="name"
          type="text"
          autocomplete="off"
          spellcheck={false}
          size={14}
          value={plant.name}
          {...invalidAttributes(key("name"), errors)}
        />
      </PlantCell>
      <PlantCell index={index} field="type" label="type" errors={errors}>
        <select id={controlId(key("type"))} name="type" {...invalidAttributes(key("type"), errors)}>
          {!known && (
            <option value={plant.type} selected>
              {plant.type === "" ? "(none)" : plant.type}
            </option>
          )}
          {PLANT_TYPES.map((type) => (
            <option value={type.value} selected={type.value === plant.type}>
              {type.label}
            </option>
          ))}
        </select>
      </PlantCell>
      <PlantCell index={index} field="efficiency" label="efficiency" errors={errors}>
        <NumberInput fieldKey={key("efficiency")} name="efficiency" value={plant.efficiency} errors={errors} size={5} />
      </PlantCell>
      <PlantCell index={index} field="pmin" label="pmin (MW)" errors={errors}>
        <NumberInput fieldKey={key("pmin")} name="pmin" value={plant.pmin} errors={errors} size={6} />
      </PlantCell>
      <PlantCell index={index} field="pmax" label="pmax (MW)" errors={errors}>
        <NumberInput fieldKey={key("pmax")} name="pmax" value={plant.pmax} errors={errors} size={6} />
      </PlantCell>
      <td>
        <button
          type="submit"
          name="remove"
          value={String(index)}
          class="button-quiet wb-remove"
          title={`Remove plant ${index + 1}`}
          data-remove-plant={String(index)}
        >
          <span aria-hidden="true">✕</span>
          <span class="visually-hidden">Remove plant {index + 1}</span>
        </button>
      </td>
    </tr>
  );
}

/** The plants' rows: the page's script re-renders them when the fleet changes shape (a plant added, a JSON pasted). */
export function PlantRows({ plants, errors = NO_ERRORS }: { plants: PlantFields[]; errors?: ErrorsByField }) {
  if (plants.length === 0) {
    return (
      <tr>
        <td colspan={6} class="wb-no-plants">
          No plants yet: add one.
        </td>
      </tr>
    );
  }
  return (
    <>
      {plants.map((plant, index) => (
        <PlantRow plant={plant} index={index} errors={errors} />
      ))}
    </>
  );
}

export function PlantsTable({ plants, errors }: { plants: PlantFields[]; errors: ErrorsByField }) {
  return (
    <section class="wb-plants" aria-labelledby="wb-plants-heading">
      <h3 id="wb-plants-heading">Plants</h3>
      <div class="table-wrap" id={controlId("plants")}>
        <table>
          <caption class="visually-hidden">The fleet: one row per plant, in payload order</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Efficiency</th>
              <th scope="col">pmin (MW)</th>
              <th scope="col">pmax (MW)</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody data-plant-rows>
            <PlantRows plants={plants} errors={errors} />
          </tbody>
        </table>
      </div>
      <ErrorSlot fieldKey="plants" errors={errors} />
      <button type="submit" name="add" value="plant" class="button-quiet wb-add" data-add-plant>
        Add a plant
      </button>
    </section>
  );
}

/** The sliders are hidden until the page's script shows them: without it, moving one would change nothing. */
