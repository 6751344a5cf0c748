import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import { assetUrl, type BuiltAsset } from "./assets";

export interface NavItem {
  href: string;
  label: string;
}

/** The pages a person can move between; dashboards appear here as they are built. */
export const NAVIGATION: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/dashboards/peaks", label: "Peak usage" },
  { href: "/dashboards/insights", label: "Insights" },
  { href: "/dashboards/credits", label: "Credit usage" },
  { href: "/dashboards/productionplan", label: "Production plan" },
  { href: "/dashboards/trading", label: "Trading desk" },
  { href: "/docs", label: "API docs" },
];

export interface PageProps {
  title: string;
  /** The navigation entry this page belongs to. */
  current?: string;
  /** Client modules that enhance this page (it works without them). */
  scripts?: BuiltAsset[];
  children: Child;
}

/** Every page's frame: landmarks, one navigation, the stylesheet, a skip link. */
export function Layout({ title, current, scripts = [], children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Energy Edge`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl("styles.css")} />
        {scripts.map((script) => (
          <script type="module" src={assetUrl(script)} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header-inner">
            <a class="brand" href="/">
              Energy Edge
            </a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {NAVIGATION.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === current ? "page" : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">Energy Edge · five energy-data services at the edge · times in UTC unless a page says otherwise</footer>
      </body>
    </html>
  );
}

/** A complete HTML document from a page element (components may be async, so the text is awaited twice). */
export async function renderDocument(page: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<string> {
  return `<!doctype html>${await (await page).toString()}`;
}
