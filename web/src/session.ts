/**
 * The admin token lives in this tab's sessionStorage only: never in a URL, a cookie or localStorage, so
 * closing the tab signs out and no other page or later visitor can read it.
 */
const KEY = 'bridge-admin-token';

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
