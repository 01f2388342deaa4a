import "./styles.css";
import { AdminView } from "./admin-view.js";
import { Api, ApiError } from "./api.js";
import { byId } from "./dom.js";
import { isRangeName, type RangeName, usageQuery, windowOf } from "./ranges.js";
import { session } from "./session.js";
import { TenantView } from "./tenant-view.js";

const REFRESH_MS = 30_000;

const signIn = byId("sign-in");
const controls = byId("controls");
const status = byId("status");
const signInError = byId("sign-in-error");
const keyInput = byId<HTMLInputElement>("api-key");
const autoRefresh = byId<HTMLInputElement>("auto-refresh");
const routeFilter = byId<HTMLSelectElement>("route-filter");

interface SignedIn {
  readonly api: Api;
  readonly tenant: TenantView;
  readonly admin: AdminView;
}

let range: RangeName = "24h";
let route = "";
let signedIn: SignedIn | undefined;
let timer: number | undefined;
/** The refresh under way, and whether another was asked for meanwhile (a new range, say). */
let running: Promise<void> | undefined;
let again = false;

function selectedRange(): RangeName {
  const checked = document.querySelector<HTMLInputElement>('input[name="range"]:checked');
  return checked !== null && isRangeName(checked.value) ? checked.value : "24h";
}

function refresh(): void {
  if (running !== undefined) {
    again = true;
    return;
  }
  running = load().finally(() => {
    running = undefined;
    if (again) {
      again = false;
      refresh();
    }
  });
}

async function load(): Promise<void> {
  const current = signedIn;
  if (current === undefined) return;
  document.body.dataset.state = "loading";
  const window = windowOf(range, new Date());
  byId("range-label").textContent = `· last ${range} by ${window.granularity}`;
  try {
    await Promise.all([current.tenant.refresh(window, route), current.admin.refresh(window)]);
    if (again) return;
    status.textContent = `Updated ${new Date().toLocaleTimeString("en-GB")}`;
    document.body.dataset.state = "ready";
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut("That API key was not accepted (revoked or expired?). Sign in again.");
      return;
    }
    status.textContent = `Could not load: ${error instanceof Error ? error.message : String(error)}`;
    document.body.dataset.state = "error";
  }
}

function schedule(): void {
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
  if (signedIn !== undefined && autoRefresh.checked) {
    timer = setInterval(() => {
      if (!document.hidden) refresh();
    }, REFRESH_MS);
  }
}

function show(apiKey: string): void {
  const api = new Api(apiKey);
  signedIn = { api, tenant: new TenantView(api), admin: new AdminView(api, session) };
  signIn.hidden = true;
  controls.hidden = false;
  schedule();
  refresh();
}

function signOut(message = ""): void {
  session.signOut();
  signedIn = undefined;
  schedule();
  byId("tenant").hidden = true;
  byId("admin").hidden = true;
  controls.hidden = true;
  signIn.hidden = false;
  status.textContent = "";
  signInError.textContent = message;
  document.body.dataset.state = "signed-out";
  keyInput.focus();
}

/** The usage route's CSV of what the page shows: the same range, granularity and route. */
async function downloadCsv(): Promise<void> {
  if (signedIn === undefined) return;
  const window = windowOf(range, new Date());
  const csv = await signedIn.api.blob(
    `/v1/analytics/usage?${usageQuery(window, { ...(route === "" ? {} : { route }), format: "csv" })}`,
    "text/csv",
  );
  const link = document.createElement("a");
  link.href = URL.createObjectURL(csv);
  link.download = `usage-${window.from.toISOString().slice(0, 10)}-${range}-${window.granularity}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

byId<HTMLFormElement>("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const apiKey = keyInput.value.trim();
  if (apiKey === "") {
    signInError.textContent = "Enter an API key.";
    return;
  }
  keyInput.value = "";
  signInError.textContent = "";
  session.signIn(apiKey);
  show(apiKey);
});

for (const input of document.querySelectorAll<HTMLInputElement>('input[name="range"]')) {
  input.addEventListener("change", () => {
    range = selectedRange();
    refresh();
  });
}
routeFilter.addEventListener("change", () => {
  route = routeFilter.value;
  refresh();
});
autoRefresh.addEventListener("change", schedule);
byId("refresh").addEventListener("click", () => refresh());
byId("sign-out").addEventListener("click", () => signOut());
byId("download-csv").addEventListener("click", () => {
  downloadCsv().catch((error: unknown) => {
    status.textContent = `Download failed: ${error instanceof Error ? error.message : String(error)}`;
  });
});

range = selectedRange();
const remembered = session.key();
if (remembered === undefined) signOut();
else show(remembered);
