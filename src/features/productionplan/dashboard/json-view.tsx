/**
 * The payload as JSON, beside the form: the same state, for pasting a payload from elsewhere or copying this one out.
 * Editing it needs the page's script (a GET form cannot carry it), so without one it is read-only and says so.
 */

export const JSON_VIEW_ID = "wb-json";

/** Read-only and without its file picker until the page's script makes it editable. */
export function JsonView({ json }: { json: string }) {
  return (
    <section class="wb-json" aria-labelledby="wb-json-heading">
      <h2 id="wb-json-heading">The payload as JSON</h2>
      <p class="meta" id="wb-json-hint">
        The body of <code>POST /v1/productionplan</code>. Edit or paste here and the form follows; edit the form and this follows.
      </p>
      <noscript>
        <p class="meta">Without JavaScript this view is read-only: change the payload in the form and press “Plan it”.</p>
      </noscript>
      <label for={JSON_VIEW_ID}>Payload JSON</label>
      <textarea
        id={JSON_VIEW_ID}
        class="wb-json-text"
        rows={16}
        spellcheck={false}
        autocomplete="off"
        autocapitalize="off"
        readonly
        aria-describedby={`wb-json-hint ${JSON_VIEW_ID}-error`}
      >
        {json}
      </textarea>
      <div id={`${JSON_VIEW_ID}-error`} class="wb-field-error wb-json-error" data-json-error />
      <div class="wb-json-file" hidden data-needs-script>
        <label for={`${JSON_VIEW_ID}-file`}>Open a JSON file</label>
        <input id={`${JSON_VIEW_ID}-file`} type="file" accept=".json,application/json" />
      </div>
    </section>
  );
}
