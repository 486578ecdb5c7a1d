import { api, apiUrl, post, session, ApiError } from './api.js';
import { h, clear } from './dom.js';

const message = document.getElementById('login-message');
const params = new URLSearchParams(location.search);

function show(kind, text) {
  clear(message).append(h(`div.alert.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text));
}

if (params.get('reason') === 'idle') show('info', 'Your session was locked after inactivity. Sign in again.');
if (params.get('reason') === 'expired') show('info', 'Your session has ended. Sign in again.');
if (params.get('reason') === 'signed-out') show('ok', 'You are signed out.');
// A refused single sign-on comes back here with its HTTP status only (?sso=403): each status has a
// fixed message, so nothing from the URL is ever shown as text.
const SSO_ERRORS = {
  401: 'Single sign-on could not be verified: it took too long, was started in another tab or browser, or the identity provider\'s answer did not check out. Try again.',
  403: 'You signed in at the identity provider, but no Tether role is mapped to your account. Ask a Tether administrator to map one of your groups.',
  404: 'Single sign-on is not configured on this server. Use a local account.',
  502: 'The identity provider could not be reached or answered wrongly. Try again later, or use a local account.',
  503: 'Single sign-on is misconfigured on the server. Ask a Tether administrator to check the server log.',
};
if (params.has('sso')) {
  show('error', SSO_ERRORS[params.get('sso')] || 'Single sign-on failed. Try again, or use a local account.');
}

// Offer single sign-on only when the server says it is configured.
(async () => {
  const box = document.getElementById('sso');
  try {
    const status = await api('GET', 'auth/oidc', { noRedirect: true });
    if (!status || status.enabled !== true) {
      box.dataset.state = 'off';
      return;
    }
    const button = document.getElementById('sso-login');
    button.textContent = status.label || 'Sign in with SSO';
    // The console's own path, e.g. /tether/console/, as the server's returnTo (context-relative).
    const consolePath = new URL('.', location.href).pathname;
    const root = new URL('../', location.href).pathname;
    const returnTo = '/' + consolePath.slice(root.length) + 'index.html';
    button.href = apiUrl(`auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
    button.addEventListener('click', () => session.clear());
    box.hidden = false;
    box.dataset.state = 'on';
  } catch (e) {
    box.dataset.state = 'error';
    if (!(e instanceof ApiError && e.status === 404)) {
      show('error', 'Single sign-on is unavailable: the server could not read its settings.');
    }
  }
})();

function next() {
  location.replace('index.html' + (params.get('next') ? `#${params.get('next').replace(/^#/, '')}` : ''));
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  if (!username || !password) {
    show('error', 'Enter your username and password.');
    return;
  }
  const button = document.getElementById('login-submit');
  button.disabled = true;
  try {
    session.clear();
    const answer = await post('auth/login', { username, password }, { noRedirect: true });
    session.save(answer);
    next();
  } catch (e) {
    const text = e instanceof ApiError && e.status === 401
      ? 'Wrong username or password.'
      : e instanceof ApiError && e.status === 423
        ? 'Too many failed attempts: this account is locked for a while. Try again later.'
        : e instanceof ApiError && e.status === 503
          ? 'The server is busy checking other sign-ins. Try again in a few seconds.'
          : `Sign-in failed: ${e.message}`;
    show('error', text);
    document.getElementById('password').value = '';
    document.getElementById('password').focus();
  } finally {
    button.disabled = false;
  }
});

document.getElementById('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = document.getElementById('api-token').value.trim();
  if (!token) {
    show('error', 'Paste an API token.');
    return;
  }
  session.clear();
  session.useToken(token);
  try {
    const me = await api('GET', 'auth/me', { noRedirect: true });
    session.save({ ...me, tokenLogin: true });
    next();
  } catch (e) {
    session.clear();
    show('error', e instanceof ApiError && e.status === 401 ? 'This token is not valid.' : `Sign-in failed: ${e.message}`);
  }
});
