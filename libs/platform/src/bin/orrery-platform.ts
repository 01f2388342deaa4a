#!/usr/bin/env node
// `orrery-platform`: see USAGE in ../cli/command-line.ts.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, parseCommandLine, USAGE, UsageError } from "../cli/command-line.js";
import {
  buildChartDependencies,
  installArgs,
  runHelm,
  templateArgs,
  UMBRELLA_CHART,
  upgradeArgs,
} from "../helm.js";
import { fetchPlatformObjects } from "../kubernetes.js";
import { formatPlatformStatus, summarisePlatform } from "../status.js";

// dist/bin/orrery-platform.js → the repository's charts/.
const DEFAULT_CHARTS_DIR = fileURLToPath(new URL("../../../../charts", import.meta.url));

async function run(command: Command): Promise<number> {
  switch (command.name) {
    case "help":
      process.stdout.write(USAGE);
      return 0;
    case "install":
    case "upgrade": {
      await buildChartDependencies(command.chartsDir, command.helm);
      const options = { ...command, chart: join(command.chartsDir, UMBRELLA_CHART) };
      const args = command.name === "install" ? installArgs(options) : upgradeArgs(options);
      await runHelm(args, { helm: command.helm, output: "inherit" });
      return 0;
    }
    case "render": {
      await buildChartDependencies(command.chartsDir, command.helm);
      const args = templateArgs({ ...command, chart: join(command.chartsDir, UMBRELLA_CHART) });
      await runHelm(args, { helm: command.helm, output: "inherit" });
      return 0;
    }
    case "status": {
      const status = summarisePlatform(await fetchPlatformObjects(command));
      process.stdout.write(
        command.json ? `${JSON.stringify(status, null, 2)}\n` : formatPlatformStatus(status),
      );
      return status.problems.length === 0 && status.services.length > 0 ? 0 : 1;
    }
  }
}

try {
  process.exitCode = await run(parseCommandLine(process.argv.slice(2), DEFAULT_CHARTS_DIR));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`orrery-platform: ${error.message}\n\n${USAGE}`);
    process.exitCode = 64;
  } else {
    process.stderr.write(`orrery-platform: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
