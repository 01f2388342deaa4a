import type { Kafka } from "kafkajs";
import { TOPIC_SPECS, type TopicSpec } from "./topics.js";

/**
 * Creates missing topics; existing ones are left as they are. Safe to run from every replica
 * at start-up and from a Helm hook.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[] = TOPIC_SPECS,
): Promise<{ created: string[]; existing: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !present.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: -1,
          configEntries: [
            { name: "retention.ms", value: String(spec.retentionMs) },
            { name: "min.insync.replicas", value: "1" },
          ],
        })),
      });
    }
    return {
      created: missing.map((spec) => spec.topic),
      existing: specs.filter((spec) => present.has(spec.topic)).map((spec) => spec.topic),
    };
  } finally {
    await admin.disconnect();
  }
}
