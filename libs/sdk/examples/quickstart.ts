import { createOrreryClient, OrreryProblem, unwrap } from "@orrery/sdk";

export async function quickstart(baseUrl: string, apiKey: string) {
  const orrery = createOrreryClient({ baseUrl, apiKey });

  // A natal chart: paths, bodies and the answer are typed from the OpenAPI document.
  const chart = unwrap(
    await orrery.POST("/v1/charts", {
      body: {
        datetime: "1990-06-15T12:30:00",
        timezone: "Europe/London",
        latitude: 51.5074,
        longitude: -0.1278,
      },
    }),
  );
  const sun = chart.bodies.find((body) => body.id === "sun");

  // A refusal is an OrreryProblem whose code is one of the documented ones.
  try {
    unwrap(
      await orrery.POST("/v1/charts", {
        body: { datetime: "1990-02-30T12:00:00", timezone: "UTC", latitude: 0, longitude: 0 },
      }),
    );
    return { sunSign: sun?.sign, refusedWith: undefined };
  } catch (error) {
    if (!(error instanceof OrreryProblem)) throw error;
    return { sunSign: sun?.sign, refusedWith: error.code }; // "INVALID_DATETIME"
  }
}
