#!/usr/bin/env node
// The local stack's first admin key, idempotently: on the first run it creates the operator
// account and an admin key, keeps the plaintext in ADMIN_KEY_FILE (.data/admin-key, mode 0600,
// git-ignored) and prints it; later runs print that key again while it still verifies. A
// development convenience only: in production it refuses (use create-admin-key, which keeps
// nothing). Run with api-key's environment, from the repository root.
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { runCommand } from "./command-line.js";

async function readStoredKey(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Written to a private temporary file and renamed, so no reader ever sees half a key. */
async function storeKey(path: string, key: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${key}\n`, { mode: 0o600, flag: "wx" });
  await rename(temporary, path);
  await chmod(path, 0o600);
}

await runCommand("bootstrap-admin", async ({ keys, accounts }, config) => {
  if (config.NODE_ENV === "production") {
    throw new Error(
      "refusing to store an admin key in a file in production; use create-admin-key, which prints it once",
    );
  }
  const path = resolve(config.ADMIN_KEY_FILE);
  const stored = await readStoredKey(path);
  if (stored !== undefined && stored !== "") {
    const verification = await keys.verifyKey(stored, ["admin"]);
    if (verification.result === "VALID") {
      console.log(stored);
      console.log(`(from ${path}; it still verifies)`);
      return;
    }
  }
  const issued = await accounts.createAdminKey("bootstrap admin key");
  await storeKey(path, issued.key);
  console.log(issued.key);
  console.log(
    `(new: key ${issued.apiKey.id} on operator account ${issued.account.id}; kept in ${path}, mode 0600)`,
  );
});
