import { describe, expect, it } from "vitest";
import { payloadFromQuery } from "./workbench-address";
import { withPlantAdded, withPlantRemoved } from "./workbench-edits";
import { curveStepFor, fieldKeyOf, fieldsOfPayload, fieldsOfQuery, queryOfFields } from "./workbench-fields";
import { formatPayloadJson, parseJson } from "./workbench-json";

const payload = {
  load: 480.5,
  fuels: { "gas(euro/MWh)": 13.4, "kerosine(euro/MWh)": 50.8, "co2(euro/ton)": 20, "wind(%)": 60 },
  powerplants: [
    { name: "gas & <co>", type: "gasfired", efficiency: 0.53, pmin: 100, pmax: 460 },
    { name: "wind", type: "windturbine", efficiency: 1, pmin: 0, pmax: 150 },
  ],
  options: { co2: false, wind: "curtailable" },
};

describe("workbench fields", () => {
  it("reads a payload into the form's text and back through the URL query unchanged", () => {
    const query = queryOfFields(fieldsOfPayload(payload));
    expect(payloadFromQuery(query)).toEqual(payload);
    expect(fieldsOfQuery(query)).toEqual(fieldsOfPayload(payload));
  });

  it("keeps what is not valid as text, so the form shows it as it came", () => {
    const fields = fieldsOfPayload({ load: "lots", fuels: null, powerplants: [7, { name: 3, pmin: [1] }], options: { co2: "maybe" } });
    expect(fields.load).toBe("lots");
    expect(fields.fuels.gas).toBe("");
    expect(fields.co2Cost).toBe("maybe");
    expect(fields.windMode).toBe("binary");
    expect(fields.plants).toEqual([
      { name: "", type: "", efficiency: "", pmin: "", pmax: "" },
      { name: "3", type: "", efficiency: "", pmin: "[1]", pmax: "" },
    ]);
  });

  it("names the control of each pointer the API answers, and none for the rest", () => {
    expect(fieldKeyOf("/load")).toBe("load");
    expect(fieldKeyOf("/fuels/gas(euro~1MWh)")).toBe("fuel-gas");
    expect(fieldKeyOf("/fuels/wind(%)")).toBe("fuel-wind");
    expect(fieldKeyOf("/options/co2")).toBe("co2_cost");
    expect(fieldKeyOf("/options/wind")).toBe("wind_mode");
    expect(fieldKeyOf("/powerplants")).toBe("plants");
    expect(fieldKeyOf("/powerplants/12/pmin")).toBe("plant-12-pmin");
    for (const pointer of ["", "/fuels", "/powerplants/2", "/powerplants/x/pmin", "/powerplants/1/colour", "/step"]) {
      expect(fieldKeyOf(pointer), pointer).toBeUndefined();
    }
  });

  it("adds a plant under a free name and removes one by its row", () => {
    const fields = fieldsOfPayload({ ...payload, powerplants: [...payload.powerplants, { name: "plant3" }] });
    expect(withPlantAdded(fields).plants.at(-1)).toEqual({ name: "plant4", type: "gasfired", efficiency: "0.5", pmin: "0", pmax: "100" });
    expect(withPlantRemoved(fields, 0).plants.map((plant) => plant.name)).toEqual(["wind", "plant3"]);
  });

  it("asks for a coarser curve only for a fleet of more than 2,000 MW", () => {
    expect(curveStepFor(payload)).toBe(0.1);
    const big = { powerplants: Array.from({ length: 100 }, () => ({ pmax: 100 })) };
    expect(curveStepFor(big)).toBe(0.5);
    expect(curveStepFor({ powerplants: [{ pmax: 1e9 }] })).toBe(2);
    expect(curveStepFor("not a payload")).toBe(0.1);
  });
});

describe("workbench JSON", () => {
  it("formats a payload one plant a line, as JSON that parses back to it", () => {
    const text = formatPayloadJson(payload);
    expect(JSON.parse(text)).toEqual(payload);
    expect(text.split("\n")).toContain('    { "name": "wind", "type": "windturbine", "efficiency": 1, "pmin": 0, "pmax": 150 }');
  });

  it("places a syntax error at its line and column, and an unexpected end at the end of the text", () => {
    const text = '{\n  "load": 780\n  "fuels": {}\n}';
    const parsed = parseJson(text);
    expect(parsed).toMatchObject({ ok: false, error: { line: 3, column: 3, offset: text.indexOf('"fuels"') } });
    expect(parsed.ok || parsed.error.message).not.toMatch(/position/);
    expect(parseJson('{\n  "load": ')).toMatchObject({ ok: false, error: { line: 2, column: 11, offset: 12 } });
    expect(parseJson("[1, 2]")).toEqual({ ok: true, value: [1, 2] });
  });
});
