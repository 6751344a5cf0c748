/**
 * RFC 4180 CSV as the tests read it, written independently of the product's CSV code (src/lib/csv.ts) and of the
 * importer's parser (scripts/import/csv.ts), so a test that checks the product's CSV does not share code with it.
 * Plain TypeScript with no imports: the worker (workerd), node and browser projects all use it.
 *
 * A record ends in CRLF. A quoted field may hold commas, doubled quotes ("") and line breaks; outside quotes a lone CR
 * or LF is part of the field (the product writes CRLF line ends only).
 */

/** The records the text ends with CRLF, and what follows the last CRLF: a record without its line end, or null. */
function splitRecords(text: string): { records: string[][]; unterminated: string[] | null } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  return { records, unterminated: field !== "" || record.length > 0 ? [...record, field] : null };
}

/** Every record as its fields, the header first; a last record the text does not end with CRLF is one too. */
export function csvRecords(text: string): string[][] {
  const { records, unterminated } = splitRecords(text);
  return unterminated ? [...records, unterminated] : records;
}

/**
 * The records after the header, each keyed by the header's names. Only records ended by CRLF are read: a last line
 * without its CRLF is left out, so a CSV that lost its final line end is one row short.
 */
export function csvRecordsByHeader(text: string): Array<Record<string, string>> {
  const [header, ...rows] = splitRecords(text).records;
  return rows.map((row) => Object.fromEntries(row.map((value, i) => [header![i]!, value])));
}
