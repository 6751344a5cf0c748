// The API's invalid fields shown at the controls their JSON pointers name: the message in the control's error slot,
// the control marked aria-invalid and described by it, as the server marks them when it renders the page.
import type { FieldError } from "../../../lib/problem";
import { controlId, errorSlotId, errorsByField } from "./workbench-fields";

/** Controls that take aria-invalid (a fieldset for a radio group); the plants table only gets a message. */
const MARKABLE = "input, select, textarea, fieldset";

export function showFieldErrors(form: HTMLFormElement, errors: readonly FieldError[]): void {
  for (const slot of form.querySelectorAll<HTMLElement>("[data-error-slot]")) if (slot.textContent !== "") slot.textContent = "";
  for (const marked of form.querySelectorAll<HTMLElement>("[aria-invalid]")) {
    marked.removeAttribute("aria-invalid");
    marked.removeAttribute("aria-describedby");
  }
  const document = form.ownerDocument;
  for (const [key, messages] of errorsByField(errors)) {
    const slot = document.getElementById(errorSlotId(key));
    if (slot) slot.textContent = messages.join("; ");
    const control = document.getElementById(controlId(key));
    if (slot && control?.matches(MARKABLE)) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", slot.id);
    }
  }
}
