import {
  create,
  type DescMethod,
  type DescService,
  fromBinary,
  toBinary,
} from "@bufbuild/protobuf";
import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";

/**
 * protoc-gen-es emits descriptors, not grpc-js stubs: this derives the grpc-js definition from
 * the descriptor, so a service's wire shape has exactly one source (the .proto file).
 * Only unary methods are supported; every Orrery RPC is unary.
 */
export function grpcServiceDefinition(service: DescService): ServiceDefinition {
  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methods) {
    assertUnary(method);
    definition[method.localName] = {
      path: methodPath(method),
      requestStream: false,
      responseStream: false,
      originalName: method.name,
      requestSerialize: (value) =>
        Buffer.from(toBinary(method.input, create(method.input, value as never))),
      requestDeserialize: (bytes: Buffer) => fromBinary(method.input, bytes),
      responseSerialize: (value) =>
        Buffer.from(toBinary(method.output, create(method.output, value as never))),
      responseDeserialize: (bytes: Buffer) => fromBinary(method.output, bytes),
    };
  }
  return definition;
}

export function methodPath(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

function assertUnary(method: DescMethod): void {
  if (method.methodKind !== "unary") {
    throw new Error(
      `${methodPath(method)} is ${method.methodKind}; libs/rpc supports unary methods only`,
    );
  }
}
