/**
 * The session's CSRF token (from GET /api/v1/auth/me, sign-in and setup), sent as `x-csrf-token` on
 * every state change. A module-level store: the api client reads it without React.
 */
let token: string | null = null;

export function setCsrfToken(next: string | null): void {
  token = next;
}

export function csrfToken(): string | null {
  return token;
}

/** What happens when the server answers 401 (the app shows the sign-in page); set once by the auth gate. */
let onUnauthorized: () => void = () => undefined;

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function unauthorized(): void {
  onUnauthorized();
}
