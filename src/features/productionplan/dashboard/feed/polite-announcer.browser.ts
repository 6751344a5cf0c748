// Says what just arrived through a polite live region, at most once a second: a burst of plans is one sentence
// ("3 new plans. The newest: …"), never a queue of them, and the list itself is never re-read.

const QUIET_MS = 1_000;

export function politeAnnouncer(region: HTMLElement): (news: string) => void {
  let pending = 0;
  let newest = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (news) => {
    pending++;
    newest = news;
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      region.textContent = pending === 1 ? newest : `${pending} new plans. The newest: ${newest}`;
      pending = 0;
      timer = undefined;
    }, QUIET_MS);
  };
}
