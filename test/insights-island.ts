/**
 * The Insights chart's data island (`<script type="application/json" id="chart-data">`) as the worker and browser
 * tests read it: bucket starts and the last bucket's end in epoch seconds, the page's zone, and per series one average
 * in watts a bucket, null where it has no readings. The tests' own description, not the product's type.
 */
export interface Island {
  x: number[];
  end: number;
  tz: string;
  unit: string;
  series: Array<{ label: string; y: Array<number | null> }>;
}
