/** One CSV record with the 1-based line it starts on, for error messages that point at the file. */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/**
 * Parses RFC 4180 CSV with a header row: quoted fields may hold commas,
 * doubled quotes and line breaks. A record whose field count differs from
 * the header is reported, not guessed at.
 */
export function parseCsv(text: string): { records: CsvRecord[]; errors: Array<{ line: number; reason: string }> } {
  const rows = tokenize(text.replace(/^\uFEFF/, ""));
  const header = rows.shift();
  if (!header) return { records: [], errors: [{ line: 1, reason: "the file is empty: a header row is required" }] };
  const names = header.fields.map((name) => name.trim());
  const records: CsvRecord[] = [];
  const errors: Array<{ line: number; reason: string }> = [];
  for (const row of rows) {
    if (row.fields.length === 1 && row.fields[0] === "") continue;
    if (row.fields.length !== names.length) {
      errors.push({ line: row.line, reason: `expected ${names.length} fields (${names.join(",")}), found ${row.fields.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    for (const [i, name] of names.entries()) values[name] = row.fields[i]!;
    records.push({ line: row.line, values });
  }
  return { records, errors };
}

function tokenize(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}
