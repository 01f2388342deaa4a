import { randomUUID } from "node:crypto";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { enqueueEvent } from "@orrery/events";
import type { QuotaNotificationSink, QuotaThresholdCrossing } from "../domain/quota-thresholds.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/**
 * A crossing is a row keyed by account, cycle and threshold, written in the same transaction as
 * the outbox row of its `orrery.quota.threshold_crossed` event: the key makes it once, the outbox
 * makes it published.
 */
export class PrismaQuotaNotifications implements QuotaNotificationSink {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly source: string,
  ) {}

  record(crossing: QuotaThresholdCrossing): Promise<boolean> {
    const eventId = randomUUID();
    return this.prisma.$transaction(async (transaction) => {
      const inserted = await transaction.quotaNotification.createMany({
        data: [
          {
            accountId: crossing.accountId,
            cycleStart: crossing.cycleStart,
            thresholdPercent: crossing.thresholdPercent,
            eventId,
            used: BigInt(crossing.used),
            quota: BigInt(crossing.quota),
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return false;
      await enqueueEvent(transaction, this.source, {
        id: eventId,
        type: "orrery.quota.threshold_crossed",
        accountId: crossing.accountId,
        data: {
          accountId: crossing.accountId,
          thresholdPercent: crossing.thresholdPercent,
          used: BigInt(crossing.used),
          quota: BigInt(crossing.quota),
          cycleStartedAt: timestampFromDate(crossing.cycleStart),
          cycleResetsAt: timestampFromDate(crossing.cycleEnd),
        },
      });
      return true;
    });
  }
}
