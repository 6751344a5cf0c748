import { BUILT_ASSETS } from "./built-assets.generated";

export type BuiltAsset = keyof typeof BUILT_ASSETS;

/** The content-hashed URL of a file built from src/web (scripts/build-web-assets.mjs). */
export function assetUrl(name: BuiltAsset): string {
  return BUILT_ASSETS[name];
}

/** Hashed names change with their content, so a browser may keep them for a year. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
