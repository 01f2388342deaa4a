import { type FSWatcher, readFileSync, watch } from "node:fs";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Policy } from "./policy.js";
import { policyDocumentSchema } from "./schema.js";

/** The policy shipped with the code: libs/policy/policy/plans.v1.json. */
export const defaultPolicyPath = fileURLToPath(new URL("../policy/plans.v1.json", import.meta.url));

export class PolicyError extends Error {
  override readonly name = "PolicyError";
}

/** Reads and validates a policy file; throws PolicyError naming every bad field. */
export function loadPolicyFile(path: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PolicyError(`policy ${path}: ${(error as Error).message}`);
  }
  const result = policyDocumentSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.map(String).join(".") || "(document)"}: ${issue.message}`,
    );
    throw new PolicyError(`policy ${path} is invalid: ${problems.join("; ")}`);
  }
  return new Policy(result.data);
}

export type ReloadResult =
  | { readonly changed: boolean; readonly version: string }
  | { readonly error: PolicyError; readonly version: string };

export interface PolicyStoreOptions {
  readonly path: string;
  /** Told about every reload: a bad file keeps the old policy and reports the error here. */
  readonly onReload?: (result: ReloadResult) => void;
}

/**
 * The current policy of a process. Loaded (and validated) once at start, where a bad file stops
 * the process; later reloads (SIGHUP, file change) swap it atomically only when the new file is
 * valid, so a bad edit never takes limits away.
 */
export class PolicyStore {
  private current: Policy;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly options: PolicyStoreOptions) {
    this.current = loadPolicyFile(options.path);
  }

  get policy(): Policy {
    return this.current;
  }

  reload(): ReloadResult {
    let result: ReloadResult;
    try {
      const next = loadPolicyFile(this.options.path);
      const changed = JSON.stringify(next.document) !== JSON.stringify(this.current.document);
      this.current = next;
      result = { changed, version: next.version };
    } catch (error) {
      const policyError =
        error instanceof PolicyError ? error : new PolicyError(String((error as Error).message));
      result = { error: policyError, version: this.current.version };
    }
    this.options.onReload?.(result);
    return result;
  }

  /**
   * Reloads when the file changes. Watches the directory, not the file: editors and Kubernetes
   * ConfigMap updates replace the file (rename), which a file watch would lose.
   */
  watch(): void {
    if (this.watcher !== undefined) return;
    const name = basename(this.options.path);
    this.watcher = watch(dirname(this.options.path), (_event, changed) => {
      // A ConfigMap volume swaps its `..data` symlink; the file name itself never changes there.
      if (changed !== null && changed !== name && !changed.startsWith("..data")) return;
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.reload(), 100);
    });
    this.watcher.on("error", () => undefined);
  }

  close(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
