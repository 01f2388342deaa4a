import { bootstrapService } from "@orrery/bootstrap";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "realtime", mainModuleUrl: import.meta.url, config });

// Channel history and fan-out between replicas go through Redis; Kafka events can wait.
service.redis(config.REDIS_URL, { connectionName: "realtime", readiness: "essential" });
service.kafka(config, { readiness: "reported" });

// HTTP_PORT serves /healthz, /readyz and /metrics for now; the WebSocket endpoint
// (/v1/realtime) takes it over when the realtime capability is built.
await service.start();
