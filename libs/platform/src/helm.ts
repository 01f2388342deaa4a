import { spawn } from "node:child_process";
import { join } from "node:path";
import { SERVICES } from "./charts/services.js";

/** The thin service charts, each depending on the library chart by file://. */
export const SERVICE_CHARTS: readonly string[] = SERVICES.map((service) => service.name);
export const LIBRARY_CHART = "orrery-lib";
export const UMBRELLA_CHART = "orrery";

export interface ReleaseOptions {
  readonly release: string;
  readonly namespace: string;
  /** Directory of the umbrella chart (charts/orrery). */
  readonly chart: string;
  readonly valuesFiles: readonly string[];
  /** `key=value` overrides, as for `helm --set`. */
  readonly set: readonly string[];
  readonly kubeContext?: string | undefined;
}

export interface DeployOptions extends ReleaseOptions {
  /** Wait until every Deployment is available (hooks are always waited for). */
  readonly wait: boolean;
  /** Roll back (upgrade) or uninstall (install) when the release fails. */
  readonly atomic: boolean;
  /** Go duration for hooks and the wait, e.g. "10m". */
  readonly timeout: string;
}

export interface RenderOptions extends ReleaseOptions {
  /** Kubernetes version the chart is rendered for (Capabilities.KubeVersion). */
  readonly kubeVersion?: string | undefined;
}

function valueArgs(options: ReleaseOptions): string[] {
  return [
    ...options.valuesFiles.flatMap((file) => ["--values", file]),
    ...options.set.flatMap((assignment) => ["--set", assignment]),
  ];
}

function deployArgs(options: DeployOptions): string[] {
  return [
    "--namespace",
    options.namespace,
    ...valueArgs(options),
    "--timeout",
    options.timeout,
    ...(options.wait ? ["--wait"] : []),
    ...(options.atomic ? ["--atomic"] : []),
    ...(options.kubeContext ? ["--kube-context", options.kubeContext] : []),
  ];
}

export function installArgs(options: DeployOptions): string[] {
  return ["install", options.release, options.chart, "--create-namespace", ...deployArgs(options)];
}

/** A plain upgrade: values are the chart's defaults plus the given files, never reused ones. */
export function upgradeArgs(options: DeployOptions): string[] {
  return ["upgrade", options.release, options.chart, ...deployArgs(options)];
}

export function templateArgs(options: RenderOptions): string[] {
  return [
    "template",
    options.release,
    options.chart,
    "--namespace",
    options.namespace,
    ...valueArgs(options),
    ...(options.kubeVersion ? ["--kube-version", options.kubeVersion] : []),
  ];
}

/**
 * Chart directories in the order `helm dependency build` must see them. Helm packages a file://
 * dependency as it is on disk, so every service chart needs its own copy of the library in
 * charts/<service>/charts/ before the umbrella chart packages the service charts.
 */
export function dependencyBuildOrder(chartsDir: string): string[] {
  return [...SERVICE_CHARTS, UMBRELLA_CHART].map((chart) => join(chartsDir, chart));
}

export class HelmError extends Error {
  override readonly name = "HelmError";
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`helm ${args.join(" ")} failed (exit ${exitCode})${output ? `:\n${output.trim()}` : ""}`);
  }
}

export interface HelmRunOptions {
  /** The helm binary: a path, or a name looked up on PATH. */
  readonly helm: string;
  /** "inherit" streams helm's output to the terminal; "capture" returns it. */
  readonly output: "inherit" | "capture";
}

/** Runs helm with an argument vector (no shell); rejects with HelmError on a non-zero exit. */
export function runHelm(args: readonly string[], options: HelmRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.helm, args, {
      stdio: options.output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(
              `helm not found as "${options.helm}": install it (go install helm.sh/helm/v3/cmd/helm@v3.22.0) or pass --helm <path>`,
            )
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new HelmError(args, code, output));
    });
  });
}

/** `helm dependency build` for every chart, service charts first, quietly unless it fails. */
export async function buildChartDependencies(chartsDir: string, helm: string): Promise<void> {
  for (const chart of dependencyBuildOrder(chartsDir)) {
    await runHelm(["dependency", "build", chart], { helm, output: "capture" });
  }
}
