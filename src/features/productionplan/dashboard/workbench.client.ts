// The workbench, live: every edit of the form or the JSON view recomputes the plan through POST /v1/productionplan
// (sliders, choices and buttons at once, typing after a short pause) and re-renders the plan and charts in place with
// the server's own components; the address follows, so it can be shared. Without this module the page is a GET form
// whose every submit is the server-rendered plan of the new address.
import { payloadFromQuery } from "./workbench-address";
import { withPlantAdded, withPlantRemoved } from "./workbench-edits";
import { showFieldErrors } from "./workbench-field-errors.browser";
import { fieldsOfPayload, fieldsOfQuery, WORKBENCH_PATH } from "./workbench-fields";
import { WorkbenchForm } from "./workbench-form.browser";
import { type JsonEdit, JsonView } from "./workbench-json-view.browser";
import { presetMarker } from "./workbench-preset-links.browser";
import { WorkbenchView } from "./workbench-render.browser";
import { PlanRequests, type WorkbenchState } from "./workbench-requests.browser";
import { addressKeeper } from "./workbench-url.browser";

/** A pause in typing this long sends the value: short enough to feel live, long enough not to plan "4" of "460". */
const TYPING_MS = 150;
/** JSON is mostly invalid while typed: wait for a longer pause before saying where. */
const JSON_TYPING_MS = 400;

const isPlainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

function start(formElement: HTMLFormElement, jsonText: HTMLTextAreaElement, jsonError: HTMLElement): void {
  const form = new WorkbenchForm(formElement);
  const json = new JsonView(jsonText, jsonError);
  const view = new WorkbenchView();
  const markPreset = presetMarker(document);
  const keepAddress = addressKeeper(WORKBENCH_PATH);
  const requests = new PlanRequests((answer) => showFieldErrors(formElement, view.show(answer)));
  let typing: ReturnType<typeof setTimeout> | undefined;

  const changed = () => performance.mark("workbench-change");
  const later = (run: () => void, ms: number) => {
    clearTimeout(typing);
    typing = setTimeout(run, ms);
  };

  function submit(state: WorkbenchState): void {
    view.updating();
    requests.submit(state);
    keepAddress(state.query);
    markPreset(state.query);
  }

  function fromForm(): void {
    clearTimeout(typing);
    const query = form.query();
    const payload = payloadFromQuery(query);
    json.show(payload);
    submit({ payload, query });
  }

  function fromJson(how: JsonEdit): void {
    clearTimeout(typing);
    const parsed = json.read();
    if (!parsed.ok) {
      requests.cancel();
      json.showSyntaxError(parsed.error, how !== "typing");
      view.notJson(`line ${parsed.error.line}, column ${parsed.error.column}`);
      return;
    }
    json.showSyntaxError(null, false);
    form.show(fieldsOfPayload(parsed.value));
    submit({ payload: parsed.value, query: form.query() });
  }

  formElement.addEventListener("input", (event) => {
    changed();
    const target = event.target;
    if (target instanceof HTMLInputElement && target.dataset.sliderFor) {
      form.sliderMoved(target);
      fromForm();
    } else if (target instanceof HTMLInputElement && target.type === "text") {
      form.syncSlider(target.id);
      view.updating();
      later(fromForm, TYPING_MS);
    } else {
      fromForm();
    }
  });

  // Enter in a field, "Plan it", and the add and remove buttons: edited in place instead of a new page.
  formElement.addEventListener("submit", (event) => {
    event.preventDefault();
    changed();
    const button = event.submitter instanceof HTMLButtonElement ? event.submitter : null;
    if (button?.dataset.addPlant !== undefined) {
      const fields = withPlantAdded(form.fields());
      form.show(fields);
      fromForm();
      form.control(`plant-${fields.plants.length - 1}-name`)?.focus();
    } else if (button?.dataset.removePlant !== undefined) {
      const index = Number(button.dataset.removePlant);
      const fields = withPlantRemoved(form.fields(), index);
      form.show(fields);
      fromForm();
      // The focus stays where the row was: on the next plant's button, or after the last plant on "Add a plant".
      const next = formElement.querySelector<HTMLElement>(`[data-remove-plant="${index}"]`);
      (next ?? formElement.querySelector<HTMLElement>("[data-add-plant]"))?.focus();
    } else {
      fromForm();
    }
  });

  json.enhance(
    (how) => {
      changed();
      if (how === "typing") later(() => fromJson("typing"), JSON_TYPING_MS);
      else fromJson(how);
    },
    document.querySelector<HTMLInputElement>(`#${jsonText.id}-file`),
  );

  // A nearest feasible load sets the load in place; an example fleet replaces the payload in place.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[data-set-load], a[data-preset]") : null;
    if (!link || event.defaultPrevented || !isPlainClick(event)) return;
    event.preventDefault();
    changed();
    if (link.dataset.setLoad !== undefined) {
      form.setLoad(link.dataset.setLoad);
      fromForm();
      form.control("load")?.focus();
    } else {
      form.show(fieldsOfQuery(new URL(link.href).searchParams));
      fromForm();
    }
  });

  form.enhance();
  requests.prime(payloadFromQuery(form.query()));
}

const formElement = document.getElementById("workbench-form");
const jsonText = document.getElementById("wb-json");
const jsonError = document.getElementById("wb-json-error");
if (formElement instanceof HTMLFormElement && jsonText instanceof HTMLTextAreaElement && jsonError) start(formElement, jsonText, jsonError);
