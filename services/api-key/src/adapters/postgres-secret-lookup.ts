import { metrics } from "@opentelemetry/api";
import type { KeyEnvironment } from "@orrery/key-contract";
import type { PlanName } from "@orrery/policy";
import type pg from "pg";
import type { Account, ApiKey } from "../domain/model.js";
import type { SecretLookup } from "../domain/ports.js";
import { overridesFromJson } from "./prisma-rows.js";

interface Row {
  id: string;
  account_id: string;
  name: string;
  environment: string;
  start: string;
  scopes: string[];
  limit_overrides: unknown;
  expires_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
  rotated_at: Date | null;
  replaced_by_key_id: string | null;
  revoked_at: Date | null;
  a_name: string;
  a_plan: string;
  a_status: string;
  a_limit_overrides: unknown;
  a_billing_cycle_anchor_day: number;
  a_operator: boolean;
  a_suspension_reason: string | null;
  a_created_at: Date;
  a_updated_at: Date;
  a_suspended_at: Date | null;
}

const LOOKUP = {
  name: "api-key-verify-by-hash",
  text: `SELECT k.id, k.account_id, k.name, k.environment, k.start, k.scopes, k.limit_overrides,
       k.expires_at, k.last_used_at, k.created_at, k.rotated_at, k.replaced_by_key_id, k.revoked_at,
       a.name AS a_name, a.plan AS a_plan, a.status AS a_status,
       a.limit_overrides AS a_limit_overrides, a.billing_cycle_anchor_day AS a_billing_cycle_anchor_day,
       a.operator AS a_operator, a.suspension_reason AS a_suspension_reason,
       a.created_at AS a_created_at, a.updated_at AS a_updated_at, a.suspended_at AS a_suspended_at
FROM api_keys k JOIN accounts a ON a.id = k.account_id
WHERE k.secret_hash = $1`,
};

/**
 * The one query on the hot path (every VerifyKey), as a prepared statement on node-postgres
 * rather than through Prisma: Prisma's findUnique with its account costs several times the CPU
 * per lookup (the api-key bench measures VerifyKey per core). Everything else (writes, lists)
 * stays on Prisma, on the same pool; the schema test covers these columns.
 */
export class PostgresSecretLookup implements SecretLookup {
  // Every database lookup of a presented secret, so tests and operators can see which requests
  // reached the database (a malformed key must not). Made here: the meter provider exists by now.
  private readonly lookups = metrics
    .getMeter("@orrery/api-key")
    .createCounter("apikey_secret_lookups_total", {
      description: "Database lookups of a presented key by the hash of its secret",
    });

  constructor(private readonly pool: pg.Pool) {}

  async findByHash(secretHash: Buffer): Promise<{ key: ApiKey; account: Account } | undefined> {
    this.lookups.add(1);
    const { rows } = await this.pool.query<Row>({ ...LOOKUP, values: [secretHash] });
    const row = rows[0];
    if (row === undefined) return undefined;
    const key: ApiKey = {
      id: row.id,
      accountId: row.account_id,
      name: row.name,
      environment: row.environment as KeyEnvironment,
      start: row.start,
      scopes: row.scopes,
      overrides: overridesFromJson(row.limit_overrides as never),
      expiresAt: row.expires_at ?? undefined,
      lastUsedAt: row.last_used_at ?? undefined,
      createdAt: row.created_at,
      rotatedAt: row.rotated_at ?? undefined,
      replacedByKeyId: row.replaced_by_key_id ?? undefined,
      revokedAt: row.revoked_at ?? undefined,
    };
    const account: Account = {
      id: row.account_id,
      name: row.a_name,
      plan: row.a_plan as PlanName,
      status: row.a_status === "suspended" ? "suspended" : "active",
      overrides: overridesFromJson(row.a_limit_overrides as never),
      billingCycleAnchorDay: row.a_billing_cycle_anchor_day,
      operator: row.a_operator,
      suspensionReason: row.a_suspension_reason ?? undefined,
      createdAt: row.a_created_at,
      updatedAt: row.a_updated_at,
      suspendedAt: row.a_suspended_at ?? undefined,
    };
    return { key, account };
  }
}
