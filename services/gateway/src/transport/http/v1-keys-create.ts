import { DomainError } from "@orrery/errors";
import { ADMIN_SCOPE, SCOPES } from "@orrery/key-contract";
import { KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { assertGrantable, isAdmin } from "../../domain/authentication.js";
import { AccountIdSchema } from "./account-schemas.js";
import { requireCaller } from "./caller.js";
import { dateToTimestamp, keyJson, overridesToMessage } from "./key-messages.js";
import {
  ISSUED_KEY_EXAMPLE,
  IssuedKeySchema,
  LimitOverridesSchema,
  ScopeSchema,
} from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { displayName, nameSchema } from "./text-schemas.js";

const KEY_NAME_MAX = 100;

const CreateKeyBodySchema = z
  .strictObject({
    name: nameSchema(KEY_NAME_MAX).describe(
      'What the key is for, e.g. "production server" (printable text, trimmed).',
    ),
    scopes: z
      .array(ScopeSchema)
      .min(1)
      .max(SCOPES.length)
      .describe(
        "What the key may do; at most the caller's own scopes (admin only for the operator account's keys).",
      ),
    environment: z
      .enum(["live", "test"])
      .optional()
      .describe("orr_live_ or orr_test_ prefix; defaults to the calling key's environment."),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        "When the key stops working, in the future (422 expiry-in-past); never, when left out.",
      ),
    overrides: LimitOverridesSchema.optional(),
    accountId: AccountIdSchema.optional().describe(
      "Admin keys only: the account to create the key for (default: the caller's).",
    ),
  })
  .meta({ id: "CreateKeyRequest" });

/** POST /v1/keys: a new key; its secret is in this response and nowhere else, ever. */
export function v1KeysCreate(clients: KeyManagementClients) {
  return defineRoute({
    method: "POST",
    path: "/v1/keys",
    operationId: "createKey",
    summary: "Create an API key",
    description:
      "Returns the new key's secret in `key`, once: it is stored only as a hash and no later response contains it. A key can grant only scopes it holds; admin keys may create keys for any account (`accountId`). Not idempotent by Idempotency-Key (the response is never stored).",
    tags: ["keys"],
    scope: "keys:manage",
    idempotent: false,
    request: { body: CreateKeyBodySchema },
    example: { body: { name: "production server", scopes: ["charts:read"] } },
    problems: [
      "ACCOUNT_NOT_FOUND",
      "SCOPE_NOT_GRANTABLE",
      "KEY_LIMIT_REACHED",
      "INVALID_NAME",
      "EXPIRY_IN_PAST",
      ...UPSTREAM_PROBLEMS,
    ],
    responses: {
      201: {
        description: "The key, with its secret.",
        schema: IssuedKeySchema,
        example: ISSUED_KEY_EXAMPLE,
        headers: { Location: { description: "/v1/keys/{keyId}" } },
      },
    },
    handler: async ({ body, caller }) => {
      const auth = requireCaller(caller);
      const accountId = body.accountId ?? auth.accountId;
      if (accountId !== auth.accountId && !isAdmin(auth)) {
        throw new DomainError("ACCOUNT_NOT_FOUND", `No account ${accountId}.`);
      }
      assertGrantable(auth, body.scopes);
      if (body.scopes.includes(ADMIN_SCOPE) && accountId !== auth.accountId) {
        throw new DomainError(
          "SCOPE_NOT_GRANTABLE",
          "Only the operator account's keys may hold the admin scope.",
          { metadata: { scopes: ADMIN_SCOPE } },
        );
      }
      const name = displayName(body.name, "name", KEY_NAME_MAX);
      if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= Date.now()) {
        throw new DomainError("EXPIRY_IN_PAST", "expiresAt must be in the future.", {
          violations: [{ field: "expiresAt", code: "EXPIRY_IN_PAST", message: "In the past." }],
        });
      }
      const environment = body.environment ?? auth.environment;
      const created = await clients.keys.createKey({
        accountId,
        name,
        scopes: body.scopes,
        environment: environment === "test" ? KeyEnvironment.TEST : KeyEnvironment.LIVE,
        expiresAt: dateToTimestamp(body.expiresAt),
        overrides: overridesToMessage(body.overrides),
      });
      const apiKey = keyJson(created.apiKey);
      return {
        status: 201,
        headers: { location: `/v1/keys/${apiKey.id}` },
        json: { ...apiKey, key: created.key },
      };
    },
  });
}
