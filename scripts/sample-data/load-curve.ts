/**
 * Daily load shapes of a small food business's circuits, as a share of each
 * circuit's rated power by local hour (0–24, fractional). Shared by the
 * sample generator and the benchmark so both look like real metering.
 */
export type CircuitProfile = "ovens" | "refrigeration" | "lighting" | "hvac";

/** 0 before `on`, 1 after, with a linear ramp of `ramp` hours: equipment does not switch on in zero time. */
function ramp(hour: number, on: number, hours: number): number {
  return Math.min(1, Math.max(0, (hour - on) / hours));
}

/** 1 inside [on, off), ramping in and out. */
function open(hour: number, on: number, off: number, hours = 0.5): number {
  return Math.min(ramp(hour, on, hours), 1 - ramp(hour, off - hours, hours));
}

export function loadShare(profile: CircuitProfile, hour: number): number {
  switch (profile) {
    case "ovens":
      // Bake before opening, a smaller lunchtime batch.
      return 0.04 + 0.86 * open(hour, 4, 10) + 0.35 * open(hour, 11, 14);
    case "refrigeration":
      // Compressors run all day, a little harder in the afternoon heat.
      return 0.5 + 0.12 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
    case "lighting":
      return 0.08 + 0.8 * open(hour, 6, 22, 1);
    case "hvac":
      return 0.15 + 0.65 * open(hour, 7, 21, 1) * (0.6 + 0.4 * Math.sin(((hour - 9) / 24) * 2 * Math.PI));
  }
}

/** Whole watts around the profile's share of `ratedWatts`, with ±`jitter` noise, never negative. */
export function powerWatts(profile: CircuitProfile, hour: number, ratedWatts: number, random: () => number, jitter = 0.08): number {
  const share = loadShare(profile, hour) * (1 - jitter + 2 * jitter * random());
  return Math.max(0, Math.round(share * ratedWatts));
}
