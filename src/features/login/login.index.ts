import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { matchingReadSecret, PAGE_SESSION_COOKIE, pageSessionValue } from "../../lib/auth";
import type { AppEnv } from "../../lib/env";
import { createRouter } from "../../lib/router";
import { renderDocument } from "../../web/layout";
import { LoginPage } from "./login.page";
import { safeNextPath } from "./page-login";

/** Only this site's pages read the cookie, never over plain HTTP, never sent from another site. */
const COOKIE_OPTIONS = { path: "/", httpOnly: true, secure: true, sameSite: "Strict" } as const;
const NO_STORE = { "Cache-Control": "no-store" };

async function renderLogin(c: Context<AppEnv>, next: string, status: 200 | 401, error?: string) {
  return c.html(await renderDocument(LoginPage({ next, error })), status, NO_STORE);
}

/** Sign-in for pages when READ_TOKEN is set; without it there is nothing to sign in to, so both go on to the page. */
export const loginRouter = createRouter();

loginRouter
  .get("/login", async (c) => {
    const next = safeNextPath(c.req.query("next"));
    if (!c.env.READ_TOKEN) return c.redirect(next, 303);
    return renderLogin(c, next, 200);
  })
  .post("/login", async (c) => {
    const form = await c.req.parseBody();
    const next = safeNextPath(form.next);
    if (!c.env.READ_TOKEN) return c.redirect(next, 303);
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const secret = token ? await matchingReadSecret(c.env, token) : undefined;
    if (!secret) return renderLogin(c, next, 401, token ? "That token is not valid: check it and try again." : "Enter the read token.");
    setCookie(c, PAGE_SESSION_COOKIE, await pageSessionValue(secret), COOKIE_OPTIONS);
    return c.redirect(next, 303);
  })
  .post("/logout", (c) => {
    deleteCookie(c, PAGE_SESSION_COOKIE, COOKIE_OPTIONS);
    return c.redirect(c.env.READ_TOKEN ? "/login" : "/", 303);
  });
