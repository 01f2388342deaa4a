#!/usr/bin/env node
// Prints the public API's OpenAPI document, as the gateway serves it, from the route
// declarations and the shipped policy file (no stack needed): the SDK is generated from it.
//
//   node services/gateway/dist/cli/print-openapi.js > libs/sdk/openapi.json
import { readFileSync } from "node:fs";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { apiDocument } from "../api-document.js";

const { version } = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
) as { version: string };
process.stdout.write(
  `${JSON.stringify(apiDocument(loadPolicyFile(defaultPolicyPath), version), null, 2)}\n`,
);
