/**
 * The wrk command line and, for requests the command line cannot express, the
 * Lua script that describes them. Pure, so both are tested without wrk.
 */

export interface WrkRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WrkRun {
  url: string;
  connections: number;
  durationS: number;
  /** The Lua script carrying method, body and headers; headers go on the command line without one. */
  scriptPath?: string;
  headers: Record<string, string>;
}

/** One thread per core of the 2-core bench machine; wrk refuses more threads than connections. */
export function wrkThreads(connections: number): number {
  return Math.max(1, Math.min(2, connections));
}

/** wrk's command line only sets headers: any other method, or a body, needs a script. */
export function needsScript(request: WrkRequest): boolean {
  return request.method !== "GET" || request.body !== undefined;
}

export function wrkArgs(run: WrkRun): string[] {
  const headers = run.scriptPath ? [] : Object.entries(run.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  return [
    `-t${wrkThreads(run.connections)}`,
    `-c${run.connections}`,
    // wrk takes whole seconds.
    `-d${Math.max(1, Math.round(run.durationS))}s`,
    // autocannon's default; wrk's own 2 s would count slow large bodies as timeouts where autocannon would not.
    "--timeout",
    "10s",
    "--latency",
    ...(run.scriptPath ? ["-s", run.scriptPath] : []),
    ...headers,
    run.url,
  ];
}

/**
 * A Lua string literal holding `text` byte for byte: every byte outside
 * printable ASCII becomes a three-digit decimal escape, so UTF-8 and control
 * characters survive and a following digit cannot extend the escape.
 */
export function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, "utf8")) {
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x22 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, "0")}`;
  }
  return `${out}"`;
}

export function wrkScript(request: WrkRequest): string {
  const lines = [`wrk.method = ${luaString(request.method)}`];
  if (request.body !== undefined) lines.push(`wrk.body = ${luaString(request.body)}`);
  for (const [name, value] of Object.entries(request.headers)) lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  return `${lines.join("\n")}\n`;
}
