/**
 * One knob of a simulator, settable as a CLI flag (`--rate 100`,
 * `--rate=100`) or an environment variable (`SIM_EXCHANGE_RATE=100`, which is
 * how `npm start` passes knobs through). A flag wins over the environment.
 */
export interface Setting<Options> {
  flag: string;
  env: string;
  help: string;
  apply(options: Options, value: string): void;
}

export type Env = Record<string, string | undefined>;

function splitFlags(argv: readonly string[], known: ReadonlySet<string>): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`unexpected argument "${arg}" (flags look like --name value)`);
    const name = match[1];
    if (!known.has(name)) throw new Error(`unknown flag --${name}; known: ${[...known].map((flag) => `--${flag}`).join(", ")}`);
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value`);
      i++;
    }
    values.set(name, value);
  }
  return values;
}

/** Builds options from flags and environment; throws with a readable message on a bad value or an unknown flag. */
export function readSettings<Options>(
  settings: ReadonlyArray<Setting<Options>>,
  argv: readonly string[],
  env: Env,
  options: Options,
): Options {
  const flags = splitFlags(argv, new Set(settings.map((setting) => setting.flag)));
  for (const setting of settings) {
    const fromFlag = flags.get(setting.flag);
    const value = fromFlag ?? env[setting.env];
    if (value === undefined || value === "") continue;
    try {
      setting.apply(options, value);
    } catch (error) {
      const source = fromFlag !== undefined ? `--${setting.flag}` : setting.env;
      throw new Error(`${source}: ${(error as Error).message}`);
    }
  }
  return options;
}

export function usage<Options>(command: string, settings: ReadonlyArray<Setting<Options>>): string {
  const width = Math.max(...settings.map((setting) => setting.flag.length)) + 10;
  const lines = settings.map((setting) => `  ${`--${setting.flag} <value>`.padEnd(width)} ${setting.help} (env ${setting.env})`);
  return [`Usage: ${command} [flags]`, ...lines].join("\n");
}

export function parseNumber(text: string, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new Error(`"${text}" is not a number`);
  if (integer && !Number.isInteger(value)) throw new Error(`"${text}" is not a whole number`);
  if (value < min || value > max) throw new Error(`${value} is outside ${min}–${max}`);
  return value;
}

export function parseChoice<T extends string>(text: string, choices: readonly T[]): T {
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) throw new Error(`"${text}" is not one of ${choices.join(", ")}`);
  return choice;
}
