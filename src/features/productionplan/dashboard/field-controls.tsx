import { controlId, type ErrorsByField, errorSlotId } from "./workbench-fields";

/** The form's shared pieces: a number box and the error slot every control is tied to by its JSON pointer. */

export const NO_ERRORS: ErrorsByField = new Map();

/** The attributes that tie a control to its error, when it has one. */
export function invalidAttributes(key: string, errors: ErrorsByField) {
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
export function NumberInput({
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
