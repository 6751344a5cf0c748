import type { PlantFigures } from "./plant-figures";

/** One plant's bar, as fractions of the widest plant's available maximum (every bar on one scale). */
export interface OutputBar {
  plant: PlantFigures;
  /** The track: the plant's available maximum; 0 when it cannot run. */
  track: number;
  /** The fill: what the plan dispatches; null without a plan. */
  fill: number | null;
  /** Where the plant's minimum is, when it has one. */
  minMark: number | null;
}

/**
 * One scale for every bar, so a 16 MW turbojet looks small beside a 460 MW gas plant and the bars compare as MW; how
 * full each one is reads from the figures beside it.
 */
export function outputBars(figures: PlantFigures[]): { bars: OutputBar[]; widest: number } {
  const widest = Math.max(0, ...figures.map((plant) => plant.available?.max ?? 0));
  const share = (mw: number) => (widest > 0 ? Math.min(Math.max(mw, 0), widest) / widest : 0);
  const bars = figures.map((plant): OutputBar => {
    const available = plant.available;
    if (available === null) return { plant, track: 0, fill: plant.p === null ? null : 0, minMark: null };
    return {
      plant,
      track: share(available.max),
      fill: plant.p === null ? null : share(Math.min(plant.p, available.max)),
      minMark: available.min > 0 ? share(available.min) : null,
    };
  });
  return { bars, widest };
}
