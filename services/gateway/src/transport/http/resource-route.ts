import type { ErrorCode } from "@orrery/errors";
import type { Request } from "express";
import type { z } from "zod";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute, type Infer, type RouteDefinition, type RouteResult } from "./route.js";

/**
 * A kind of thing an account owns and the API names by id (a batch, a webhook endpoint, a
 * message, a saved report): the routes on one of them share its tag, scope, path parameters and
 * the problem answered for an id the caller does not own.
 */
export interface Resource<Params extends z.ZodType> {
  readonly tag: string;
  readonly scope: string;
  readonly params: Params;
  readonly paramsExample: z.input<Params>;
  /** Answered for an unknown id and for another account's alike (404). */
  readonly notFound: ErrorCode;
}

/** A route that takes a body declares it with an example of it (a request that succeeds). */
type BodySpec<Body> = [Body] extends [z.ZodType]
  ? { readonly body: Body; readonly bodyExample: z.input<Body> }
  : { readonly body?: undefined; readonly bodyExample?: undefined };

interface ResourceRouteSpec<
  Params extends z.ZodType,
  Body extends z.ZodType | undefined,
  Query extends z.ZodType | undefined,
> extends Pick<
    RouteDefinition,
    "method" | "path" | "operationId" | "summary" | "description" | "idempotent" | "responses"
  > {
  /** Default the resource's (reading and changing one may need different scopes). */
  readonly scope?: string;
  /** Problems of this route beside the resource's not-found and the upstream ones. */
  readonly problems?: readonly ErrorCode[];
  readonly query?: Query;
  /**
   * Runs for the authenticated caller's account only: every service call on the resource is
   * made with this `accountId`, so another tenant's id is not found.
   */
  readonly handler: (input: {
    readonly accountId: string;
    readonly params: z.output<Params>;
    readonly body: Infer<Body>;
    readonly query: Infer<Query>;
    readonly request: Request;
  }) => Promise<RouteResult>;
}

/** A route on one resource of the calling account, named by its id in the path. */
export function defineResourceRoute<
  Params extends z.ZodType,
  Body extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
>(
  resource: Resource<Params>,
  spec: ResourceRouteSpec<Params, Body, Query> & BodySpec<Body>,
): RouteDefinition {
  const route = {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    tags: [resource.tag],
    scope: spec.scope ?? resource.scope,
    ...(spec.idempotent === undefined ? {} : { idempotent: spec.idempotent }),
    request: {
      params: resource.params,
      ...(spec.query === undefined ? {} : { query: spec.query }),
      ...(spec.body === undefined ? {} : { body: spec.body }),
    },
    example: {
      params: resource.paramsExample,
      ...(spec.bodyExample === undefined ? {} : { body: spec.bodyExample }),
    },
    problems: [resource.notFound, ...(spec.problems ?? []), ...UPSTREAM_PROBLEMS],
    responses: spec.responses,
    handler: async ({
      params,
      body,
      query,
      request,
      caller,
    }: {
      params: z.output<Params>;
      body: Infer<Body>;
      query: Infer<Query>;
      request: Request;
      caller: Parameters<typeof requireCaller>[0];
    }) =>
      spec.handler({ accountId: requireCaller(caller).accountId, params, body, query, request }),
  };
  return defineRoute(route as unknown as Parameters<typeof defineRoute>[0]);
}
