/**
 * The API key of this tab: in sessionStorage only (gone when the tab closes, never in a cookie
 * or localStorage), sent as Authorization: Bearer. Beside it, whether the key turned out to be
 * an admin key, so the admin overview is asked once per sign-in, not on every refresh (for
 * other keys that one request is a 403 in their own error count).
 */
const KEY = "orrery.dashboard.apiKey";
const ADMIN = "orrery.dashboard.admin";

export interface Session {
  key(): string | undefined;
  signIn(apiKey: string): void;
  signOut(): void;
  isAdmin(): boolean | undefined;
  rememberAdmin(admin: boolean): void;
}

export const session: Session = {
  key() {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  signIn(apiKey) {
    sessionStorage.setItem(KEY, apiKey);
    sessionStorage.removeItem(ADMIN);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ADMIN);
  },
  isAdmin() {
    const value = sessionStorage.getItem(ADMIN);
    return value === null ? undefined : value === "yes";
  },
  rememberAdmin(admin) {
    sessionStorage.setItem(ADMIN, admin ? "yes" : "no");
  },
};
