import { DomainError } from "@orrery/errors";
import type { NextFunction, Request, Response, Router } from "express";
import type { z } from "zod";
import type { IdempotencyGuard } from "./middleware/idempotency.js";
import { hasBody, parseJsonBody, readJsonBodyText } from "./request-body.js";
import { routeFactsOf } from "./request-context.js";
import { writeResult } from "./response-writer.js";
import type {
  HttpMethod,
  MatchedRoute,
  RateLimitVerdict,
  RouteDefinition,
  RouteGuards,
  RouteResult,
} from "./route.js";
import { ValidatedBodies } from "./validated-bodies.js";
import { type Violation, validationError, validationViolations } from "./validation.js";

export interface MountOptions {
  readonly guards: RouteGuards;
  readonly idempotency: IdempotencyGuard;
  /** Largest accepted request body, bytes (413 above it). */
  readonly maxBodyBytes: number;
}

export function expressPath(template: string): string {
  return template.replaceAll(/\{([A-Za-z0-9_]+)\}/g, ":$1");
}

/**
 * Mounts every route on a router: match → guards (authenticate, then rate limit) → content type
 * and body (415, 413, malformed JSON) → validation (400 listing every bad field, unknown fields
 * rejected) → idempotency (POST) → handler → response. What it learns on the way (route, caller,
 * rate-limit verdict, cache hit) it records in the request context, from the values the guards
 * and the handler return. A known path with another method answers 405 with Allow.
 */
export function mountRoutes(
  router: Router,
  routes: readonly RouteDefinition[],
  options: MountOptions,
): void {
  const { authenticate, rateLimit } = options.guards;
  const methodsByPath = new Map<string, HttpMethod[]>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? [];
    if (methods.includes(route.method)) {
      throw new Error(`route ${route.method} ${route.path} is declared twice`);
    }
    methods.push(route.method);
    methodsByPath.set(route.path, methods);

    const matched: MatchedRoute = {
      method: route.method,
      path: route.path,
      scope: route.scope,
      operationId: route.operationId,
      key: `${route.method} ${route.path}`,
    };
    const bodySchema = route.request?.body;
    const validatedBodies = bodySchema === undefined ? undefined : new ValidatedBodies();
    const querySchema = route.request?.query;
    const paramsSchema = route.request?.params;

    const fieldCodes = route.fieldCodes;

    const chain = async (request: Request, response: Response, next: NextFunction) => {
      const facts = routeFactsOf(request);
      let refund: RateLimitVerdict["refund"];
      // A request is billed only when it succeeds and is not a replay: otherwise its quota units
      // go back before the response (and its usage event) leaves.
      const notBilled = async () => {
        if (refund === undefined) return;
        const undo = refund;
        refund = undefined;
        facts.quotaUse = await undo();
        facts.charged = 0;
      };
      try {
        facts.route = matched;
        const caller =
          authenticate === undefined ? undefined : await authenticate(matched, request, response);
        facts.caller = caller;
        if (caller !== undefined && rateLimit !== undefined) {
          const verdict = await rateLimit(matched, caller, response);
          facts.quotaUse = verdict.quotaUse;
          facts.charged = verdict.charged;
          facts.sandbox = verdict.sandbox;
          if (verdict.refusal !== undefined) {
            facts.rateLimited = true;
            throw verdict.refusal;
          }
          refund = verdict.refund;
        }

        let bodyText: string | undefined;
        if (route.upload !== undefined) {
          // The handler reads the body as a stream.
        } else if (bodySchema !== undefined) {
          if (hasBody(request)) {
            bodyText = await readJsonBodyText(request, response, options.maxBodyBytes);
          }
        } else if (hasBody(request)) {
          throw new DomainError(
            "UNEXPECTED_BODY",
            `${route.method} ${route.path} takes no request body.`,
          );
        }
        const violations: Violation[] = [];
        // The same body text validates the same way every time: repeats (popular inputs) reuse
        // the earlier result instead of parsing and validating again.
        const remembered = bodyText === undefined ? undefined : validatedBodies?.get(bodyText);
        let body: unknown;
        let parsedBody: unknown;
        if (remembered !== undefined) {
          body = remembered.body;
          parsedBody = remembered.parsed;
        } else {
          if (bodyText !== undefined) body = parseJsonBody(bodyText);
          parsedBody = validate(bodySchema, body, "", violations, fieldCodes);
          if (bodyText !== undefined && violations.length === 0) {
            validatedBodies?.remember(bodyText, body, parsedBody);
          }
        }
        // request.query parses the query string on access: only routes that declare one pay for it.
        const parsedQuery =
          querySchema === undefined
            ? {}
            : validate(querySchema, request.query, "query:", violations, fieldCodes);
        const parsedParams =
          paramsSchema === undefined
            ? request.params
            : validate(paramsSchema, request.params, "path:", violations, fieldCodes);
        if (violations.length > 0) throw validationError(violations);

        const input = {
          body: parsedBody,
          query: parsedQuery,
          params: parsedParams,
          request,
          caller,
        };
        const run = () => route.handler(input as never);
        const result =
          route.method === "GET"
            ? await run()
            : route.idempotent === false
              ? await runWithoutIdempotency(request, run)
              : await options.idempotency.run(matched, request, caller, body, run);
        facts.cacheHit = result.cacheHit === true;
        if (result.charge !== undefined) {
          facts.charged += result.charge.units;
          facts.quotaUse = result.charge.quotaUse ?? facts.quotaUse;
        }
        if ((result.status ?? 200) >= 400 || result.replayed === true) await notBilled();
        await writeResult(request, response, result, route.cacheControl);
      } catch (error) {
        await notBilled();
        next(error);
      }
    };
    router[route.method.toLowerCase() as "get"](expressPath(route.path), chain);
  }

  for (const [path, methods] of methodsByPath) {
    const allowed = methods.includes("GET") ? [...methods, "HEAD"] : methods;
    router.all(expressPath(path), (request, response, next) => {
      if (request.method === "OPTIONS") {
        response
          .setHeader("allow", [...allowed, "OPTIONS"].join(", "))
          .status(204)
          .end();
        return;
      }
      response.setHeader("allow", allowed.join(", "));
      next(
        new DomainError(
          "METHOD_NOT_ALLOWED",
          `${request.method} is not allowed on ${path}; allowed: ${allowed.join(", ")}.`,
        ),
      );
    });
  }
}

function runWithoutIdempotency(
  request: Request,
  run: () => Promise<RouteResult>,
): Promise<RouteResult> {
  if (request.headers["idempotency-key"] !== undefined) {
    throw new DomainError(
      "IDEMPOTENCY_KEY_NOT_SUPPORTED",
      "This route returns a secret exactly once and never stores its response, so it cannot honour Idempotency-Key; list the resources to see whether an earlier attempt succeeded.",
    );
  }
  return run();
}

function validate(
  schema: z.ZodType | undefined,
  value: unknown,
  prefix: string,
  violations: Violation[],
  fieldCodes: RouteDefinition["fieldCodes"],
): unknown {
  if (schema === undefined) return value;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  violations.push(...validationViolations(parsed.error.issues, prefix, fieldCodes));
  return undefined;
}
