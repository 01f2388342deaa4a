import { bootstrapService } from "@orrery/bootstrap";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const service = bootstrapService({
  service: "batch-worker",
  mainModuleUrl: import.meta.url,
  config,
});

// Batches, items and results live in Postgres; progress in Redis can be rebuilt from them.
service.postgres(config, { readiness: "essential" });
service.redis(config.REDIS_URL, { connectionName: "batch-worker", readiness: "reported" });
service.kafka(config, { readiness: "reported" });

// Serves grpc.health.v1 only: BatchService is registered once every method of it is built.
service.grpcServer(config);
await service.start();
