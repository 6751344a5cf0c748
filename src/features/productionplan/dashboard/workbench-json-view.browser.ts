// The JSON view as an editor of the payload: shows the form's payload, reads what a person types, pastes or opens
// from a file, and says where a syntax error is (line and column), putting the caret there when the text came in
// whole (a paste, a file) and offering to when it is being typed, so the caret never jumps under someone's fingers.
import { formatPayloadJson, type JsonSyntaxError, type ParsedJson, parseJson } from "./workbench-json";

export type JsonEdit = "typing" | "paste" | "file";

export class JsonView {
  private pasted = false;

  constructor(
    private readonly text: HTMLTextAreaElement,
    private readonly errorBox: HTMLElement,
  ) {}

  /** Makes the view editable and its file picker visible; calls back with each edit and how it came. */
  enhance(onEdit: (how: JsonEdit) => void, fileInput: HTMLInputElement | null): void {
    this.text.readOnly = false;
    for (const hidden of this.text.ownerDocument.querySelectorAll<HTMLElement>("[data-needs-script]")) hidden.hidden = false;
    this.text.addEventListener("paste", () => {
      this.pasted = true;
    });
    this.text.addEventListener("input", () => {
      const how = this.pasted ? "paste" : "typing";
      this.pasted = false;
      onEdit(how);
    });
    this.errorBox.addEventListener("click", (event) => {
      const go = (event.target as Element).closest("[data-go-to-error]");
      if (go) this.placeCaret(Number((go as HTMLElement).dataset.goToError));
    });
    fileInput?.addEventListener("change", async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      this.text.value = await file.text();
      fileInput.value = "";
      onEdit("file");
    });
  }

  /** The payload the form holds, formatted; replaces whatever the view held, syntax error included. */
  show(payload: unknown): void {
    this.text.value = formatPayloadJson(payload);
    this.showSyntaxError(null, false);
  }

  read(): ParsedJson {
    return parseJson(this.text.value);
  }

  showSyntaxError(error: JsonSyntaxError | null, placeCaret: boolean): void {
    this.errorBox.replaceChildren();
    if (!error) {
      this.text.removeAttribute("aria-invalid");
      return;
    }
    this.text.setAttribute("aria-invalid", "true");
    const where = `line ${error.line}, column ${error.column}`;
    const message = this.text.ownerDocument.createElement("span");
    message.textContent = `Not JSON at ${where}: ${error.message}. `;
    const go = this.text.ownerDocument.createElement("button");
    go.type = "button";
    go.className = "button-quiet wb-go-to-error";
    go.dataset.goToError = String(error.offset);
    go.textContent = `Go to ${where}`;
    this.errorBox.append(message, go);
    if (placeCaret) this.placeCaret(error.offset);
  }

  /** The caret at the offset, scrolled into view (a selection set before focusing is scrolled to on focus). */
  private placeCaret(offset: number): void {
    this.text.blur();
    this.text.setSelectionRange(offset, offset);
    this.text.focus();
  }
}
