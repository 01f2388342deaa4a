import { type CityColumns, loadCityColumns } from "./city-data.js";
import { PlaceError } from "./place-error.js";
import { foldForSearch } from "./search-text.js";
import { timezoneAt } from "./timezone-lookup.js";

export interface Place {
  /** GeoNames id, e.g. "3448439" for São Paulo. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** GeoNames first-level administrative division code ("SP" style or numeric), or null. */
  admin1: string | null;
  latitude: number;
  longitude: number;
  /** IANA zone at the place's coordinates. */
  timezone: string;
  population: number;
}

export interface PlaceSearch {
  /** Start of a name or of any word in it; case, accents and punctuation are ignored. */
  query: string;
  /** ISO 3166-1 alpha-2 code, any case. */
  country?: string;
  /** 1–50; default 10. */
  limit?: number;
}

export const MAX_QUERY_LENGTH = 100;
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 10;

/** How a key of the index relates to its city's name; the weight multiplies the population. */
const NAME_EXACT = 10;
const NAME_PREFIX = 1;
const WORD_PREFIX = 0.1;
const SHORT_QUERY = /^[a-z0-9]{1,2}$/;

interface Index {
  readonly cities: CityColumns;
  /** Folded names, and the folded tail of each name from every later word, sorted. */
  readonly keys: readonly string[];
  readonly keyCity: Int32Array;
  /** 1 when the key is a whole spelling of the name, 0 when it starts at a later word. */
  readonly keyFromStart: Uint8Array;
  readonly byId: ReadonlyMap<number, number>;
  readonly countries: ReadonlySet<string>;
  /** Zones found so far, per city; geo-tz is asked once per city. */
  readonly zones: Map<number, string>;
  /** Per-search scratch space, one slot per city. */
  readonly scores: Float64Array;
  readonly stamps: Uint32Array;
  readonly generation: { value: number };
  /** Ranked lists of the SHORT_QUERY queries without a country. */
  readonly shortQueries: Map<string, number[]>;
}

let index: Index | undefined;

// "St Petersburg" and "Saint Petersburg" are both usual; GeoNames writes one or the other.
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bsaint\b/g, "st"],
  [/\bst\b/g, "saint"],
  [/\bsainte\b/g, "ste"],
  [/\bste\b/g, "sainte"],
];

function abbreviated(folded: string): string[] {
  const out: string[] = [];
  for (const [pattern, replacement] of ABBREVIATIONS) {
    const other = folded.replace(pattern, replacement);
    if (other !== folded) out.push(other);
  }
  return out;
}

function buildIndex(): Index {
  const cities = loadCityColumns();
  const entries: { key: string; city: number; fromStart: number }[] = [];
  const byId = new Map<number, number>();
  for (let i = 0; i < cities.count; i++) {
    byId.set(cities.ids[i]!, i);
    const name = foldForSearch(cities.names[i]!);
    const alt = foldForSearch(cities.altNames[i]!);
    const spellings = new Set([name, ...abbreviated(name)]);
    if (alt !== "") for (const a of [alt, ...abbreviated(alt)]) spellings.add(a);
    for (const folded of spellings) {
      entries.push({ key: folded, city: i, fromStart: 1 });
      for (let at = folded.indexOf(" "); at >= 0; at = folded.indexOf(" ", at + 1)) {
        entries.push({ key: folded.slice(at + 1), city: i, fromStart: 0 });
      }
    }
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.city - b.city));
  return {
    cities,
    keys: entries.map((e) => e.key),
    keyCity: Int32Array.from(entries, (e) => e.city),
    keyFromStart: Uint8Array.from(entries, (e) => e.fromStart),
    byId,
    countries: new Set(cities.countries),
    zones: new Map(),
    scores: new Float64Array(cities.count),
    stamps: new Uint32Array(cities.count),
    generation: { value: 0 },
    shortQueries: new Map(),
  };
}

/** The index, built on first use (about half a second; call it at start-up to pay early). */
export function loadPlaces(): { cities: number } {
  index ??= buildIndex();
  return { cities: index.cities.count };
}

function lowerBound(keys: readonly string[], query: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < query) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function placeAt(ix: Index, i: number): Place {
  const c = ix.cities;
  let timezone = ix.zones.get(i);
  if (timezone === undefined) {
    timezone = timezoneAt(c.latitudes[i]!, c.longitudes[i]!).timezone;
    ix.zones.set(i, timezone);
  }
  return {
    id: String(c.ids[i]),
    name: c.names[i]!,
    country: c.countries[i]!,
    admin1: c.admin1[i] === "" ? null : c.admin1[i]!,
    latitude: c.latitudes[i]!,
    longitude: c.longitudes[i]!,
    timezone,
    population: c.populations[i]!,
  };
}

function searchOptions(search: unknown): { query: string; country: string | null; limit: number } {
  if (typeof search !== "object" || search === null) {
    throw new PlaceError("INVALID_QUERY", "", "search must be an object with a query");
  }
  const { query, country, limit } = search as Record<string, unknown>;
  if (typeof query !== "string") {
    throw new PlaceError("INVALID_QUERY", "query", "query must be a string");
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw new PlaceError(
      "QUERY_TOO_LONG",
      "query",
      `query must be at most ${MAX_QUERY_LENGTH} characters`,
    );
  }
  const folded = foldForSearch(query);
  if (folded === "") {
    throw new PlaceError("INVALID_QUERY", "query", "query must contain a letter or a digit");
  }
  let code: string | null = null;
  if (country !== undefined && country !== null) {
    if (typeof country !== "string" || !/^[A-Za-z]{2}$/.test(country)) {
      throw new PlaceError(
        "INVALID_COUNTRY",
        "country",
        "country must be an ISO 3166-1 alpha-2 code such as PT",
      );
    }
    code = country.toUpperCase();
  }
  const n = limit ?? DEFAULT_LIMIT;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new PlaceError(
      "INVALID_LIMIT",
      "limit",
      `limit must be an integer from 1 to ${MAX_LIMIT}`,
    );
  }
  return { query: folded, country: code, limit: n };
}

/**
 * Cities whose name, or a word of it, starts with the query, ignoring case and accents
 * ("Sao Paulo" finds "São Paulo", "paulo" finds it too), optionally in one country.
 * Ranked by population, an exact name counting ten times its population and a match on a
 * later word a tenth of it, so "York" puts York before New York City; ties by GeoNames id.
 */
export function searchPlaces(search: PlaceSearch): Place[] {
  const { query, country, limit } = searchOptions(search);
  index ??= buildIndex();
  const ix = index;
  if (country !== null && !ix.countries.has(country)) {
    throw new PlaceError(
      "UNKNOWN_COUNTRY",
      "country",
      `no city of at least 1,000 inhabitants has country code ${country}`,
    );
  }
  let ranked: number[];
  if (SHORT_QUERY.test(query) && country === null) {
    // One or two letters match up to a fifth of all cities; their full lists are kept (for
    // plain Latin letters and digits only, so that the lists stay few).
    ranked = ix.shortQueries.get(query) ?? rank(ix, query, null, MAX_LIMIT);
    ix.shortQueries.set(query, ranked);
  } else {
    ranked = rank(ix, query, country, limit);
  }
  return ranked.slice(0, limit).map((city) => placeAt(ix, city));
}

/** The `limit` best cities for a folded query, best first. */
function rank(ix: Index, query: string, country: string | null, limit: number): number[] {
  // Best score per city for this search, without a Map: a city's slot counts only when its
  // stamp is this search's generation.
  const generation = ++ix.generation.value;
  const touched: number[] = [];
  for (let k = lowerBound(ix.keys, query); k < ix.keys.length; k++) {
    const key = ix.keys[k]!;
    if (!key.startsWith(query)) break;
    const city = ix.keyCity[k]!;
    if (country !== null && ix.cities.countries[city] !== country) continue;
    const fromStart = ix.keyFromStart[k] === 1;
    const weight = fromStart ? (key === query ? NAME_EXACT : NAME_PREFIX) : WORD_PREFIX;
    const score = ix.cities.populations[city]! * weight;
    if (ix.stamps[city] !== generation) {
      ix.stamps[city] = generation;
      ix.scores[city] = score;
      touched.push(city);
    } else if (score > ix.scores[city]!) {
      ix.scores[city] = score;
    }
  }
  // A running top list: the prefix of a short query can match tens of thousands of cities.
  const top: number[] = [];
  const before = (a: number, b: number) =>
    ix.scores[a]! > ix.scores[b]! ||
    (ix.scores[a] === ix.scores[b] && ix.cities.ids[a]! < ix.cities.ids[b]!);
  for (const city of touched) {
    if (top.length === limit && !before(city, top[limit - 1]!)) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && before(city, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = city;
  }
  return top;
}

/** One city by its GeoNames id. */
export function getPlace(id: string): Place {
  if (typeof id !== "string" || !/^[1-9]\d{0,9}$/.test(id)) {
    throw new PlaceError(
      "INVALID_PLACE_ID",
      "placeId",
      "a place id is a GeoNames id such as 2267057",
    );
  }
  index ??= buildIndex();
  const city = index.byId.get(Number(id));
  if (city === undefined) {
    throw new PlaceError("PLACE_NOT_FOUND", "placeId", `no place has id ${id}`);
  }
  return placeAt(index, city);
}
