import { type DescMessage, fromBinary, type MessageShape } from "@bufbuild/protobuf";
import { Client, credentials, Metadata } from "@grpc/grpc-js";

/**
 * A load generator's gRPC client: requests are encoded once up front and responses decoded
 * only for a sample, so the generator (which shares the machine's cores with the service)
 * spends its CPU on calls rather than on protobuf.
 */
export class RawGrpcCaller<Response extends DescMessage> {
  private readonly client: Client;
  private calls = 0;

  constructor(
    target: string,
    private readonly path: string,
    private readonly responseSchema: Response,
    private readonly verify: (response: MessageShape<Response>) => void,
    private readonly verifyEvery = 16,
  ) {
    this.client = new Client(target, credentials.createInsecure());
  }

  call(request: Buffer): Promise<void> {
    this.calls += 1;
    const verify = this.calls % this.verifyEvery === 0;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        this.path,
        (value: Buffer) => value,
        (value: Buffer) => value,
        request,
        new Metadata(),
        { deadline: Date.now() + 10_000 },
        (error, response) => {
          if (error) return reject(error);
          if (verify && response !== undefined) {
            try {
              this.verify(fromBinary(this.responseSchema, response));
            } catch (failure) {
              return reject(failure);
            }
          }
          resolve();
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
