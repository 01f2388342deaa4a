#!/usr/bin/env node
// Creates every platform topic that is missing (local stack, Helm pre-install hook).
import { commaList, loadConfig, z } from "@orrery/config";
import { createLogger } from "@orrery/telemetry";
import { ensureTopics } from "../admin.js";
import { createKafka } from "../kafka-client.js";

const config = loadConfig("ensure-topics", z.object({ KAFKA_BROKERS: commaList() }), process.env);
const logger = createLogger({ service: "ensure-topics", level: "warn" });
const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: "orrery-ensure-topics",
  logger,
});
const { created, existing } = await ensureTopics(kafka);
process.stdout.write(
  `topics: ${created.length} created${created.length ? ` (${created.join(", ")})` : ""}, ${existing.length} already present\n`,
);
await new Promise((resolve) => logger.flush(resolve));
