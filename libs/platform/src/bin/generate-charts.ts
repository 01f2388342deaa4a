#!/usr/bin/env node
// Writes the service charts and the umbrella chart's values from libs/platform/src/charts/
// services.ts; with --check, writes nothing and fails when a committed file differs.
import { fileURLToPath } from "node:url";
import {
  GENERATE_COMMAND,
  generatedChartFiles,
  readServiceVersions,
  staleChartFiles,
  writeChartFiles,
} from "../charts/generate.js";

// dist/bin/generate-charts.js → the repository root.
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const chartsDir = `${root}charts`;
const check = process.argv.includes("--check");

const files = generatedChartFiles(await readServiceVersions(root));
if (check) {
  const problems = await staleChartFiles(chartsDir, files);
  if (problems.length > 0) {
    process.stderr.write(
      `The charts differ from their declarations:\n  ${problems.join("\n  ")}\nRun \`${GENERATE_COMMAND}\` and commit the result.\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`charts are up to date (${files.size} generated files)\n`);
  }
} else {
  await writeChartFiles(chartsDir, files);
  process.stdout.write(`wrote ${files.size} files under charts/\n`);
}
