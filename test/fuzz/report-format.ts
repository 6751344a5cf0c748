import type { Finding, FuzzRequest } from "./fuzz-types";

const BODY_SHOWN = 300;

/** A request as a reader replays it: method, path, the headers that matter, the body (cut when long). */
export function describeRequest(request: FuzzRequest): string {
  const headers = Object.entries(request.headers)
    .map(
      ([name, value]) =>
        `${name}: ${name === "Authorization" ? value.replace(/Bearer .+/, "Bearer <token>") : JSON.stringify(value).slice(0, 80)}`,
    )
    .join("; ");
  const path = request.path.length > 300 ? `${request.path.slice(0, 300)}… (${request.path.length} chars)` : request.path;
  const body =
    request.body === undefined
      ? ""
      : `\n    body (${request.body.length} chars): ` +
        `${JSON.stringify(request.body.slice(0, BODY_SHOWN))}${request.body.length > BODY_SHOWN ? "…" : ""}`;
  return `${request.method} ${path}\n    headers: ${headers || "none"}${body}`;
}

export function formatFinding(finding: Finding): string {
  return [
    `✗ ${finding.check} — ${finding.operation} [${finding.family}]`,
    `  ${finding.detail}`,
    `  request: ${describeRequest(finding.request)}`,
    finding.status !== undefined || finding.responseExcerpt ? `  response: ${finding.status ?? ""} ${finding.responseExcerpt ?? ""}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** One finding per (operation, check): repeats of the same broken promise say nothing new. */
export function distinctFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.operation}|${finding.check}|${finding.family}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
