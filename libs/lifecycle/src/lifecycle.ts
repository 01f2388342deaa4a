import type { Logger } from "@orrery/telemetry";

export interface LifecycleOptions {
  readonly logger: Logger;
  /** How long shutdown hooks may take in total before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** How often dependencies are probed for readiness. */
  readonly probeIntervalMs?: number;
  /** Per-probe timeout; a dependency that does not answer in time is not ready. */
  readonly probeTimeoutMs?: number;
  /**
   * Failed probes in a row after which a dependency that answered before counts as down (2 by
   * default): one slow answer on a loaded node is not an outage. Before its first answer a
   * dependency is down.
   */
  readonly failureThreshold?: number;
  /** Stops the process; injected by tests. */
  readonly exit?: (code: number) => void;
}

/**
 * Whether a dependency gates readiness. `essential`: the service cannot do its job without it,
 * so it stops taking traffic while it is gone. `reported`: the service keeps serving without it
 * (buffering, falling back, retrying later); /readyz still shows its state.
 */
export type Readiness = "essential" | "reported";

export interface DependencyState {
  readonly ok: boolean;
  readonly essential: boolean;
  readonly error?: string;
  readonly checkedAt?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly shuttingDown: boolean;
  readonly checks: Record<string, DependencyState>;
}

type Check = () => Promise<unknown>;
type Hook = () => Promise<unknown>;

/**
 * One per process: the state of its dependencies (probed in the background so /readyz is cheap
 * and a slow dependency cannot pile up probe requests), readiness (every essential dependency
 * answers and the process is not stopping) and the ordered shutdown that SIGTERM triggers: stop
 * taking new work, drain what is in flight, close clients last.
 */
export class Lifecycle {
  private readonly checks = new Map<string, { check: Check; essential: boolean }>();
  private readonly results = new Map<
    string,
    { ok: boolean; error?: string; checkedAt: Date; failures: number }
  >();
  private readonly hooks: { name: string; hook: Hook }[] = [];
  private probeTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;
  private shutdownPromise: Promise<void> | undefined;
  private readonly readinessListeners: ((ready: boolean) => void)[] = [];
  private lastReady: boolean | undefined;

  constructor(private readonly options: LifecycleOptions) {}

  /** A dependency probed in the background; only essential ones decide readiness. */
  addDependency(name: string, check: Check, readiness: Readiness): void {
    this.checks.set(name, { check, essential: readiness === "essential" });
  }

  /** Hooks run in reverse order of registration: register clients first, servers last. */
  onShutdown(name: string, hook: Hook): void {
    this.hooks.push({ name, hook });
  }

  /**
   * Called with the new state whenever readiness changes (a dependency lost or back, shutdown
   * started), e.g. to keep grpc.health.v1 in step with /readyz.
   */
  onReadinessChange(listener: (ready: boolean) => void): void {
    this.readinessListeners.push(listener);
    if (this.lastReady !== undefined) listener(this.lastReady);
  }

  private publishReadiness(): void {
    const { ready } = this.report();
    if (ready === this.lastReady) return;
    this.lastReady = ready;
    for (const listener of this.readinessListeners) listener(ready);
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  report(): ReadinessReport {
    const checks: ReadinessReport["checks"] = {};
    for (const [name, { essential }] of this.checks) {
      const result = this.results.get(name);
      checks[name] =
        result === undefined
          ? { ok: false, essential, error: "not checked yet" }
          : {
              ok: result.ok,
              essential,
              ...(result.error === undefined ? {} : { error: result.error }),
              checkedAt: result.checkedAt.toISOString(),
            };
    }
    const ready =
      !this.shuttingDown && Object.values(checks).every((check) => check.ok || !check.essential);
    return { ready, shuttingDown: this.shuttingDown, checks };
  }

  /** Probes now, then every probeIntervalMs; returns when the first round is done. */
  async startProbing(): Promise<void> {
    await this.probeAll();
    const interval = this.options.probeIntervalMs ?? 2_000;
    const loop = () => {
      this.probeTimer = setTimeout(() => {
        void this.probeAll().finally(() => {
          if (!this.shuttingDown) loop();
        });
      }, interval);
      this.probeTimer.unref();
    };
    loop();
  }

  async probeAll(): Promise<void> {
    const timeoutMs = this.options.probeTimeoutMs ?? 1_500;
    await Promise.all(
      [...this.checks].map(async ([name, { check }]) => {
        const previous = this.results.get(name);
        try {
          await withTimeout(check(), timeoutMs, `${name} did not answer within ${timeoutMs} ms`);
          this.results.set(name, { ok: true, checkedAt: new Date(), failures: 0 });
          if (previous !== undefined && !previous.ok) {
            this.options.logger.info({ dependency: name }, "dependency is reachable again");
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const failures = (previous?.failures ?? 0) + 1;
          const threshold = this.options.failureThreshold ?? 2;
          const down = previous === undefined || !previous.ok || failures >= threshold;
          this.results.set(name, { ok: !down, error: message, checkedAt: new Date(), failures });
          if (down && (previous === undefined || previous.ok)) {
            this.options.logger.warn({ dependency: name, err: message }, "dependency unreachable");
          }
        }
      }),
    );
    this.publishReadiness();
  }

  /** SIGTERM and SIGINT start the shutdown; a second signal exits at once. */
  installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.shuttingDown) {
        this.options.logger.warn({ signal }, "second signal: exiting without draining");
        this.exit(1);
        return;
      }
      this.options.logger.info({ signal }, "shutting down: draining in-flight work");
      void this.shutdown().then(
        () => this.exit(0),
        () => this.exit(1),
      );
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.runShutdown();
    return this.shutdownPromise;
  }

  private async runShutdown(): Promise<void> {
    this.shuttingDown = true;
    this.publishReadiness();
    if (this.probeTimer !== undefined) clearTimeout(this.probeTimer);
    const deadline = Date.now() + this.options.shutdownTimeoutMs;
    let failed = false;
    for (const { name, hook } of [...this.hooks].reverse()) {
      const remaining = Math.max(deadline - Date.now(), 1);
      try {
        await withTimeout(hook(), remaining, `${name} did not stop within the shutdown timeout`);
        this.options.logger.info({ component: name }, "stopped");
      } catch (error) {
        failed = true;
        this.options.logger.error({ component: name, err: error }, "did not stop cleanly");
      }
    }
    if (failed) throw new Error("shutdown was not clean");
  }

  private exit(code: number): void {
    const exit = this.options.exit ?? process.exit;
    // Logs are written asynchronously: flush them, or the last lines (the end of the drain)
    // die with the process. A logger that cannot flush must not keep the process alive.
    const fallback = setTimeout(() => exit(code), 1_000);
    this.options.logger.flush(() => {
      clearTimeout(fallback);
      exit(code);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
