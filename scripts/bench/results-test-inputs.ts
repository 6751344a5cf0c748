/** The measurements and build input the results tests start from: a healthy /health and nothing else, unless overridden. */
import type { BuildInput, HttpMeasurement } from "./bench-results";

export function measurement(overrides: Partial<HttpMeasurement> = {}): HttpMeasurement {
  return { requestsAverage: 1000, latencyP50Ms: 9, latencyP99Ms: 20, responses: 10_000, non2xx: 0, errors: 0, timeouts: 0, ...overrides };
}

export function input(overrides: Partial<BuildInput> = {}): BuildInput {
  return {
    generatedAt: new Date("2026-01-02T03:04:05Z"),
    machine: { cpus: 2, cpu_model: "AMD EPYC", node: "v20.19.0", platform: "linux x64" },
    settings: { duration_s: 5, connections: 10 },
    health: { name: "health", service: "system", method: "GET", path: "/health", measurement: measurement() },
    http: [],
    micro: [],
    datasets: [],
    ...overrides,
  };
}

export const peaks = (m: HttpMeasurement, target = { minRatioToHealth: 0.5, maxP99Ms: 50, description: "cached top-N" }) => ({
  name: "peaks: top 10",
  service: "peaks",
  method: "GET",
  path: "/peaks?n=10",
  target,
  measurement: m,
});
