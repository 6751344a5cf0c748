import { readdirSync, readFileSync } from "node:fs";

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Resident memory (bytes) of the `workerd` processes under a process (wrangler dev's runtime), Linux only. */
export function workerdRssBytes(rootPid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (name !== "workerd") continue;
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parentOf(p)) {
      if (p === rootPid) {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        break;
      }
    }
  }
  return total;
}
