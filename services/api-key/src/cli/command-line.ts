import { createPostgresPools, createPrismaClient } from "@orrery/db";
import { createLogger } from "@orrery/telemetry";
import { type Config, loadServiceConfig } from "../config.js";
import type { CacheInvalidator } from "../domain/ports.js";
import { PrismaClient } from "../generated/prisma/client.js";
import { type ApiKeyDomain, buildDomain } from "../wiring.js";

/**
 * Creating admin keys changes no cached verification, so the command-line tools have nothing to
 * announce to the gateways (their key.created events still go out through the outbox).
 */
const nothingToInvalidate: CacheInvalidator = { accountChanged: async () => undefined };

/** Runs a command with the service's config and domain; logs go to stderr, results to stdout. */
export async function runCommand(
  name: string,
  command: (domain: ApiKeyDomain, config: Config) => Promise<void>,
): Promise<void> {
  const config = loadServiceConfig();
  const logger = createLogger({
    service: `api-key ${name}`,
    level: "warn",
    destination: process.stderr,
  });
  const postgres = createPostgresPools({
    url: config.DATABASE_URL,
    poolSize: 2,
    applicationName: `api-key ${name}`,
  });
  const prisma = createPrismaClient(PrismaClient, postgres);
  const domain = buildDomain({
    config,
    logger,
    invalidator: nothingToInvalidate,
    pool: postgres.primary,
    prisma,
  });
  try {
    await command(domain, config);
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await domain.lastUsed.flush();
    await prisma.$disconnect();
    await postgres.end();
  }
}
