// JSON schema fragments of the values, each shape declared once.
import { definition, type JsonSchema } from "./values-tree.js";

export const boolean: JsonSchema = { type: "boolean" };
export const string: JsonSchema = { type: "string" };
export const nonEmptyString: JsonSchema = { type: "string", minLength: 1 };
export const integerFrom = (minimum: number, maximum?: number): JsonSchema => ({
  type: "integer",
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
export const oneOf = (...values: readonly string[]): JsonSchema => ({ enum: values });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: "array", items });
export const stringMap: JsonSchema = definition("stringMap", {
  type: "object",
  additionalProperties: { type: "string" },
});

export const port = definition("port", { type: "integer", minimum: 1, maximum: 65535 });
/** A DNS-1123 subdomain: Secret, registry-Secret and PriorityClass names. */
export const resourceName = definition("resourceName", {
  type: "string",
  pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$",
  maxLength: 253,
});
/** A DNS-1123 label: Service names. */
export const serviceName = definition("serviceName", {
  type: "string",
  pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
  maxLength: 63,
});
export const quantity = definition("quantity", {
  type: ["string", "number"],
  pattern: "^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$",
});
export const duration = definition("duration", { type: "string", pattern: "^[0-9]+(ms|s|m|h)$" });
export const environmentName = { pattern: "^[A-Z_][A-Z0-9_]*$" };
export const imageTag: JsonSchema = { type: "string", pattern: "^([\\w][\\w.-]{0,127})?$" };
export const imageDigest: JsonSchema = { type: "string", pattern: "^(sha256:[a-f0-9]{64})?$" };
export const pullPolicy = oneOf("Always", "IfNotPresent", "Never");
export const logLevel = oneOf("fatal", "error", "warn", "info", "debug", "trace", "silent");

const labelSelector = {
  type: "object",
  additionalProperties: false,
  properties: { matchLabels: stringMap, matchExpressions: arrayOf({ type: "object" }) },
};
/** A NetworkPolicyPeer. */
export const networkPeers = definition("networkPeers", {
  type: "array",
  items: {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: {
      podSelector: labelSelector,
      namespaceSelector: labelSelector,
      ipBlock: {
        type: "object",
        additionalProperties: false,
        required: ["cidr"],
        properties: { cidr: string, except: arrayOf(string) },
      },
    },
  },
});
const networkPorts = arrayOf({
  type: "object",
  additionalProperties: false,
  properties: {
    protocol: oneOf("TCP", "UDP", "SCTP"),
    port: { type: ["integer", "string"] },
    endPort: port,
  },
});
// NetworkPolicy rules: ports, and the peers traffic comes `from` (ingress) or goes `to` (egress).
const networkRules = (name: string, peers: "from" | "to") =>
  definition(name, {
    type: "array",
    items: {
      type: "object",
      additionalProperties: false,
      properties: { ports: networkPorts, [peers]: networkPeers },
    },
  });
export const ingressRules = networkRules("ingressRules", "from");
export const egressRules = networkRules("egressRules", "to");
/** An IPv4 or IPv6 range in CIDR notation. */
export const cidr: JsonSchema = {
  type: "string",
  pattern: "^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3})$",
};
