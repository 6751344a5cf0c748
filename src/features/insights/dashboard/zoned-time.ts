import { DAY_MS, HOUR_MS, utcMs } from "../../../lib/instant";

/** A wall-clock time of some zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** IANA names only (Area/Location, UTC, Etc/GMT+5): `Intl` would also take "+01:00", which is an offset, not a zone. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** The zone's canonical name when `name` is an IANA time zone this runtime knows (ICU's tz database), else undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  if (!ZONE_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const mod = (n: number, d: number) => ((n % d) + d) % d;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Wall-clock arithmetic in one IANA zone, from the runtime's tz database (Intl), so days and hours follow the zone's
 * offset changes: a day is 23 or 25 hours across a DST change. "Wall ms" is a wall time written as if it were UTC
 * epoch ms (utcMs of its fields), which makes calendar arithmetic plain integer arithmetic.
 */
export class Zone {
  private readonly parts: Intl.DateTimeFormat | undefined;

  private constructor(readonly name: string) {
    this.parts =
      name === "UTC"
        ? undefined
        : new Intl.DateTimeFormat("en-US", {
            timeZone: name,
            hourCycle: "h23",
            era: "short",
            year: "numeric",
            month: "numeric",
            day: "numeric",
            hour: "numeric",
            minute: "numeric",
            second: "numeric",
          });
  }

  static readonly UTC = new Zone("UTC");

  /** The zone named `name` (any case, any alias), or undefined when it is not an IANA zone. */
  static of(name: string): Zone | undefined {
    const known = zones.get(name);
    if (known) return known;
    const canonical = canonicalTimeZone(name);
    if (canonical === undefined) return undefined;
    const zone = canonical === "UTC" ? Zone.UTC : new Zone(canonical);
    // Building a formatter costs far more than using one: a request names its zone three times, a dashboard a few zones.
    if (zones.size >= MAX_KNOWN_ZONES) zones.delete(zones.keys().next().value!);
    zones.set(name, zone);
    return zone;
  }

  get isUtc(): boolean {
    return this.parts === undefined;
  }

  /** The wall-clock time at an instant, to the second. */
  wall(ms: number): WallTime {
    if (!this.parts) {
      const date = new Date(ms);
      return {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
      };
    }
    const fields: Record<string, string> = {};
    for (const part of this.parts.formatToParts(ms)) fields[part.type] = part.value;
    const year = Number(fields.year);
    return {
      // Years before 1 CE come as "1 BC", "2 BC"…: ISO 8601 counts them 0, -1…
      year: fields.era === "BC" || fields.era === "B" ? 1 - year : year,
      month: Number(fields.month),
      day: Number(fields.day),
      hour: Number(fields.hour),
      minute: Number(fields.minute),
      second: Number(fields.second),
    };
  }

  /** The zone's offset from UTC at an instant, in ms (+02:00 → 7,200,000). */
  offsetMs(ms: number): number {
    if (!this.parts) return 0;
    const w = this.wall(ms);
    return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - (ms - mod(ms, 1000));
  }

  /** The wall time at an instant, as wall ms. */
  wallMs(ms: number): number {
    return ms + this.offsetMs(ms);
  }

  /**
   * The instant a wall time names. In a fold (the hour repeated when clocks go back) the earlier of the two; in a gap
   * (the hour skipped when clocks go forward) the instant the gap ends, so a day or hour that starts in a gap starts
   * when the clocks jump.
   */
  instantOf(wall: number): number {
    if (!this.parts) return wall;
    // Offsets change at most once in two days, so the offsets a day either side are the only candidates.
    const before = wall - this.offsetMs(wall - DAY_MS);
    const after = wall - this.offsetMs(wall + DAY_MS);
    const valid = [before, after].filter((instant) => this.wallMs(instant) === wall);
    return valid.length > 0 ? Math.min(...valid) : before;
  }

  /** The start of the zone's calendar day holding an instant. */
  startOfDay(ms: number): number {
    const w = this.wall(ms);
    return this.instantOf(utcMs(w.year, w.month, w.day));
  }

  /** The start of the calendar day `days` after the one starting at (or holding) `ms`. */
  addDays(ms: number, days: number): number {
    const w = this.wall(ms);
    return this.instantOf(utcMs(w.year, w.month, w.day + days));
  }

  /** The first local midnight after an instant. */
  nextDayStart(ms: number): number {
    return this.addDays(ms, 1);
  }

  /** The start of the zone's clock hour holding an instant (offsets are whole quarter hours, so hours are 60 minutes). */
  startOfHour(ms: number): number {
    return ms - mod(this.wallMs(ms), HOUR_MS);
  }

  /** The first local hour boundary after an instant. */
  nextHourStart(ms: number): number {
    return this.startOfHour(ms) + HOUR_MS;
  }

  /** `from`, every local midnight strictly between, and `to`: the edges of the calendar days of [from, to). */
  dayEdges(from: number, to: number): number[] {
    const edges = [from];
    for (let day = this.nextDayStart(from); day < to; day = this.addDays(day, 1)) edges.push(day);
    edges.push(to);
    return edges;
  }

  /** `+02:00`, `-03:30`, `+00:00`: the offset at an instant as ISO 8601 writes it. */
  offsetText(ms: number): string {
    const minutes = Math.round(this.offsetMs(ms) / 60_000);
    const sign = minutes < 0 ? "-" : "+";
    return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  }

  /** ISO 8601 with the zone's offset (`Z` in UTC): `2024-03-31T03:00:00+02:00`, milliseconds only when there are some. */
  isoText(ms: number): string {
    const w = this.wall(ms);
    const fraction = mod(ms, 1000) === 0 ? "" : `.${pad(mod(ms, 1000), 3)}`;
    const offset = this.isUtc ? "Z" : this.offsetText(ms);
    return `${dateText(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction}${offset}`;
  }

  /** What a person reads: `2024-04-01 10:00 UTC`, or `2024-03-31 03:00 +02:00` in another zone. */
  displayText(ms: number): string {
    const w = this.wall(ms);
    const suffix = this.isUtc ? "UTC" : this.offsetText(ms);
    return `${dateText(w)} ${pad(w.hour)}:${pad(w.minute)}${w.second ? `:${pad(w.second)}` : ""} ${suffix}`;
  }

  /** The value of a datetime-local input: `2024-03-31T03:00`. */
  inputText(ms: number): string {
    const w = this.wall(ms);
    return `${dateText(w)}T${pad(w.hour)}:${pad(w.minute)}${w.second ? `:${pad(w.second)}` : ""}`;
  }
}

const MAX_KNOWN_ZONES = 64;
const zones = new Map<string, Zone>();

function dateText(w: WallTime): string {
  const year = w.year < 0 ? `-${pad(-w.year, 4)}` : pad(w.year, 4);
  return `${year}-${pad(w.month)}-${pad(w.day)}`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A wall time as a form's date or datetime-local input sends it (`2024-03-31`, `2024-03-31T02:30`), as the instant it
 * names in the zone; undefined when it is not one.
 */
export function parseWallTime(text: string, zone: Zone): number | undefined {
  const match = LOCAL_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = utcMs(year, month, day, hour, minute, second);
  const check = new Date(wall);
  // utcMs rolls 2024-02-30 over into March: only a date that reads back is one.
  if (check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return zone.instantOf(wall);
}
