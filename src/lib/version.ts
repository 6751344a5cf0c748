import pkg from "../../package.json";

/** The deployed version, from package.json so releases bump it in one place. */
export const APP_VERSION: string = pkg.version;
