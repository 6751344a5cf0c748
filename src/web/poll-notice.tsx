/**
 * What a self-updating page says about updating, and where its script (keepPageCurrent in
 * conditional-reread.browser.ts) writes when it last checked and what changed. Without JavaScript it says to reload.
 */
export function PollNotice({ seconds, news }: { seconds: number; news: string }) {
  return (
    <>
      <p class="live-note">
        <span data-poll-note>
          Updates every {seconds} s while this page is open (with JavaScript; without it, reload to see {news}).
        </span>{" "}
        <span class="meta" data-poll-checked />
      </p>
      <p class="visually-hidden" role="status" data-poll-status />
    </>
  );
}
