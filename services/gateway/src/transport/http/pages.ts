import type { ErrorCode } from "@orrery/errors";
import { z } from "zod";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import {
  defineRoute,
  type Infer,
  type RequestExample,
  type RouteDefinition,
  type RouteInput,
} from "./route.js";

/** The query of a paged list: how many items, and where the previous page ended. */
export const PageQuerySchema = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(100).optional().describe("1-100, default 50."),
  pageToken: z.string().max(500).optional().describe("nextPageToken of the previous page."),
});

type PageQuery = z.output<typeof PageQuerySchema>;

/** The paging fields of a service's List RPC (0 and "" are its defaults: the first page of 50). */
export interface PageRequest {
  readonly pageSize: number;
  readonly pageToken: string;
}

/**
 * A list route: GET of one page, newest first, with `nextPageToken` until the last page. A
 * route declares what it lists and how to ask its service; the page's shape, its paging
 * problems and its answer are the same for every list.
 */
interface ListRouteSpec<Query extends z.ZodType<PageQuery>, Params extends z.ZodType | undefined> {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly scope: string;
  /** PageQuerySchema, or one that extends it with filters. */
  readonly query: Query;
  readonly params?: Params;
  readonly example: RequestExample<undefined, Query, Params>;
  /** Problems of this route beside an invalid page token and the upstream ones. */
  readonly problems?: readonly ErrorCode[];
  readonly page: {
    /** The page's schema id in the document, e.g. "ApiKeyPage". */
    readonly id: string;
    /** The field holding the items, e.g. "keys". */
    readonly field: string;
    readonly item: z.ZodType;
    readonly itemsDescription?: string;
    /** The 200 response's description, e.g. "A page of keys." */
    readonly description: string;
    readonly example: readonly unknown[];
  };
  /** Pages that change from one call to the next (report runs) are not kept by caches. */
  readonly noStore?: true;
  readonly list: (
    input: RouteInput<undefined, z.output<Query>, Infer<Params>>,
    page: PageRequest,
  ) => Promise<{ readonly items: readonly unknown[]; readonly nextPageToken: string }>;
}

export function defineListRoute<
  Query extends z.ZodType<PageQuery>,
  Params extends z.ZodType | undefined = undefined,
>(spec: ListRouteSpec<Query, Params>): RouteDefinition {
  const items = z.array(spec.page.item);
  const pageSchema = z
    .object({
      [spec.page.field]:
        spec.page.itemsDescription === undefined
          ? items
          : items.describe(spec.page.itemsDescription),
      nextPageToken: z.string().max(500).optional().describe("Absent on the last page."),
    })
    .meta({ id: spec.page.id });
  return defineRoute<undefined, Query, Params>({
    method: "GET",
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    tags: [spec.tag],
    scope: spec.scope,
    request: {
      query: spec.query,
      ...(spec.params === undefined ? {} : { params: spec.params }),
    },
    example: spec.example,
    problems: [...(spec.problems ?? []), "INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: spec.page.description,
        schema: pageSchema,
        example: { [spec.page.field]: spec.page.example },
      },
    },
    handler: async (routeInput) => {
      const input = routeInput as RouteInput<undefined, z.output<Query>, Infer<Params>>;
      const { items, nextPageToken } = await spec.list(input, {
        pageSize: input.query.pageSize ?? 0,
        pageToken: input.query.pageToken ?? "",
      });
      return {
        ...(spec.noStore === true ? { headers: { "cache-control": "no-store" } } : {}),
        json: {
          [spec.page.field]: items,
          ...(nextPageToken === "" ? {} : { nextPageToken }),
        },
      };
    },
  });
}
