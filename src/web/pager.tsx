import { formatCount } from "./format";
import type { PageSlice } from "./pagination";

interface PagerProps {
  /** What the pages are of, for the navigation landmark's name: "Pages of the messages table". */
  label: string;
  slice: PageSlice;
  /** The URL of another page of the same view. */
  href: (page: number) => string;
}

type Step = { key: string; text: string; page: number; rel?: string };

/**
 * Links to the first, previous, next and last page of a table, and where this page is. A step that leads nowhere
 * stays in place, greyed and marked disabled, so the controls do not move under the pointer. Each step carries a
 * focus key, so a page swapped in without a load gives focus back to the same control.
 */
export function Pager({ label, slice, href }: PagerProps) {
  const steps: Step[] = [
    { key: "first", text: "« First", page: 1 },
    { key: "previous", text: "‹ Previous", page: slice.page - 1, rel: "prev" },
    { key: "next", text: "Next ›", page: slice.page + 1, rel: "next" },
    { key: "last", text: "Last »", page: slice.pageCount },
  ];
  const link = (step: Step) =>
    step.page >= 1 && step.page <= slice.pageCount && step.page !== slice.page ? (
      <a class="pager-step" href={href(step.page)} rel={step.rel} data-focus-key={`pager-${step.key}`}>
        {step.text}
      </a>
    ) : (
      <span class="pager-step" aria-disabled="true">
        {step.text}
      </span>
    );
  return (
    <nav class="pager" aria-label={label}>
      {link(steps[0]!)}
      {link(steps[1]!)}
      <span class="pager-where">
        Page {formatCount(slice.page)} of {formatCount(slice.pageCount)}
        <span class="meta">
          {" "}
          (rows {formatCount(slice.total === 0 ? 0 : slice.start + 1)}–{formatCount(slice.end)} of {formatCount(slice.total)})
        </span>
      </span>
      {link(steps[2]!)}
      {link(steps[3]!)}
    </nav>
  );
}
