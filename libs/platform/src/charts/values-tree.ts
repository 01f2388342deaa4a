// A chart's values as one tree: each key carries its comment, its default and its JSON schema,
// so values.yaml (documented key by key) and values.schema.json (strict) are written from the
// same declaration and cannot disagree.
import { stringify } from "yaml";

export type JsonSchema = { readonly [keyword: string]: unknown };

/** A key with a value of its own (a scalar, a list, a map the user fills). */
export interface Setting {
  readonly kind: "setting";
  readonly doc: string;
  readonly default: unknown;
  readonly schema: JsonSchema;
  /** Left out of the parent's `required`. */
  readonly optional: boolean;
  /** The environment variable the service reads this value from (rendered into its ConfigMap). */
  readonly env: string | undefined;
  /**
   * Accepted by the schema but left out of values.yaml and the defaults: a key the chart does
   * not read that Helm or the umbrella chart may still pass (the library's section, globals
   * of other services).
   */
  readonly schemaOnly: boolean;
}

/** A key holding other keys. Unknown keys are refused unless `open`. */
export interface Group {
  readonly kind: "group";
  readonly doc: string;
  readonly entries: Readonly<Record<string, Value>>;
  readonly optional: boolean;
  readonly open: boolean;
  /** Its schema is written once under this name in `definitions` (groups of the same shape). */
  readonly definition: string | undefined;
  /** Accepted by the schema but left out of values.yaml (see Setting.schemaOnly). */
  readonly schemaOnly: boolean;
}

export type Value = Setting | Group;
export type Entries = Readonly<Record<string, Value>>;

export function setting(
  doc: string,
  defaultValue: unknown,
  schema: JsonSchema,
  options: { optional?: boolean; env?: string; schemaOnly?: boolean } = {},
): Setting {
  return {
    kind: "setting",
    doc,
    default: defaultValue,
    schema,
    optional: options.optional ?? false,
    env: options.env,
    schemaOnly: options.schemaOnly ?? false,
  };
}

export function group(
  doc: string,
  entries: Entries,
  options: { optional?: boolean; open?: boolean; definition?: string; schemaOnly?: boolean } = {},
): Group {
  return {
    kind: "group",
    doc,
    entries,
    optional: options.optional ?? false,
    open: options.open ?? false,
    definition: options.definition,
    schemaOnly: options.schemaOnly ?? false,
  };
}

const definitions = new Map<string, JsonSchema>();

/**
 * A schema written once under `definitions` and referenced (`$ref`) wherever it is used, so a
 * shape repeated across keys (resources, NetworkPolicy peers, …) appears once per file.
 */
export function definition(name: string, schema: JsonSchema): JsonSchema {
  const known = definitions.get(name);
  if (known !== undefined && JSON.stringify(known) !== JSON.stringify(schema)) {
    throw new Error(`schema definition "${name}" declared twice with different shapes`);
  }
  definitions.set(name, schema);
  return { $ref: `#/definitions/${name}` };
}

/** The values as Helm reads them: the defaults, nested as declared. */
export function defaultsOf(entries: Entries): Record<string, unknown> {
  return Object.fromEntries(
    documented(entries).map(([key, value]) => [
      key,
      value.kind === "setting" ? value.default : defaultsOf(value.entries),
    ]),
  );
}

function documented(entries: Entries): [string, Value][] {
  return Object.entries(entries).filter(([, value]) => !value.schemaOnly);
}

/** The same value, accepted by the schema but left out of values.yaml. */
export function schemaOnly<T extends Value>(value: T): T {
  return { ...value, schemaOnly: true };
}

/** Every setting read as an environment variable: NAME → dotted path of its key. */
export function environmentOf(entries: Entries, prefix = ""): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    const path = `${prefix}${key}`;
    if (value.kind === "group") Object.assign(found, environmentOf(value.entries, `${path}.`));
    else if (value.env !== undefined) found[value.env] = path;
  }
  return found;
}

function objectSchema(entries: Entries, open: boolean): JsonSchema {
  const required = Object.entries(entries)
    .filter(([, value]) => !value.optional)
    .map(([key]) => key);
  return {
    type: "object",
    ...(open ? {} : { additionalProperties: false }),
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(
      Object.entries(entries).map(([key, value]) => [key, schemaOf(value)]),
    ),
  };
}

function schemaOf(value: Value): JsonSchema {
  if (value.kind === "setting") return value.schema;
  const schema = objectSchema(value.entries, value.open);
  return value.definition === undefined ? schema : definition(value.definition, schema);
}

function referencedDefinitions(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) referencedDefinitions(item, found);
  } else if (schema !== null && typeof schema === "object") {
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === "$ref" && typeof value === "string") {
        const name = value.replace("#/definitions/", "");
        if (!found.has(name)) {
          found.add(name);
          referencedDefinitions(definitions.get(name), found);
        }
      } else {
        referencedDefinitions(value, found);
      }
    }
  }
  return found;
}

/** values.schema.json: draft-07, unknown keys refused, shared shapes under `definitions`. */
export function valuesSchema(title: string, entries: Entries): string {
  const root = objectSchema(entries, false);
  const used = [...referencedDefinitions(root)].sort();
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title,
    ...root,
    ...(used.length > 0
      ? { definitions: Object.fromEntries(used.map((name) => [name, definitions.get(name)])) }
      : {}),
  };
  return `${formatJson(schema)}\n`;
}

/** values.yaml: every key under its comment, a blank line between top-level keys. */
export function valuesYaml(header: string, entries: Entries): string {
  const blocks = documented(entries).map(([key, value]) => yamlLines(key, value, 0).join("\n"));
  return `${comment(header, 0).join("\n")}\n\n${blocks.join("\n\n")}\n`;
}

const WIDTH = 100;

function yamlLines(key: string, value: Value, indent: number): string[] {
  const pad = " ".repeat(indent);
  const lines = comment(value.doc, indent);
  if (value.kind === "group") {
    lines.push(`${pad}${key}:`);
    for (const [child, entry] of documented(value.entries)) {
      lines.push(...yamlLines(child, entry, indent + 2));
    }
    return lines;
  }
  const text = stringify(value.default, { lineWidth: 0 }).trimEnd();
  const isBlock =
    value.default !== null &&
    typeof value.default === "object" &&
    Object.keys(value.default).length > 0;
  if (!isBlock) {
    lines.push(`${pad}${key}: ${text}`);
  } else {
    lines.push(`${pad}${key}:`);
    for (const line of text.split("\n")) lines.push(`${pad}  ${line}`);
  }
  return lines;
}

/** `# ` lines wrapped at the line width. */
export function comment(text: string, indent: number): string[] {
  const prefix = `${" ".repeat(indent)}# `;
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line !== "" && prefix.length + line.length + 1 + word.length > WIDTH) {
        lines.push(prefix + line);
        line = word;
      } else {
        line = line === "" ? word : `${line} ${word}`;
      }
    }
    lines.push(prefix + line);
  }
  return lines;
}

/**
 * JSON with each object or array on one line when it fits the line width, else one entry a
 * line: the schema stays readable without a line per enum member.
 */
export function formatJson(value: unknown): string {
  return print(value, 0, 0);
}

function print(value: unknown, indent: number, taken: number): string {
  const flat = inline(value);
  const isContainer = value !== null && typeof value === "object";
  // +1 for the comma that may follow.
  if (!isContainer || indent + taken + flat.length + 1 <= WIDTH) return flat;
  const pad = " ".repeat(indent + 2);
  const close = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => pad + print(item, indent + 2, 0)).join(",\n")}\n${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([key, entry]) => {
    const label = `${JSON.stringify(key)}: `;
    return pad + label + print(entry, indent + 2, label.length);
  });
  return `{\n${lines.join(",\n")}\n${close}}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([key, entry]) => `${JSON.stringify(key)}: ${inline(entry)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}
