import { seededRandom } from "../lib/random";

export interface SampleMessage {
  id: number;
  timestamp: string;
  text: string;
  report_id?: number;
}

export interface SampleReport {
  id: number;
  name: string;
  credit_cost: number;
}

/** The project's own reports (the origin's are in the fixture, not here). */
export const SAMPLE_REPORTS: SampleReport[] = [
  { id: 101, name: "Demand Charge Review", credit_cost: 35 },
  { id: 102, name: "Tariff Comparison Report", credit_cost: 48.5 },
  { id: 103, name: "Solar Feasibility Report", credit_cost: 72 },
  { id: 104, name: "Meter Data Audit", credit_cost: 26.25 },
];

/** Texts chosen so every pricing rule fires somewhere in the sample. */
const QUESTIONS = [
  "What was my peak demand last month?",
  "Why did the bill go up in July?",
  "Is the night tariff cheaper for my site?",
  "Show the consumption of meter 4471 for 2024.",
  "Which circuits draw power overnight?",
  "Can I shift the HVAC load to off-peak hours?",
  "What's the kWh price on the current contract?",
  "Explain the capacity charge and the transmission charge, and how each is calculated for a commercial site like ours.",
  "level",
  "Step on no pets",
  "A Toyota's a Toyota",
  "Was it a car or a cat I saw?",
  "peak peak peak",
  "Où est la consommation de la cuisine ?",
  "re-run the well-known year-on-year check",
  "??",
  "",
];

const REQUESTS = [
  { report_id: 101, text: "Prepare a Demand Charge Review for the warehouse." },
  { report_id: 102, text: "Generate a Tariff Comparison Report for all sites." },
  { report_id: 103, text: "Produce a Solar Feasibility Report for the roof." },
  { report_id: 104, text: "Run a Meter Data Audit." },
  // A report id the sample does not define: priced from its text, as the origin does when a report is unknown.
  { report_id: 199, text: "Create a Carbon Footprint Report." },
];

/**
 * Messages over the first 30 days of June 2024, at random times, a third of
 * them report requests. Deterministic: the same seed writes the same file.
 */
export function generateMessages(
  count: number,
  options: { seed: number; firstId: number; start: number; spanMs: number },
): SampleMessage[] {
  const random = seededRandom(options.seed);
  const times = Array.from({ length: count }, () => options.start + Math.floor(random() * options.spanMs)).sort((a, b) => a - b);
  return times.map((time, i) => {
    const base = { id: options.firstId + i, timestamp: new Date(time).toISOString() };
    if (random() < 0.33) {
      const request = REQUESTS[Math.floor(random() * REQUESTS.length)]!;
      return { ...base, text: request.text, report_id: request.report_id };
    }
    return { ...base, text: QUESTIONS[Math.floor(random() * QUESTIONS.length)]! };
  });
}

export const SAMPLE_PERIOD = { start: "2024-06-01T00:00:00Z", end: "2024-07-01T00:00:00Z" };

export function generateCreditsSample() {
  return {
    reports: SAMPLE_REPORTS,
    messages: generateMessages(400, { seed: 42, firstId: 20_000, start: Date.parse(SAMPLE_PERIOD.start), spanMs: 30 * 86_400_000 }),
    period: SAMPLE_PERIOD,
  };
}
