/**
 * Version of the engine's output. It is part of every cache key, so bump it whenever the same
 * input could produce different JSON:
 * - major: a breaking change to the output shape or to a public function's contract;
 * - minor: new output fields or options, or any change in computed values (models, constants,
 *   rounding, default orbs, reading texts or SVG drawing);
 * - patch: changes that leave every output byte-identical (performance, refactoring, docs).
 * Dependency upgrades that move numbers (astronomy-engine, tz data) count as minor.
 */
export const ENGINE_VERSION = "1.1.0";
