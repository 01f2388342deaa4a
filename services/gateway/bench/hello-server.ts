import express from "express";

/** The baseline: express 5 with one route and nothing else, as fast as express gets. */
const app = express();
app.disable("x-powered-by");
app.disable("etag");
app.get("/hello", (_request, response) => {
  response.send("hello");
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address !== null ? address.port : 0 });
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
