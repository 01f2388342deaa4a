import { parseArgs } from "node:util";

export const USAGE = `orrery-platform — install, upgrade, render and inspect the Orrery platform (charts/orrery)

usage:
  orrery-platform install  [release options] [deploy options]
  orrery-platform upgrade  [release options] [deploy options]
  orrery-platform render   [release options] [--kube-version <x.y.z>]
  orrery-platform status   [--release <name>] [--namespace <ns>] [--kube-context <ctx>] [--json]

release options:
  --release <name>        Helm release name (default: orrery)
  --namespace <ns>        namespace (default: orrery)
  -f, --values <file>     values file, repeatable (e.g. charts/orrery/values-prod.yaml)
  --set <key=value>       value override, repeatable
  --charts-dir <dir>      directory holding orrery-lib, the service charts and orrery
                          (default: the repository's charts/)
  --helm <path>           helm binary (default: helm on PATH)
  --kube-context <ctx>    kubeconfig context (default: the current one)

deploy options:
  --timeout <duration>    how long hooks and the wait may take (default: 10m)
  --no-wait               return once the objects are applied, without waiting for pods
  --atomic                roll back a failed upgrade / uninstall a failed install

install, upgrade and render first run \`helm dependency build\` on the service charts and the
umbrella chart. status reads Deployments, HPAs and PDBs through the kubeconfig and exits 1
when a rollout is incomplete or something needs attention.
`;

interface ReleaseCommand {
  readonly release: string;
  readonly namespace: string;
  readonly valuesFiles: readonly string[];
  readonly set: readonly string[];
  readonly chartsDir: string;
  readonly helm: string;
  readonly kubeContext: string | undefined;
}

export type Command =
  | ({ readonly name: "install" | "upgrade" } & ReleaseCommand & {
        readonly timeout: string;
        readonly wait: boolean;
        readonly atomic: boolean;
      })
  | ({ readonly name: "render" } & ReleaseCommand & { readonly kubeVersion: string | undefined })
  | {
      readonly name: "status";
      readonly release: string;
      readonly namespace: string;
      readonly kubeContext: string | undefined;
      readonly json: boolean;
    }
  | { readonly name: "help" };

export class UsageError extends Error {
  override readonly name = "UsageError";
}

const COMMANDS = ["install", "upgrade", "render", "status", "help"] as const;

/** Parses argv (without node and the script); throws UsageError naming what is wrong. */
export function parseCommandLine(argv: readonly string[], defaultChartsDir: string): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    return { name: "help" };
  }
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(`unknown command "${name}" (expected ${COMMANDS.join(", ")})`);
  }
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(rest);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const only = (allowed: readonly string[]) => {
    const extra = Object.keys(values).find((key) => !allowed.includes(key));
    if (extra !== undefined) throw new UsageError(`--${extra} does not apply to ${name}`);
  };
  const release = values.release ?? "orrery";
  const namespace = values.namespace ?? "orrery";
  const kubeContext = values["kube-context"];
  const common = ["release", "namespace", "values", "set", "charts-dir", "helm", "kube-context"];
  const releaseCommand: ReleaseCommand = {
    release,
    namespace,
    valuesFiles: values.values ?? [],
    set: (values.set ?? []).map((assignment) => {
      if (!/^[^=]+=/.test(assignment))
        throw new UsageError(`--set expects key=value, got "${assignment}"`);
      return assignment;
    }),
    chartsDir: values["charts-dir"] ?? defaultChartsDir,
    helm: values.helm ?? "helm",
    kubeContext,
  };

  switch (name) {
    case "install":
    case "upgrade": {
      only([...common, "timeout", "no-wait", "atomic"]);
      const timeout = values.timeout ?? "10m";
      if (!/^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/.test(timeout)) {
        throw new UsageError(`--timeout expects a duration like 10m or 90s, got "${timeout}"`);
      }
      return {
        name,
        ...releaseCommand,
        timeout,
        wait: !(values["no-wait"] ?? false),
        atomic: values.atomic ?? false,
      };
    }
    case "render":
      only([...common, "kube-version"]);
      return { name, ...releaseCommand, kubeVersion: values["kube-version"] };
    case "status":
      only(["release", "namespace", "kube-context", "json"]);
      return { name, release, namespace, kubeContext, json: values.json ?? false };
    default:
      return { name: "help" };
  }
}

function parseOptions(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      release: { type: "string" },
      namespace: { type: "string" },
      values: { type: "string", short: "f", multiple: true },
      set: { type: "string", multiple: true },
      "charts-dir": { type: "string" },
      helm: { type: "string" },
      "kube-context": { type: "string" },
      "kube-version": { type: "string" },
      timeout: { type: "string" },
      "no-wait": { type: "boolean" },
      atomic: { type: "boolean" },
      json: { type: "boolean" },
    },
  });
}
