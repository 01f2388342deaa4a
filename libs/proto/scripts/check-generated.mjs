// Regenerates the protobuf code into a scratch folder and fails when the committed copy in
// src/gen differs, so a proto change without `pnpm --filter @orrery/proto generate` cannot land.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const protoDir = join(packageDir, "../../proto");
const committed = join(packageDir, "src/gen");
const scratch = mkdtempSync(join(tmpdir(), "orrery-proto-"));

function listFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(dir, path))
    .sort();
}

try {
  const template = JSON.stringify({
    version: "v2",
    plugins: [{ local: "protoc-gen-es", out: scratch, opt: ["target=ts", "import_extension=js"] }],
  });
  execFileSync("buf", ["lint"], { cwd: protoDir, stdio: "inherit" });
  execFileSync("buf", ["generate", "--template", template], { cwd: protoDir, stdio: "inherit" });
  const expected = listFiles(scratch);
  const actual = listFiles(committed);
  const problems = [];
  for (const file of new Set([...expected, ...actual])) {
    if (!expected.includes(file)) problems.push(`stale file (no longer generated): ${file}`);
    else if (!actual.includes(file)) problems.push(`missing generated file: ${file}`);
    else if (!readFileSync(join(scratch, file)).equals(readFileSync(join(committed, file)))) {
      problems.push(`out of date: ${file}`);
    }
  }
  if (problems.length > 0) {
    console.error(
      `Generated protobuf code in libs/proto/src/gen is stale:\n  ${problems.join("\n  ")}\n` +
        "Run `pnpm --filter @orrery/proto generate` and commit the result.",
    );
    process.exit(1);
  }
  console.log(`generated code is up to date (${expected.length} files)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
