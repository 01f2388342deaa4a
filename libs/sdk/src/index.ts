export {
  createOrreryClient,
  type OrreryClient,
  type OrreryClientOptions,
  OrreryProblem,
  type Problem,
  type ProblemCode,
  unwrap,
} from "./client.js";
export type { components, operations, paths } from "./generated/schema.js";
