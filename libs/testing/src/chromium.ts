import { execFileSync } from "node:child_process";

/** Debian's chromium from PATH, as every tool the tests run (scripts/test installs it). */
export function chromiumPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "chromium is not installed: the browser tests drive Debian's chromium (scripts/lib/packages.sh TEST_PACKAGES; `apt-get install chromium`)",
    );
  }
}

/** Flags for a headless chromium on a build machine: no sandbox, GPU or background traffic. */
export const HEADLESS_CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
