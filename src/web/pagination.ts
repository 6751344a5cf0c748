/** Which rows of a long table one page shows. Pages count from 1; a page past the end shows the last one. */
export interface PageSlice {
  page: number;
  pageCount: number;
  /** Index of the page's first row (0-based) and one past its last. */
  start: number;
  end: number;
  total: number;
}

export function pageSlice(total: number, page: number, perPage: number): PageSlice {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const shown = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (shown - 1) * perPage;
  return { page: shown, pageCount, start, end: Math.min(total, start + perPage), total };
}
