// Copies the Swagger UI bundle from node_modules into public/docs-ui so the
// Worker serves the docs page's JavaScript and CSS itself (no CDN, works
// offline). Runs on `npm install`/`npm ci`; the copy is not committed.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

let source;
try {
  source = dirname(require.resolve("swagger-ui-dist/package.json"));
} catch {
  // A production-only install has no dev dependencies and serves no docs UI.
  console.warn("swagger-ui-dist is not installed: /docs will have no UI bundle");
  process.exit(0);
}

const target = join(root, "public", "docs-ui");
mkdirSync(target, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]) {
  const from = join(source, file);
  if (!existsSync(from)) throw new Error(`swagger-ui-dist lacks ${file}`);
  copyFileSync(from, join(target, file));
}
