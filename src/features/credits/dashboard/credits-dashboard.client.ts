// Enhances the Credit Usage dashboard; the server-rendered page already works without it. With it, a sort reorders
// the rows in place (no reload, the URL and history still follow), and selecting a message shows its breakdown.
import { formatCredits, formatDayMonthYearTime } from "../../../web/format";
import {
  ariaSort,
  describeSort,
  formatSort,
  parseSort,
  type SortableRow,
  type SortColumn,
  type SortKey,
  sortMark,
  sortRows,
  toggleSort,
} from "./usage-sort";

interface Row extends SortableRow {
  element: HTMLTableRowElement;
}

interface Rule {
  description: string;
  credits: number;
}

interface MessageDetail {
  id: number;
  timestamp: string;
  text: string;
  credits_used: number;
  quote: { priced_by: "report" | "text"; report?: { name: string; credit_cost: number }; rules: Rule[] };
}

const table = document.querySelector<HTMLTableElement>("#usage-table");
if (table) enhance(table);

function enhance(table: HTMLTableElement): void {
  const body = table.tBodies[0]!;
  // Each row carries its instant; id, report and credits are its cells' text (the page stays small at 10,000 rows).
  const rows: Row[] = [...body.rows].map((element) => {
    const cells = element.cells;
    return {
      element,
      id: Number(cells[0]!.textContent),
      ts: Number(element.dataset.ts),
      reportName: cells[2]!.textContent || null,
      credits: Number(cells[3]!.textContent),
    };
  });
  const headers = [...table.querySelectorAll<HTMLTableCellElement>("th[data-column]")];

  // Links become buttons: the header still says how to sort, and the page acts without a reload.
  for (const header of headers) {
    const link = header.querySelector<HTMLAnchorElement>("a.sort-link")!;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-link";
    button.dataset.column = header.dataset.column;
    button.append(...link.childNodes);
    link.replaceWith(button);
    button.addEventListener("click", () => {
      const keys = toggleSort(currentSort(), header.dataset.column as SortColumn);
      history.pushState(null, "", urlWith({ sort: formatSort(keys), message: null }));
      apply(keys);
    });
  }

  function apply(keys: SortKey[]): void {
    const fragment = document.createDocumentFragment();
    for (const row of sortRows(rows, keys)) fragment.append(row.element);
    body.append(fragment);
    for (const header of headers) {
      const column = header.dataset.column as SortColumn;
      header.setAttribute("aria-sort", ariaSort(keys, column));
      const { mark, spoken } = sortMark(keys, column);
      header.querySelector("[data-mark]")!.textContent = mark;
      header.querySelector("[data-spoken]")!.textContent = spoken;
    }
    const description = document.querySelector("#sort-description");
    if (description) description.textContent = describeSort(keys);
    const csv = document.querySelector<HTMLAnchorElement>("a[download]");
    if (csv) csv.href = urlWith({ sort: formatSort(keys), message: null, format: "csv" });
    for (const link of body.querySelectorAll<HTMLAnchorElement>("a[href]")) {
      link.href = `${urlWith({ sort: formatSort(keys), message: link.textContent ?? "" })}#breakdown`;
    }
  }

  body.addEventListener("click", (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a[href]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    const id = Number(link.textContent);
    history.pushState(null, "", urlWith({ message: String(id) }));
    void select(id, rows);
  });

  window.addEventListener("popstate", () => {
    apply(currentSort());
    const message = new URL(location.href).searchParams.get("message");
    if (message) void select(Number(message), rows);
  });
}

function currentSort(): SortKey[] {
  return parseSort(new URL(location.href).searchParams.get("sort"));
}

function urlWith(changes: Record<string, string | null>): string {
  const url = new URL(location.href);
  url.hash = "";
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return `${url.pathname}${url.search}`;
}

async function select(id: number, rows: Row[]): Promise<void> {
  for (const row of rows) {
    if (row.id === id) row.element.setAttribute("aria-selected", "true");
    else row.element.removeAttribute("aria-selected");
  }
  const panel = document.querySelector<HTMLElement>("#breakdown")!;
  const content = panel.querySelector<HTMLElement>("[data-breakdown]") ?? panel;
  const response = await fetch(`/v1/messages/${id}`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  const heading = panel.querySelector("h2")!;
  const holder = document.createElement("div");
  holder.dataset.breakdown = "";
  if (!response.ok) {
    const notice = element("div", "notice notice-error", `No breakdown for message ${id} (HTTP ${response.status}).`);
    notice.setAttribute("role", "alert");
    holder.append(notice);
  } else {
    holder.append(...breakdown((await response.json()) as MessageDetail));
  }
  if (content === panel) {
    for (const node of [...panel.childNodes]) if (node !== heading) node.remove();
    panel.append(holder);
  } else content.replaceWith(holder);
  panel.scrollIntoView({ block: "nearest" });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The same content the server renders for ?message=ID, built with text nodes only. */
function breakdown(detail: MessageDetail): Node[] {
  const quote = detail.quote;
  const how =
    quote.priced_by === "report" && quote.report
      ? `report “${quote.report.name}”, a fixed cost of ${formatCredits(quote.report.credit_cost)} credits`
      : "priced from its text, rule by rule";
  const nodes: Node[] = [
    element("h3", "", `Message ${detail.id}: ${formatCredits(detail.credits_used)} credits`),
    element("p", "meta", `${formatDayMonthYearTime(detail.timestamp)} UTC · ${how}`),
    element("blockquote", "", detail.text),
  ];
  if (quote.rules.length > 0) {
    const wrap = element("div", "table-wrap");
    const rules = element("table", "");
    rules.append(element("caption", "", `Why this message cost ${formatCredits(detail.credits_used)} credits`));
    const head = rules.createTHead().insertRow();
    for (const [label, numeric] of [
      ["Rule", false],
      ["Credits", true],
    ] as const) {
      const th = element("th", numeric ? "num" : "", label);
      th.scope = "col";
      head.append(th);
    }
    const body = rules.createTBody();
    for (const rule of quote.rules) {
      const tr = body.insertRow();
      tr.append(element("td", "", rule.description), element("td", "num", formatCredits(rule.credits)));
    }
    wrap.append(rules);
    nodes.push(wrap);
  }
  return nodes;
}
