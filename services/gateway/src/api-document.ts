import type { Policy } from "@orrery/policy";
import type { oas31 } from "zod-openapi";
import { type AppDependencies, publicRoutes } from "./app.js";
import { buildOpenApiDocument } from "./transport/http/openapi.js";
import type { RouteDefinition } from "./transport/http/route.js";

/** A service that is not there: reading a route's declaration is fine, calling it is a bug. */
const absent: object = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`route declarations only: nothing serves ${String(property)} here`);
    },
  },
);

/**
 * Every route of the public API as declared, without the services behind the handlers (none is
 * called): what the document is built from, for the SDK's generator and the tests.
 */
export function declaredRoutes(policy: Policy, version: string): RouteDefinition[] {
  const dependencies = new Proxy({} as AppDependencies, {
    get(_target, property) {
      if (property === "version") return version;
      if (property === "downstream") return [];
      if (property === "policy") return () => policy;
      return absent;
    },
  });
  return publicRoutes(dependencies, () => "");
}

/** The OpenAPI document the gateway serves at /v1/openapi.json, built without a running stack. */
export function apiDocument(policy: Policy, version: string): oas31.OpenAPIObject {
  return buildOpenApiDocument(declaredRoutes(policy, version), { version }, policy);
}
