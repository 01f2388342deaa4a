#!/usr/bin/env node
// Creates another admin key (scope `admin`, on the operator account, which is created when
// missing) from a shell that has the service's environment, and prints it once. Nothing keeps
// the plaintext: store it in a secret manager.
//
//   node services/api-key/dist/cli/create-admin-key.js --name "on-call 2026-11"
import { parseArgs } from "node:util";
import { runCommand } from "./command-line.js";

const { values } = parseArgs({
  options: { name: { type: "string" }, help: { type: "boolean", short: "h" } },
});
if (values.help === true || values.name === undefined) {
  console.error('usage: create-admin-key --name "<what this key is for>"');
  process.exit(values.help === true ? 0 : 64);
}
const name = values.name;

await runCommand("create-admin-key", async ({ accounts }) => {
  const issued = await accounts.createAdminKey(name);
  console.log(issued.key);
  console.error(
    `created key ${issued.apiKey.id} (${issued.apiKey.start}…) on operator account ${issued.account.id}; ` +
      "it is shown once and stored only as a hash",
  );
});
