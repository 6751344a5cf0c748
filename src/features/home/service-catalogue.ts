/** The five services as the landing page's cards and its JSON index both list them: one list, two renderings. */

export const PRODUCT_SUMMARY =
  "Energy Edge serves five energy-data services from one Cloudflare Worker: market peaks, circuit insights, " +
  "message credits, production plans and live trading reports. Each keeps its origin's contract and adds a " +
  "versioned /v1 API, all described in one OpenAPI document.";

export interface ServiceRoute {
  method: "GET" | "POST" | "PUT";
  path: string;
}

export interface Service {
  /** The service's OpenAPI tag: its section of /docs is `/docs#/<name>`. */
  name: "peaks" | "insights" | "credits" | "productionplan" | "trading";
  title: string;
  summary: string;
  dashboard?: { href: string; title: string };
  /** The routes a newcomer starts with; /docs lists the rest. */
  routes: ServiceRoute[];
}

const get = (path: string): ServiceRoute => ({ method: "GET", path });
const post = (path: string): ServiceRoute => ({ method: "POST", path });

export const SERVICES: Service[] = [
  {
    name: "peaks",
    title: "Peaks",
    summary: "The highest usage readings of each energy market, kept up to date at ingest.",
    dashboard: { href: "/dashboards/peaks", title: "Peak usage dashboard" },
    routes: [get("/peaks"), get("/v1/markets"), get("/v1/markets/{market}/peaks"), get("/v1/peaks"), post("/v1/markets/{market}/readings")],
  },
  {
    name: "insights",
    title: "Insights",
    summary: "Total, average and peak power of a circuit or a whole organisation over any time window.",
    dashboard: { href: "/dashboards/insights", title: "Insights dashboard" },
    routes: [
      get("/v1/circuits/{circuit_id}/usage"),
      get("/v1/organizations/{org_id}/usage"),
      get("/v1/locations/{location_id}/circuit-summary"),
      post("/v1/insights/readings"),
    ],
  },
  {
    name: "credits",
    title: "Credits",
    summary: "Credits used by each message of the billing period, with the rule behind every credit.",
    dashboard: { href: "/dashboards/credits", title: "Credit usage dashboard" },
    routes: [get("/usage"), get("/v1/usage"), get("/v1/messages/{id}"), post("/v1/credits/quote"), get("/v1/billing-periods/current")],
  },
  {
    name: "productionplan",
    title: "Production plan",
    summary: "The cheapest dispatch of a power-plant fleet that meets a load exactly, to 0.1 MW.",
    dashboard: { href: "/dashboards/productionplan", title: "Production-plan workbench" },
    routes: [post("/productionplan"), post("/v1/productionplan"), post("/v1/productionplan/curve"), get("/v1/productionplan/feed")],
  },
  {
    name: "trading",
    title: "Trading",
    summary: "Live per-trader volumes, prices and PnL from the exchange feed, against the market reference price.",
    dashboard: { href: "/dashboards/trading", title: "Trading desk dashboard" },
    routes: [get("/v1/trading/traders"), get("/v1/trading/traders/{trader_id}/report"), get("/v1/trading/deals"), get("/v1/trading/feed")],
  },
];

/** Where a service's operations are in the interactive docs (Swagger UI opens the tag's section). */
export const docsHref = (service: Pick<Service, "name">) => `/docs#/${service.name}`;

/** What `GET /` answers an API client: where everything is, so a client can start from the root. */
export function homeIndex() {
  return {
    name: "Energy Edge",
    description: PRODUCT_SUMMARY,
    links: { docs: "/docs", openapi: "/openapi.json", health: "/health" },
    services: SERVICES.map((service) => ({
      name: service.name,
      summary: service.summary,
      docs: docsHref(service),
      dashboard: service.dashboard?.href ?? null,
      routes: service.routes,
    })),
    dashboards: SERVICES.flatMap((service) => (service.dashboard ? [{ service: service.name, ...service.dashboard }] : [])),
  };
}
