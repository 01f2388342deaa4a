import type { z } from "zod";

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
