import { DomainError } from "@orrery/errors";
import { KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { assertGrantable, isAdmin } from "../../domain/authentication.js";
import { requireCaller } from "./caller.js";
import { dateToTimestamp, keyJson, overridesToMessage } from "./key-messages.js";
import { IssuedKeySchema, LimitOverridesSchema, ScopeSchema } from "./key-schemas.js";
import { defineRoute } from "./route.js";

const CreateKeyBodySchema = z
  .strictObject({
    name: z.string().min(1).max(100).describe('What the key is for, e.g. "production server".'),
    scopes: z
      .array(ScopeSchema)
      .min(1)
      .describe("What the key may do; at most the caller's own scopes."),
    environment: z
      .enum(["live", "test"])
      .optional()
      .describe("orr_live_ or orr_test_ prefix; defaults to the calling key's environment."),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When the key stops working; never, when left out."),
    overrides: LimitOverridesSchema.optional(),
    accountId: z
      .string()
      .optional()
      .describe("Admin keys only: the account to create the key for (default: the caller's)."),
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
    cost: 1,
    idempotent: false,
    request: { body: CreateKeyBodySchema },
    responses: {
      201: {
        description: "The key, with its secret.",
        schema: IssuedKeySchema,
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
      const environment = body.environment ?? auth.environment;
      const created = await clients.keys.createKey({
        accountId,
        name: body.name,
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
