// The workbench form as text fields: read as the URL query it submits, written from any payload (the fields keep an
// invalid value as it is), the rows of plants re-rendered by the same component the server renders them with, and
// each fuel's slider kept equal to its number field.
import { PlantRows } from "./plants-table";
import { controlId, FUEL_ORDER, fieldsOfQuery, type WorkbenchFields } from "./workbench-fields";

export class WorkbenchForm {
  readonly rows: HTMLTableSectionElement;

  constructor(readonly form: HTMLFormElement) {
    const rows = form.querySelector<HTMLTableSectionElement>("[data-plant-rows]");
    if (!rows) throw new Error("the workbench form has no plant rows");
    this.rows = rows;
  }

  /** Shows the sliders: they only work with this script. */
  enhance(): void {
    for (const slider of this.form.querySelectorAll<HTMLInputElement>("[data-slider-for]")) slider.hidden = false;
  }

  /** The query the form submits (unnamed sliders and unclicked buttons are not in it). */
  query(): URLSearchParams {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(this.form)) if (typeof value === "string") query.append(name, value);
    return query;
  }

  fields(): WorkbenchFields {
    return fieldsOfQuery(this.query());
  }

  show(fields: WorkbenchFields): void {
    this.setText("load", fields.load);
    for (const fuel of FUEL_ORDER) {
      this.setText(`fuel-${fuel}`, fields.fuels[fuel]);
      this.syncSlider(controlId(`fuel-${fuel}`));
    }
    this.check("co2_cost", fields.co2Cost);
    this.check("wind_mode", fields.windMode);
    this.rows.innerHTML = String(PlantRows({ plants: fields.plants }));
  }

  setLoad(load: string): void {
    this.setText("load", load);
  }

  control(key: string): HTMLElement | null {
    return this.form.ownerDocument.getElementById(controlId(key));
  }

  /** After a slider moved: its number field takes its value. */
  sliderMoved(slider: HTMLInputElement): void {
    const field = this.form.ownerDocument.getElementById(slider.dataset.sliderFor ?? "");
    if (field instanceof HTMLInputElement) field.value = slider.value;
  }

  /** After a number field changed: its slider follows when the text is a number. */
  syncSlider(fieldId: string): void {
    const slider = this.form.querySelector<HTMLInputElement>(`[data-slider-for="${fieldId}"]`);
    const field = this.form.ownerDocument.getElementById(fieldId);
    if (!slider || !(field instanceof HTMLInputElement)) return;
    const value = Number(field.value);
    if (field.value.trim() !== "" && Number.isFinite(value)) slider.value = String(value);
  }

  private setText(key: string, value: string): void {
    const input = this.control(key);
    if (input instanceof HTMLInputElement && input.value !== value) input.value = value;
  }

  private check(name: string, value: string): void {
    for (const radio of this.form.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`)) {
      radio.checked = radio.value === value;
    }
  }
}
