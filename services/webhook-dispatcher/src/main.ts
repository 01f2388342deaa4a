import { bootstrapService } from "@orrery/bootstrap";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const service = bootstrapService({
  service: "webhook-dispatcher",
  mainModuleUrl: import.meta.url,
  config,
});

// Endpoints, messages and attempts live in Postgres; events from Kafka wait there while it is away.
service.postgres(config, { readiness: "essential" });
service.kafka(config, { readiness: "reported" });

// Serves grpc.health.v1 only: WebhookService is registered once every method of it is built.
service.grpcServer(config);
await service.start();
