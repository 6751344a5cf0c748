import type { Child } from "hono/jsx";
import { FUEL_PARAMETERS, type FuelParameter } from "./workbench-address";
import {
  controlId,
  type ErrorsByField,
  errorSlotId,
  FUEL_ORDER,
  type PlantFields,
  WORKBENCH_PATH,
  type WorkbenchFields,
} from "./workbench-fields";

/**
 * The payload as a GET form whose field names are the workbench's URL parameters: submitting it is the address of
 * its plan, so it works without JavaScript (the add and remove buttons are submit buttons the server answers with a
 * redirect). Every control has a label and an error slot named after the JSON pointer the API would name it by.
 */

const NO_ERRORS: ErrorsByField = new Map();

/** The attributes that tie a control to its error, when it has one. */
function invalidAttributes(key: string, errors: ErrorsByField) {
  return errors.has(key) ? { "aria-invalid": "true", "aria-describedby": errorSlotId(key) } : {};
}

export function ErrorSlot({ fieldKey, errors }: { fieldKey: string; errors: ErrorsByField }) {
  return (
    <span id={errorSlotId(fieldKey)} class="wb-field-error" data-error-slot={fieldKey}>
      {errors.get(fieldKey)?.join("; ")}
    </span>
  );
}

/** A number as text: `inputmode` brings up a keypad on a phone, and a value that is not a number stays as typed. */
function NumberInput({
  fieldKey,
  name,
  value,
  errors,
  size,
}: {
  fieldKey: string;
  name: string;
  value: string;
  errors: ErrorsByField;
  size: number;
}) {
  return (
    <input
      id={controlId(fieldKey)}
      name={name}
      type="text"
      inputmode="decimal"
      autocomplete="off"
      spellcheck={false}
      size={size}
      value={value}
      {...invalidAttributes(fieldKey, errors)}
    />
  );
}

/** Slider ranges: beyond them the number field still takes any value the API accepts (the slider stays at its end). */
const SLIDERS: Record<FuelParameter, { label: string; unit: string; max: number; step: number }> = {
  gas: { label: "Gas price", unit: "€/MWh", max: 150, step: 0.1 },
  kerosine: { label: "Kerosine price", unit: "€/MWh", max: 150, step: 0.1 },
  co2: { label: "CO2 price", unit: "€/ton", max: 150, step: 0.1 },
  wind: { label: "Wind", unit: "% of pmax", max: 100, step: 1 },
};

function FuelField({ fuel, value, errors }: { fuel: FuelParameter; value: string; errors: ErrorsByField }) {
  const key = `fuel-${fuel}`;
  const { label, unit, max, step } = SLIDERS[fuel];
  const number = Number(value);
  return (
    <div class="wb-fuel" data-fuel={FUEL_PARAMETERS[fuel]}>
      <label id={`${controlId(key)}-label`} for={controlId(key)}>
        {label} <span class="unit">({unit})</span>
      </label>
      <input
        type="range"
        id={`${controlId(key)}-slider`}
        class="wb-slider"
        min="0"
        max={String(max)}
        step={String(step)}
        value={value.trim() !== "" && Number.isFinite(number) ? String(number) : "0"}
        aria-labelledby={`${controlId(key)}-label`}
        data-slider-for={controlId(key)}
        hidden
      />
      <NumberInput fieldKey={key} name={fuel} value={value} errors={errors} size={7} />
      <ErrorSlot fieldKey={key} errors={errors} />
    </div>
  );
}

function Choices({
  fieldKey,
  legend,
  value,
  choices,
  errors,
}: {
  fieldKey: string;
  legend: string;
  value: string;
  choices: Array<{ value: string; label: string; hint: string }>;
  errors: ErrorsByField;
}) {
  return (
    <fieldset id={controlId(fieldKey)} class="wb-choices" {...invalidAttributes(fieldKey, errors)}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label class="wb-choice">
          <input type="radio" name={fieldKey} value={choice.value} checked={choice.value === value} />
          <span>
            {choice.label} <span class="wb-choice-hint">{choice.hint}</span>
          </span>
        </label>
      ))}
      <ErrorSlot fieldKey={fieldKey} errors={errors} />
    </fieldset>
  );
}

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

function PlantsTable({ plants, errors }: { plants: PlantFields[]; errors: ErrorsByField }) {
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
export function FleetForm({ fields, errors }: { fields: WorkbenchFields; errors: ErrorsByField }) {
  return (
    <form id="workbench-form" class="wb-form" method="get" action={WORKBENCH_PATH} aria-labelledby="wb-in-heading">
      <div class="wb-load">
        <div class="wb-field">
          <label for={controlId("load")}>
            Load <span class="unit">(MWh, a multiple of 0.1)</span>
          </label>
          <NumberInput fieldKey="load" name="load" value={fields.load} errors={errors} size={9} />
          <ErrorSlot fieldKey="load" errors={errors} />
        </div>
        {/* First submit button in the form, so Enter in any field plans rather than removing a plant. */}
        <button type="submit">Plan it</button>
      </div>
      <fieldset class="wb-fuels">
        <legend>Fuel prices and wind</legend>
        {FUEL_ORDER.map((fuel) => (
          <FuelField fuel={fuel} value={fields.fuels[fuel]} errors={errors} />
        ))}
      </fieldset>
      <div class="wb-options">
        <Choices
          fieldKey="co2_cost"
          legend="CO2 of gas-fired plants"
          value={fields.co2Cost}
          errors={errors}
          choices={[
            { value: "counted", label: "Counted", hint: "(0.3 t/MWh at the CO2 price)" },
            { value: "ignored", label: "Ignored", hint: "(fuel only)" },
          ]}
        />
        <Choices
          fieldKey="wind_mode"
          legend="Wind turbines"
          value={fields.windMode}
          errors={errors}
          choices={[
            { value: "binary", label: "Binary", hint: "(all the wind allows, or off)" },
            { value: "curtailable", label: "Curtailable", hint: "(anything up to it)" },
          ]}
        />
      </div>
      <PlantsTable plants={fields.plants} errors={errors} />
    </form>
  );
}
