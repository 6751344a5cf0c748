/** One shell command of a README `sh` block, with the output the README shows for it (a `# {…}` comment after it). */
export interface ReadmeCommand {
  /** 1-based line of the README where the command starts. */
  line: number;
  /** The command as a shell reads it: continuation lines kept, a trailing `# comment` removed. */
  text: string;
  /** The shown output, comment markers removed and continuation lines joined; absent when none is shown. */
  expected?: string;
}

/** Where an unquoted `#` starts a comment in one shell line (-1 when none). */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "#" && (i === 0 || /\s/.test(line[i - 1]!))) {
      return i;
    }
  }
  return -1;
}

/**
 * The commands of every `sh` block of a README, in order. A line ending in `\` or `|` continues on the next; a
 * comment line right after a command that starts with `{` or `[` is its shown output, and comment lines indented
 * under it (`#  …`) continue that output.
 */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const lines = markdown.split("\n");
  let inShell = false;
  let current: ReadmeCommand | undefined;
  let lastCommand: ReadmeCommand | undefined;
  let outputOpen = false;
  lines.forEach((raw, index) => {
    if (/^```/.test(raw)) {
      inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(raw);
      current = lastCommand = undefined;
      return;
    }
    if (!inShell) return;
    const trimmed = raw.trim();
    if (current) {
      current.text += `\n${raw}`;
    } else if (trimmed.startsWith("#")) {
      const body = trimmed.replace(/^#/, "");
      if (lastCommand && !lastCommand.expected && /^ [[{]/.test(body)) {
        lastCommand.expected = body.trim();
        outputOpen = true;
      } else if (lastCommand && outputOpen && /^ {2,}\S/.test(body)) {
        lastCommand.expected += body.trim();
      } else {
        outputOpen = false;
      }
      return;
    } else if (trimmed === "") {
      lastCommand = undefined;
      outputOpen = false;
      return;
    } else {
      current = { line: index + 1, text: raw };
    }
    const cut = commentStart(raw);
    if (cut >= 0) current.text = current.text.slice(0, current.text.length - raw.length + cut);
    current.text = current.text.trimEnd();
    if (/[\\|]$/.test(current.text)) return;
    commands.push(current);
    lastCommand = current;
    outputOpen = false;
    current = undefined;
  });
  return commands;
}

/**
 * A pattern for output shown as `{"a":1,…}, …]`: the README's whitespace outside JSON strings is layout, not
 * output, and each `…` stands for anything. Output shown without a trailing `…` must end where it ends.
 */
export function shownOutputPattern(expected: string): RegExp {
  let compact = "";
  let inString = false;
  for (let i = 0; i < expected.length; i++) {
    const char = expected[i]!;
    if (inString && char === "\\") {
      compact += char + (expected[++i] ?? "");
      continue;
    }
    if (char === '"') inString = !inString;
    if (!inString && /\s/.test(char)) continue;
    compact += char;
  }
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = compact.split("…").map(escapeRegExp).join("[\\s\\S]*?");
  return new RegExp(`^${pattern}${compact.endsWith("…") ? "" : "\\n?$"}`);
}
