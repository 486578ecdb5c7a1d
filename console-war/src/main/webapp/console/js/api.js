// The only way the console talks to the server: the documented REST API under ../api/v1.
// Browser sessions use the TETHER_SESSION cookie (HttpOnly, set by POST /auth/login) and send the
// CSRF token from the login answer on every state-changing request. An API token (automation,
// break-glass bootstrap token) is kept only in this tab's sessionStorage.

const API = new URL('../api/v1/', document.baseURI);
const KEY_CSRF = 'tether.csrf';
const KEY_BEARER = 'tether.bearer';
const KEY_SESSION = 'tether.session';
// ETag of each mutable resource as last read or written; sent back as If-Match on PUT so that a
// change made meanwhile by someone else is refused (412) instead of silently overwritten.
const KEY_ETAGS = 'tether.etags';

function etags() {
  try { return JSON.parse(sessionStorage.getItem(KEY_ETAGS) || '{}'); } catch { return {}; }
}

function rememberEtag(path, tag) {
  const all = etags();
  all[path] = tag;
  sessionStorage.setItem(KEY_ETAGS, JSON.stringify(all));
}

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function apiUrl(path) {
  return new URL(path.replace(/^\//, ''), API).toString();
}

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY_SESSION) || 'null'); } catch { return null; }
  },
  save(value) {
    sessionStorage.setItem(KEY_SESSION, JSON.stringify(value));
    if (value && value.csrfToken) sessionStorage.setItem(KEY_CSRF, value.csrfToken);
  },
  useToken(token) { sessionStorage.setItem(KEY_BEARER, token); },
  hasToken() { return !!sessionStorage.getItem(KEY_BEARER); },
  clear() {
    sessionStorage.removeItem(KEY_SESSION);
    sessionStorage.removeItem(KEY_CSRF);
    sessionStorage.removeItem(KEY_BEARER);
    sessionStorage.removeItem(KEY_ETAGS);
  },
};

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

/**
 * Calls the API. Returns the parsed JSON (or text), throws ApiError with the problem's detail.
 * opts: {body, raw (return Response), headers, accept}
 */
export async function api(method, path, opts = {}) {
  const headers = { Accept: opts.accept || 'application/json, application/problem+json', ...(opts.headers || {}) };
  const bearer = sessionStorage.getItem(KEY_BEARER);
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = sessionStorage.getItem(KEY_CSRF);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (method === 'PUT' && !headers['If-Match'] && etags()[path]) headers['If-Match'] = etags()[path];
  let body;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const response = await fetch(apiUrl(path), {
    method, headers, body, credentials: 'same-origin', cache: 'no-store', redirect: 'manual',
  });
  const tag = response.headers.get('ETag');
  if (response.ok && tag && (method === 'GET' || method === 'PUT')) rememberEtag(path, tag);
  if (opts.raw && response.ok) return response;
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    if (response.status === 401 && !opts.noRedirect) onUnauthorized();
    const detail = payload && typeof payload === 'object'
      ? payload.detail || payload.title
      : (payload || response.statusText);
    throw new ApiError(response.status, detail, payload);
  }
  return payload;
}

export const get = (path, opts) => api('GET', path, opts);
export const post = (path, body, opts = {}) => api('POST', path, { ...opts, body });
export const put = (path, body, opts = {}) => api('PUT', path, { ...opts, body });

export function enc(segment) {
  return encodeURIComponent(segment);
}
