/** A refusal from the gateway: its HTTP status and the problem document's code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The gateway's /v1 routes on this origin, called with the signed-in key. */
export class Api {
  constructor(private readonly apiKey: string) {}

  async json<T>(path: string): Promise<T> {
    const response = await this.get(path, "application/json");
    return (await response.json()) as T;
  }

  async blob(path: string, accept: string): Promise<Blob> {
    const response = await this.get(path, accept);
    return response.blob();
  }

  private async get(path: string, accept: string): Promise<Response> {
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${this.apiKey}`, accept },
      cache: "no-store",
    });
    if (!response.ok) {
      let code: string | undefined;
      let detail = response.statusText;
      try {
        const problem = (await response.json()) as { code?: string; detail?: string };
        code = problem.code;
        detail = problem.detail ?? detail;
      } catch {
        // Not a problem document: the status says enough.
      }
      throw new ApiError(response.status, code, detail);
    }
    return response;
  }
}

/** Whether an error means this key may not read the resource (missing scope), not a failure. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
