import type { MessageInitShape } from "@bufbuild/protobuf";
import { DomainError } from "@orrery/errors";
import {
  type BatchItemSchema as BatchItemMessage,
  BatchStatus,
} from "@orrery/proto/batch/v1/batch";
import type { Request } from "express";
import { limitsOf } from "../../domain/authentication.js";
import { BATCH_ITEM_TYPE_SPECS } from "./batch-item-types.js";
import { batchJson, windowSeconds } from "./batch-messages.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import {
  BATCH_EXAMPLE,
  BATCH_ITEM_EXAMPLE,
  BatchItemSchema,
  BatchLinesSchema,
  BatchMetadataSchema,
  BatchSchema,
  CompletionWindowSchema,
  CreateBatchJsonSchema,
  CreateBatchQuerySchema,
} from "./batch-schemas.js";
import { readUpload, type UploadSettings, uploadKind } from "./batch-upload.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute, type MatchedRoute } from "./route.js";
import { type Violation, validationError, validationViolations } from "./validation.js";

const CREATE_ROUTE: MatchedRoute = {
  method: "POST",
  path: "/v1/batches",
  scope: "batches:write",
  operationId: "createBatch",
  key: "POST /v1/batches",
};

/** Items sent to BatchService per AppendBatchItems. */
const APPEND_CHUNK = 500;
/** Problems of invalid items an all-invalid batch's 400 lists at most. */
const LISTED_PROBLEMS = 20;
const MAX_WINDOW_SECONDS = 7 * 24 * 3600;

interface StoredProblem {
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly Violation[];
}

function sizeLimitExceeded(limit: number): DomainError {
  return new DomainError(
    "BATCH_SIZE_LIMIT_EXCEEDED",
    `The plan allows ${limit} items in one batch; split the upload.`,
    { metadata: { limit: String(limit) } },
  );
}

/**
 * One uploaded item validated as its synchronous route would validate its body: a valid item's
 * params as that route's schema produced them, or the problem that route would have answered.
 */
function validateItem(
  value: unknown,
  request: Request,
  customIds: Set<string>,
): { customId: string; type: string; params?: string; problem?: StoredProblem } {
  const envelope = BatchItemSchema.safeParse(value, { reportInput: true });
  const raw = value as { customId?: unknown; type?: unknown } | null;
  const customId = typeof raw?.customId === "string" ? raw.customId.slice(0, 64) : "";
  const type = typeof raw?.type === "string" ? raw.type.slice(0, 32) : "";
  if (!envelope.success) {
    const violations = validationViolations(envelope.error.issues, "");
    return { customId, type, problem: toProblem(validationError(violations)) };
  }
  const item = envelope.data;
  if (customIds.has(item.customId)) {
    return {
      customId,
      type,
      problem: toProblem(
        validationError([
          {
            field: "customId",
            code: "DUPLICATE_VALUE",
            message: "customId is unique within a batch.",
          },
        ]),
      ),
    };
  }
  customIds.add(item.customId);
  const spec = BATCH_ITEM_TYPE_SPECS[item.type];
  const parsed = spec.schema.safeParse(item.params, { reportInput: true });
  if (!parsed.success) {
    const violations = validationViolations(parsed.error.issues, "", spec.fieldCodes);
    return { customId, type, problem: toProblem(validationError(violations)) };
  }
  const params = spec.settle?.(parsed.data as Record<string, unknown>, request) ?? parsed.data;
  return { customId, type, params: JSON.stringify(params) };
}

function toProblem(error: DomainError): StoredProblem {
  return {
    code: error.code,
    detail: error.message,
    ...(error.violations.length === 0 ? {} : { errors: error.violations }),
  };
}

function settingsOf(settings: UploadSettings, query: { completionWindow?: string | undefined }) {
  const violations: Violation[] = [];
  const metadata = BatchMetadataSchema.optional().safeParse(settings.metadata);
  if (!metadata.success)
    violations.push(...validationViolations(metadata.error.issues, "metadata."));
  const window = CompletionWindowSchema.optional().safeParse(settings.completionWindow);
  if (!window.success) {
    violations.push(...validationViolations(window.error.issues, "completionWindow"));
  }
  const text = (window.success ? window.data : undefined) ?? query.completionWindow;
  const seconds = text === undefined ? 0 : windowSeconds(text);
  if (seconds > MAX_WINDOW_SECONDS) {
    violations.push({ field: "completionWindow", code: "OUT_OF_RANGE", message: "At most 168h." });
  }
  if (violations.length > 0) throw validationError(violations);
  return { metadata: (metadata.success ? metadata.data : undefined) ?? {}, seconds };
}

/** POST /v1/batches: a batch uploaded as a stream, validated item by item, then started. */
export function v1BatchesCreate(dependencies: BatchRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/batches",
    operationId: "createBatch",
    summary: "Create a batch",
    description: `Up to the plan's maxBatchSize items (premium: 50,000) computed asynchronously. The body is JSON \`{ items, metadata?, completionWindow? }\` or JSONL (application/jsonl or application/x-ndjson), one item per line; each item \`{ customId, type, params }\` with params exactly the body of the type's synchronous route, validated by the same schema. The upload is read as a stream (at most 100 MiB by default: batch-upload-too-large). An item larger than 64 KiB (a JSONL line, or a JSON item as compact JSON) fails alone with batch-item-too-large. An invalid item does not sink the batch: it is recorded as failed with its index (line number - 1 for JSONL), customId and problem, listed by GET /v1/batches/{batchId}/errors. A batch whose every item is invalid is refused (batch-all-items-invalid), as is an empty one. Each valid item costs the policy's costPerItem request units, charged at submission, all or nothing: a batch that does not fit the remaining monthly quota is refused with quota-exceeded and charges nothing.`,
    tags: ["batches"],
    scope: "batches:write",
    request: { query: CreateBatchQuerySchema },
    upload: {
      description:
        "JSON, or JSONL with one item per line. The JSON form's items, metadata and completionWindow as CreateBatchRequest describes.",
      content: {
        "application/json": {
          schema: CreateBatchJsonSchema,
          example: { items: [BATCH_ITEM_EXAMPLE], metadata: { project: "newsletter-2027" } },
        },
        // One item per line: described, with its example, as the array of the lines' values
        // (OpenAPI 3.1 has no schema for a sequence of documents).
        "application/jsonl": {
          schema: BatchLinesSchema,
          example: [BATCH_ITEM_EXAMPLE],
        },
        "application/x-ndjson": {
          schema: BatchLinesSchema,
          example: [BATCH_ITEM_EXAMPLE],
        },
      },
    },
    problems: [
      "BATCH_EMPTY",
      "BATCH_ALL_ITEMS_INVALID",
      "BATCH_UPLOAD_TOO_LARGE",
      "BATCH_SIZE_LIMIT_EXCEEDED",
      "CONCURRENT_BATCH_LIMIT_REACHED",
      "QUOTA_EXCEEDED",
      ...UPSTREAM_PROBLEMS,
    ],
    responses: {
      202: {
        description: "The batch, accepted and in progress.",
        schema: BatchSchema,
        example: BATCH_EXAMPLE,
        headers: { Location: { description: "/v1/batches/{batchId}" } },
      },
    },
    handler: async ({ query, caller, request }) => {
      const identity = requireCaller(caller);
      const { accountId } = identity;
      const limits = limitsOf(identity, dependencies.policy());
      const kind = uploadKind(request);
      const running = await dependencies.client.listBatches({
        accountId,
        pageSize: Math.min(100, limits.concurrentBatches + 1),
        status: BatchStatus.IN_PROGRESS,
      });
      if (running.batches.length >= limits.concurrentBatches) {
        throw new DomainError(
          "CONCURRENT_BATCH_LIMIT_REACHED",
          `The plan allows ${limits.concurrentBatches} batches running at once; wait for one to finish.`,
          { metadata: { limit: String(limits.concurrentBatches) } },
        );
      }
      const idempotencyKey = request.headers["idempotency-key"];
      const created = await dependencies.client.createBatch({
        accountId,
        idempotencyKey: typeof idempotencyKey === "string" ? idempotencyKey : "",
      });
      const batchId = created.batch?.id ?? "";
      if (created.existing) {
        request.resume();
        return {
          status: 202,
          headers: { location: `/v1/batches/${batchId}` },
          json: batchJson(created.batch),
        };
      }
      // One append in flight while the next chunk is read and validated: the upload does not
      // wait out each append's round trip, and no more than two chunks are held.
      let appending: Promise<unknown> | undefined;
      try {
        const settings: UploadSettings = {};
        const customIds = new Set<string>();
        let chunk: MessageInitShape<typeof BatchItemMessage>[] = [];
        let items = 0;
        let valid = 0;
        const problems: Violation[] = [];
        const flush = async () => {
          if (chunk.length === 0) return;
          const sending = chunk;
          chunk = [];
          await appending;
          appending = dependencies.client.appendBatchItems({ accountId, batchId, items: sending });
          // Awaited by the next flush or after the last; marked handled so that a failure
          // surfacing before then is not reported as unhandled.
          appending.catch(() => undefined);
        };
        for await (const uploaded of readUpload(
          request,
          kind,
          { maxBytes: dependencies.maxUploadBytes, maxItemBytes: dependencies.maxItemBytes },
          settings,
        )) {
          items += 1;
          if (items > limits.maxBatchSize) throw sizeLimitExceeded(limits.maxBatchSize);
          const item =
            "malformed" in uploaded
              ? {
                  customId: "",
                  type: "",
                  problem: { code: "MALFORMED_JSON", detail: uploaded.malformed },
                }
              : "oversized" in uploaded
                ? {
                    customId: uploaded.customId,
                    type: "",
                    problem: { code: "BATCH_ITEM_TOO_LARGE", detail: uploaded.oversized },
                  }
                : validateItem(uploaded.value, request, customIds);
          if (item.problem === undefined) valid += 1;
          else if (problems.length < LISTED_PROBLEMS) {
            for (const error of item.problem.errors ?? [
              { field: "(body)", code: item.problem.code, message: item.problem.detail },
            ]) {
              problems.push({ ...error, field: `items.${uploaded.index}.${error.field}` });
            }
          }
          chunk.push({
            index: uploaded.index,
            customId: item.customId,
            type: item.type,
            paramsJson: item.params ?? "",
            errorJson: item.problem === undefined ? "" : JSON.stringify(item.problem),
          });
          if (chunk.length >= APPEND_CHUNK) await flush();
        }
        const { metadata, seconds } = settingsOf(settings, query);
        if (items === 0) throw new DomainError("BATCH_EMPTY", "The upload holds no items.");
        if (valid === 0) {
          throw new DomainError(
            "BATCH_ALL_ITEMS_INVALID",
            `Every one of the ${items} items is invalid; nothing was charged.`,
            { violations: problems.slice(0, LISTED_PROBLEMS) },
          );
        }
        await flush();
        await appending;
        // All or nothing: every valid item is charged before any is computed.
        const policy = dependencies.policy();
        const units =
          policy.routeCost(CREATE_ROUTE.key, { itemCount: valid }) -
          policy.routeCost(CREATE_ROUTE.key);
        const verdict =
          dependencies.chargeItems === undefined || request.res === undefined
            ? undefined
            : await dependencies.chargeItems(CREATE_ROUTE, identity, request.res, units);
        if (verdict?.refusal !== undefined) throw verdict.refusal;
        let started: Awaited<ReturnType<typeof dependencies.client.startBatch>>;
        try {
          started = await dependencies.client.startBatch({
            accountId,
            batchId,
            metadata,
            completionWindowSeconds: seconds,
          });
        } catch (error) {
          await verdict?.refund?.();
          throw error;
        }
        return {
          status: 202,
          headers: { location: `/v1/batches/${batchId}` },
          json: batchJson(started.batch),
          charge: { units: verdict?.charged ?? 0, quotaUse: verdict?.quotaUse },
        };
      } catch (error) {
        // An append still in flight lands (or fails) before the batch is abandoned.
        await appending?.catch(() => undefined);
        await dependencies.client.abandonBatch({ accountId, batchId }).catch(() => undefined);
        if (error instanceof DomainError && error.kind === "payload_too_large") {
          // The rest of the body is never read: the connection closes after the answer.
          request.res?.setHeader("connection", "close");
        }
        throw error;
      }
    },
  });
}
