// Keeps the address equal to the workbench's state, so a copied URL reopens the same payload. history.replaceState
// (no history entry per keystroke), at most every 300 ms: Chromium throttles, with a console warning, a page that
// replaces its URL hundreds of times in a few seconds, as a dragged slider would.

const INTERVAL_MS = 300;

export function addressKeeper(path: string): (query: URLSearchParams) => void {
  let wanted: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const write = () => {
    timer = undefined;
    last = performance.now();
    if (wanted !== null && wanted !== location.search) history.replaceState(history.state, "", `${path}${wanted}`);
  };
  return (query) => {
    wanted = `?${query}`;
    if (timer !== undefined) return;
    const wait = last + INTERVAL_MS - performance.now();
    if (wait <= 0) write();
    else timer = setTimeout(write, wait);
  };
}
