// Bundles the dashboards' client modules (src/**/*.client.ts) and stylesheet (src/web/styles.css) into
// public/assets with content-hashed names, and writes the name map the Worker
// links them by (src/web/built-assets.generated.ts). Runs at npm install/ci,
// npm start, npm test and wrangler dev/deploy ([build] in wrangler.toml);
// neither output is committed.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const webDir = join(root, "src", "web");
const outDir = join(root, "public", "assets");
const manifestFile = join(webDir, "built-assets.generated.ts");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  // A production-only install has no dev dependencies; wrangler deploy builds with them.
  console.warn("esbuild is not installed: dashboard assets were not built");
  process.exit(0);
}

// A page's client module sits beside the page as `<name>.client.ts`.
const clientEntries = readdirSync(join(root, "src"), { recursive: true })
  .map((file) => String(file))
  .filter((file) => file.endsWith(".client.ts"))
  .map((file) => join(root, "src", file));

mkdirSync(outDir, { recursive: true });

const result = await esbuild.build({
  entryPoints: [...clientEntries, join(webDir, "styles.css")],
  outdir: outDir,
  entryNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome109", "firefox115", "safari16"],
  metafile: true,
  logLevel: "warning",
});

const assets = {};
for (const [output, meta] of Object.entries(result.metafile.outputs)) {
  if (!meta.entryPoint) continue;
  assets[basename(meta.entryPoint)] = `/${relative(join(root, "public"), join(root, output)).split("\\").join("/")}`;
}
const sorted = Object.fromEntries(Object.entries(assets).sort(([a], [b]) => a.localeCompare(b)));
const manifest =
  "// Written by scripts/build-web-assets.mjs: each source file's content-hashed URL under /assets. Not committed.\n" +
  `export const BUILT_ASSETS = ${JSON.stringify(sorted, null, 2)} as const;\n`;

// Several wrangler dev processes may build at once (tests, bench, npm start): write only what changed, atomically,
// and remove only files no build of these sources produces.
if (!existsSync(manifestFile) || readFileSync(manifestFile, "utf8") !== manifest) {
  const temporary = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temporary, manifest);
  renameSync(temporary, manifestFile);
}
const current = new Set(Object.values(sorted).map((url) => basename(url)));
for (const file of readdirSync(outDir)) {
  if (!current.has(file)) rmSync(join(outDir, file), { force: true });
}
