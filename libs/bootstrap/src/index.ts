export {
  bootstrapService,
  type RedisOptions,
  ServiceBootstrap,
  type ServiceBootstrapOptions,
} from "./bootstrap.js";
