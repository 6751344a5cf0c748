/** The provider's 200 body for a delivery hour. */
export interface ReferencePriceBody {
  delivery_day: string;
  delivery_hour: string;
  last_update: string;
  unit: "euro/mwh";
  value: number;
}

/**
 * Ways a 200 answer can still be unusable. Every one fails a client that
 * parses JSON strictly and checks the answer is for the hour it asked about;
 * "other_hour" is the subtle one, a well-formed price for a different hour.
 */
export const GARBAGE_DEFECTS = ["truncated_json", "html", "empty", "value_as_string", "value_missing", "value_null", "other_hour"] as const;
export type GarbageDefect = (typeof GARBAGE_DEFECTS)[number];

export interface GarbageResponse {
  defect: GarbageDefect;
  contentType: string;
  body: string;
}

export function garbageResponse(random: () => number, good: ReferencePriceBody): GarbageResponse {
  const defect = GARBAGE_DEFECTS[Math.floor(random() * GARBAGE_DEFECTS.length)] ?? "empty";
  const json = (body: object): GarbageResponse => ({ defect, contentType: "application/json", body: JSON.stringify(body) });
  switch (defect) {
    case "truncated_json": {
      const text = JSON.stringify(good);
      return { defect, contentType: "application/json", body: text.slice(0, 1 + Math.floor(random() * (text.length - 1))) };
    }
    case "html":
      return { defect, contentType: "text/html", body: "<html><body><h1>502 Bad Gateway</h1></body></html>" };
    case "empty":
      return { defect, contentType: "application/json", body: "" };
    case "value_as_string":
      return json({ ...good, value: `${good.value} EUR` });
    case "value_missing": {
      const { value: _value, ...rest } = good;
      return json(rest);
    }
    case "value_null":
      return json({ ...good, value: null });
    case "other_hour": {
      const hour = (Number(good.delivery_hour.slice(0, 2)) + 1) % 24;
      return json({ ...good, delivery_hour: `${String(hour).padStart(2, "0")}-${String(hour + 1).padStart(2, "0")}` });
    }
  }
}
