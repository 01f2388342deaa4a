import pg from "pg";

/** The parts of a Prisma DMMF datamodel (`getDMMF` from @prisma/internals) that the check reads. */
export interface PrismaDatamodel {
  readonly models: readonly PrismaModel[];
}

interface PrismaModel {
  readonly name: string;
  readonly dbName: string | null;
  readonly fields: readonly PrismaField[];
  readonly primaryKey: { readonly fields: readonly string[] } | null;
  readonly uniqueFields: readonly (readonly string[])[];
}

interface PrismaField {
  readonly name: string;
  readonly dbName?: string | null;
  readonly kind: string;
  readonly type: string;
  readonly isRequired: boolean;
  readonly isList: boolean;
  readonly isId: boolean;
  readonly isUnique: boolean;
  readonly nativeType?: readonly [string, readonly string[]] | null;
  readonly relationFromFields?: readonly string[];
  readonly relationToFields?: readonly string[];
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  datetime_precision: number | null;
}

/** What Postgres reports (data_type, precision) for a Prisma scalar and its native type. */
function expectedType(field: PrismaField): { dataType: string; precision?: number } {
  const native = field.nativeType?.[0];
  const nativeArgument = field.nativeType?.[1][0];
  if (field.isList)
    return { dataType: `ARRAY of ${expectedType({ ...field, isList: false }).dataType}` };
  switch (native) {
    case "SmallInt":
      return { dataType: "smallint" };
    case "VarChar":
      return { dataType: "character varying" };
    case "Date":
      return { dataType: "date" };
    case "Uuid":
      return { dataType: "uuid" };
    case "Timestamptz":
      return { dataType: "timestamp with time zone", precision: Number(nativeArgument ?? 6) };
    case "Timestamp":
      return { dataType: "timestamp without time zone", precision: Number(nativeArgument ?? 6) };
    default:
      break;
  }
  const byScalar: Record<string, { dataType: string; precision?: number }> = {
    String: { dataType: "text" },
    Int: { dataType: "integer" },
    BigInt: { dataType: "bigint" },
    Boolean: { dataType: "boolean" },
    Float: { dataType: "double precision" },
    Decimal: { dataType: "numeric" },
    Json: { dataType: "jsonb" },
    Bytes: { dataType: "bytea" },
    DateTime: { dataType: "timestamp without time zone", precision: 3 },
  };
  return byScalar[field.type] ?? { dataType: `unknown Prisma type ${field.type}` };
}

function actualType(column: ColumnRow): string {
  if (column.data_type !== "ARRAY") return column.data_type;
  const element: Record<string, string> = {
    _text: "text",
    _int4: "integer",
    _int8: "bigint",
    _bool: "boolean",
  };
  return `ARRAY of ${element[column.udt_name] ?? column.udt_name}`;
}

const columnName = (field: PrismaField) => field.dbName ?? field.name;
const tableName = (model: PrismaModel) => model.dbName ?? model.name;
const key = (columns: readonly string[]) => [...columns].sort().join(",");

/**
 * Differences between a migrated database (public schema) and the Prisma models: tables,
 * columns, types, nullability, primary keys, unique constraints and foreign keys. An empty list
 * means the SQL migrations and schema.prisma describe the same schema. `ignoreTables` are
 * tables no model maps (schema_migrations, outbox_events).
 */
export async function findSchemaDrift(
  databaseUrl: string,
  datamodel: PrismaDatamodel,
  ignoreTables: readonly string[] = ["schema_migrations", "outbox_events"],
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const drift: string[] = [];
    const columns = (
      await client.query<ColumnRow>(
        `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).rows.filter((row) => !ignoreTables.includes(row.table_name));
    const constraints = (
      await client.query<{
        table_name: string;
        type: "p" | "u" | "f";
        columns: string[];
        foreign_table: string | null;
        foreign_columns: string[] | null;
      }>(
        `SELECT c.conrelid::regclass::text AS table_name, c.contype AS type,
                array(SELECT attname::text FROM pg_attribute
                      WHERE attrelid = c.conrelid AND attnum = ANY(c.conkey) ORDER BY attnum) AS columns,
                c.confrelid::regclass::text AS foreign_table,
                array(SELECT attname::text FROM pg_attribute
                      WHERE attrelid = c.confrelid AND attnum = ANY(c.confkey) ORDER BY attnum) AS foreign_columns
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`,
      )
    ).rows.filter((row) => !ignoreTables.includes(row.table_name));
    // Unique indexes that are not constraints (CREATE UNIQUE INDEX) count as unique too; partial
    // ones cannot be expressed in Prisma and are left out.
    const uniqueIndexes = (
      await client.query<{ table_name: string; columns: string[] }>(
        `SELECT i.indrelid::regclass::text AS table_name,
                array(SELECT attname::text FROM pg_attribute
                      WHERE attrelid = i.indrelid AND attnum = ANY(i.indkey)) AS columns
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND i.indisunique AND NOT i.indisprimary
           AND i.indpred IS NULL
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      )
    ).rows.filter((row) => !ignoreTables.includes(row.table_name));

    const modelTables = new Set(datamodel.models.map(tableName));
    for (const table of new Set(columns.map((column) => column.table_name))) {
      if (!modelTables.has(table)) drift.push(`table ${table} has no Prisma model`);
    }

    for (const model of datamodel.models) {
      const table = tableName(model);
      const tableColumns = new Map(
        columns.filter((column) => column.table_name === table).map((c) => [c.column_name, c]),
      );
      if (tableColumns.size === 0) {
        drift.push(`model ${model.name}: table ${table} does not exist`);
        continue;
      }
      const scalarFields = model.fields.filter((field) => field.kind !== "object");
      const fieldColumns = new Map(model.fields.map((field) => [field.name, columnName(field)]));
      for (const field of scalarFields) {
        const name = columnName(field);
        const column = tableColumns.get(name);
        if (column === undefined) {
          drift.push(`${table}.${name}: in model ${model.name}, not in the database`);
          continue;
        }
        const expected = expectedType(field);
        const actual = actualType(column);
        if (actual !== expected.dataType) {
          drift.push(`${table}.${name}: database ${actual}, model ${expected.dataType}`);
        } else if (
          expected.precision !== undefined &&
          column.datetime_precision !== expected.precision
        ) {
          drift.push(
            `${table}.${name}: precision ${column.datetime_precision} in the database, ${expected.precision} in the model`,
          );
        }
        const nullable = column.is_nullable === "YES";
        if (nullable === (field.isRequired || field.isList)) {
          drift.push(
            `${table}.${name}: ${nullable ? "nullable" : "NOT NULL"} in the database, ${field.isRequired ? "required" : "optional"} in the model`,
          );
        }
      }
      const modelled = new Set(scalarFields.map(columnName));
      for (const name of tableColumns.keys()) {
        if (!modelled.has(name)) drift.push(`${table}.${name}: in the database, not in the model`);
      }

      const toColumns = (fields: readonly string[]) =>
        fields.map((field) => fieldColumns.get(field) ?? field);
      const tableConstraints = constraints.filter((row) => row.table_name === table);
      const primary = tableConstraints.find((row) => row.type === "p");
      const modelPrimary =
        model.primaryKey?.fields ?? scalarFields.filter((f) => f.isId).map((f) => f.name);
      if (key(primary?.columns ?? []) !== key(toColumns(modelPrimary))) {
        drift.push(
          `${table}: primary key (${primary?.columns.join(", ") ?? "none"}) in the database, (${toColumns(modelPrimary).join(", ")}) in the model`,
        );
      }

      const databaseUniques = new Set([
        ...tableConstraints.filter((row) => row.type === "u").map((row) => key(row.columns)),
        ...uniqueIndexes.filter((row) => row.table_name === table).map((row) => key(row.columns)),
      ]);
      const modelUniques = new Set([
        ...scalarFields.filter((field) => field.isUnique).map((field) => key([columnName(field)])),
        ...model.uniqueFields.map((fields) => key(toColumns(fields))),
      ]);
      for (const unique of databaseUniques) {
        if (!modelUniques.has(unique))
          drift.push(`${table}: unique (${unique}) only in the database`);
      }
      for (const unique of modelUniques) {
        if (!databaseUniques.has(unique))
          drift.push(`${table}: unique (${unique}) only in the model`);
      }

      const databaseForeignKeys = new Set(
        tableConstraints
          .filter((row) => row.type === "f")
          .map(
            (row) =>
              `${key(row.columns)} -> ${row.foreign_table}(${key(row.foreign_columns ?? [])})`,
          ),
      );
      const modelForeignKeys = new Set(
        model.fields
          .filter((field) => field.kind === "object" && (field.relationFromFields?.length ?? 0) > 0)
          .map((field) => {
            const target = datamodel.models.find((candidate) => candidate.name === field.type);
            const targetColumns = (field.relationToFields ?? []).map(
              (name) => target?.fields.find((f) => f.name === name)?.dbName ?? name,
            );
            return `${key(toColumns(field.relationFromFields ?? []))} -> ${target === undefined ? field.type : tableName(target)}(${key(targetColumns)})`;
          }),
      );
      for (const foreignKey of databaseForeignKeys) {
        if (!modelForeignKeys.has(foreignKey))
          drift.push(`${table}: foreign key ${foreignKey} only in the database`);
      }
      for (const foreignKey of modelForeignKeys) {
        if (!databaseForeignKeys.has(foreignKey))
          drift.push(`${table}: foreign key ${foreignKey} only in the model`);
      }
    }
    return drift;
  } finally {
    await client.end();
  }
}
