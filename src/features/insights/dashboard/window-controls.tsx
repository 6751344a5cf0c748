import type { Resolution } from "../insights.schemas";
import type { ChartPlan } from "./chart-plan";
import { PRESET_NAMES, PRESETS, RESOLUTION_NAMES } from "./chart-window";
import { type ViewState, viewHref } from "./insights-links";

export const RESOLUTION_WORDS: Record<Resolution, string> = {
  "1m": "1 minute",
  "15m": "15 minutes",
  "1h": "1 hour",
  "1d": "1 day",
};

/** Offered as a person types; any IANA name is accepted. */
const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Amsterdam",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Madrid",
  "Europe/Helsinki",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
];

function Hidden({ name, value }: { name: string; value: string | undefined }) {
  return value === undefined ? null : <input type="hidden" name={name} value={value} />;
}

/**
 * The view's controls, as links and GET forms so they work without JavaScript and the URL holds the whole view:
 * the presets; the zone, resolution and grouping (keeping the window); a custom window (keeping the rest).
 */
export function WindowControls({ path, state, plan, grouping }: { path: string; state: ViewState; plan: ChartPlan; grouping: boolean }) {
  const { zone, window } = plan;
  const precise = window.from % 60_000 !== 0 || window.to % 60_000 !== 0;
  return (
    <section class="panel insights-controls" aria-labelledby="window-heading">
      <h2 id="window-heading">Window</h2>
      <nav class="day-choice" aria-label="Window presets">
        <span class="day-choice-label" id="presets-label">
          Latest data
        </span>
        <ul class="day-links" aria-labelledby="presets-label">
          {PRESET_NAMES.map((preset) => (
            <li>
              <a
                href={viewHref(path, { ...state, preset, start: undefined, end: undefined })}
                aria-current={plan.preset === preset ? "page" : undefined}
              >
                {PRESETS[preset].label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form class="inline" method="get" action={path} aria-label="Time zone, resolution and series">
        <Hidden name="preset" value={state.start === undefined ? state.preset : undefined} />
        <Hidden name="start" value={state.start} />
        <Hidden name="end" value={state.end} />
        <label>
          Time zone (IANA name)
          <input name="tz" value={zone.name} list="insights-zones" autocomplete="off" spellcheck={false} size={18} />
        </label>
        <datalist id="insights-zones">
          {COMMON_ZONES.map((name) => (
            <option value={name} />
          ))}
        </datalist>
        <label>
          Resolution
          <select name="resolution">
            <option value="" selected={plan.automatic}>
              Automatic (now {RESOLUTION_WORDS[plan.resolution]})
            </option>
            {RESOLUTION_NAMES.map((resolution) => (
              <option value={resolution} selected={!plan.automatic && plan.resolution === resolution}>
                {RESOLUTION_WORDS[resolution]}
              </option>
            ))}
          </select>
        </label>
        {grouping && (
          <label>
            Series
            <select name="group">
              <option value="circuit" selected={state.group === undefined}>
                One per circuit
              </option>
              <option value="location" selected={state.group === "location"}>
                One per location
              </option>
            </select>
          </label>
        )}
        <button type="submit">Apply</button>
      </form>
      <form class="inline" method="get" action={path} aria-label="Custom window">
        <label>
          Start ({zone.name}, inclusive)
          <input name="start" type="datetime-local" value={zone.inputText(window.from)} step={precise ? 1 : 60} required />
        </label>
        <label>
          End ({zone.name}, exclusive)
          <input name="end" type="datetime-local" value={zone.inputText(window.to)} step={precise ? 1 : 60} required />
        </label>
        <Hidden name="tz" value={state.tz} />
        <Hidden name="resolution" value={state.resolution} />
        <Hidden name="group" value={state.group} />
        <button type="submit" class="button-quiet">
          Show this window
        </button>
      </form>
    </section>
  );
}
