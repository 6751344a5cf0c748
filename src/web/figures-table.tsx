export interface FiguresColumn {
  label: string;
  /** Right-aligned, as figures are. */
  numeric?: boolean;
}

/** A plain table of figures with a caption: a chart's text alternative, a breakdown, a list of totals. */
export function FiguresTable({ caption, columns, rows }: { caption: string; columns: FiguresColumn[]; rows: string[][] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" class={column.numeric ? "num" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((cell, i) => (
                <td class={columns[i]?.numeric ? "num" : undefined}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
