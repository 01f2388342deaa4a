import { z } from "zod";
import { commonEnv, telemetryEnv } from "./variables.js";

export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((issue) => `${issue.variable}: ${issue.message}`).join("; "));
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against a schema. Values are never echoed in errors: a database
 * URL or a pepper is a secret, and config errors end up in logs.
 */
export function parseConfig<Schema extends z.ZodType>(
  schema: Schema,
  environment: Environment,
): z.output<Schema> {
  // Empty strings mean "unset": `FOO= node main.js` must not count as a value.
  const cleaned: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    if (value !== undefined && value !== "") cleaned[name] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join(".") || "(environment)",
      message:
        issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message,
    })),
  );
}

/**
 * For `src/config.ts` of a service: parse once at start; on a bad value print one line per bad
 * variable to stderr and exit with EX_CONFIG (78), so a misconfigured pod fails fast and says why.
 */
export function loadConfig<Schema extends z.ZodType>(
  serviceName: string,
  schema: Schema,
  environment: Environment,
): z.output<Schema> {
  try {
    return parseConfig(schema, environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      process.stderr.write(
        `${serviceName}: invalid configuration: ${issue.variable} ${issue.message}\n`,
      );
    }
    process.exit(78);
  }
}

export interface ServiceConfigOptions<Config> {
  /** Rules across variables: the variables to blame and why (none, or undefined, when fine). */
  readonly refine?: (config: Config) => ConfigIssue | readonly ConfigIssue[] | undefined;
}

/**
 * A service's `loadServiceConfig`: the variables every service has (commonEnv, telemetryEnv)
 * plus the fragments and variables of its own. Run with `--check-config`, the process prints
 * the configuration it would run with (secrets hidden) and exits: a ConfigMap can be checked
 * before it is rolled out.
 */
export function defineServiceConfig<Shape extends z.ZodRawShape>(
  serviceName: string,
  shape: Shape,
  options: ServiceConfigOptions<
    z.output<z.ZodObject<typeof commonEnv & typeof telemetryEnv & Shape>>
  > = {},
) {
  const object = z.object({ ...commonEnv, ...telemetryEnv, ...shape });
  type Config = z.output<typeof object>;
  const refine = options.refine;
  const schema =
    refine === undefined
      ? object
      : object.superRefine((config, context) => {
          const found = refine(config);
          const issues: readonly ConfigIssue[] =
            found === undefined ? [] : "variable" in found ? [found] : found;
          for (const issue of issues) {
            context.addIssue({ code: "custom", path: [issue.variable], message: issue.message });
          }
        });
  const load = (
    environment: Environment = process.env,
    argv: readonly string[] = process.argv,
  ): Config => {
    const config = loadConfig(serviceName, schema, environment) as Config;
    if (argv.includes("--check-config")) {
      process.stdout.write(`${JSON.stringify(printableConfig(object, config), null, 2)}\n`);
      process.exit(0);
    }
    return config;
  };
  /** The same validation, throwing a ConfigError that names every bad variable (tests). */
  const parse = (environment: Environment): Config => parseConfig(schema, environment) as Config;
  return Object.assign(load, { parse });
}

/** The parsed configuration with secret variables hidden and passwords taken out of URLs. */
export function printableConfig(
  schema: z.ZodObject,
  config: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const printable: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const field = schema.shape[name] as z.ZodType | undefined;
    printable[name] = field?.meta()?.secret === true ? "[secret]" : withoutPasswords(value);
  }
  return printable;
}

function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (typeof value !== "string" || !URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password === "") return value;
  url.password = "[secret]";
  return url.toString();
}
