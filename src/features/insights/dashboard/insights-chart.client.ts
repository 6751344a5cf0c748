// Draws the insights page's time-series chart from the data island the server wrote (the page shows the same
// figures as a table without it). The marks let a benchmark time "drawn within 500 ms of the data arriving".
import { drawTimeSeries } from "../../../web/time-series-chart.browser";
import { CHART_DATA_ID, type ChartIsland } from "./chart-island";

const island = document.getElementById(CHART_DATA_ID);
const mount = document.getElementById("insights-chart");
if (island?.textContent && mount) {
  const data = JSON.parse(island.textContent) as ChartIsland;
  performance.mark("insights-chart-data");
  drawTimeSeries(mount, data, {
    xLabel: `Bucket start (${data.tz})`,
    yLabel: `Average power (${data.unit})`,
    description:
      `Line chart of average power in ${data.unit}, ${data.series.length} series over ${data.x.length} buckets; ` +
      "gaps are buckets without readings. The same figures are in the table below the chart.",
    onDrawn: () => {
      performance.mark("insights-chart-drawn");
      mount.dataset.chartDrawn = "true";
    },
  });
}
