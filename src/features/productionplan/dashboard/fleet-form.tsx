import { ErrorSlot, invalidAttributes, NumberInput } from "./field-controls";
import { PlantsTable } from "./plants-table";
import { FUEL_PARAMETERS, type FuelParameter } from "./workbench-address";
import { controlId, type ErrorsByField, FUEL_ORDER, WORKBENCH_PATH, type WorkbenchFields } from "./workbench-fields";

/**
 * The payload as a GET form whose field names are the workbench's URL parameters: submitting it is the address of
 * its plan, so it works without JavaScript (the add and remove buttons are submit buttons the server answers with a
 * redirect). Every control has a label and an error slot named after the JSON pointer the API would name it by.
 */

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
