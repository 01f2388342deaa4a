import { DomainError } from "@orrery/errors";

/** The service's error codes, each a documented problem type at the gateway. */
export const batchErrors = {
  batchNotFound: (id: string) => new DomainError("BATCH_NOT_FOUND", `No batch ${id}.`),
  notOpen: (id: string) =>
    new DomainError("BATCH_NOT_OPEN", `Batch ${id} is no longer being uploaded.`),
};
