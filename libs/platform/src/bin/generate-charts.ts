#!/usr/bin/env node
// Writes the service charts, the umbrella chart's values and skaffold.yaml from
// libs/platform/src/charts/services.ts; with --check, writes nothing and fails when a committed
// file differs.
import { fileURLToPath } from "node:url";
import {
  GENERATE_COMMAND,
  generatedFiles,
  readServiceVersions,
  staleFiles,
  writeGeneratedFiles,
} from "../charts/generate.js";

// dist/bin/generate-charts.js → the repository root.
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const check = process.argv.includes("--check");

const files = generatedFiles(await readServiceVersions(root));
if (check) {
  const problems = await staleFiles(root, files);
  if (problems.length > 0) {
    process.stderr.write(
      `Generated files differ from their declarations:\n  ${problems.join("\n  ")}\nRun \`${GENERATE_COMMAND}\` and commit the result.\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`generated files are up to date (${files.size} files)\n`);
  }
} else {
  await writeGeneratedFiles(root, files);
  process.stdout.write(`wrote ${files.size} files (charts/, skaffold.yaml)\n`);
}
