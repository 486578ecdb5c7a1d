import { api, post, session, ApiError } from './api.js';
import { h, clear } from './dom.js';

const message = document.getElementById('login-message');
const params = new URLSearchParams(location.search);

function show(kind, text) {
  clear(message).append(h(`div.alert.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text));
}

if (params.get('reason') === 'idle') show('info', 'Your session was locked after inactivity. Sign in again.');
if (params.get('reason') === 'expired') show('info', 'Your session has ended. Sign in again.');
if (params.get('reason') === 'signed-out') show('ok', 'You are signed out.');
if (params.get('error')) show('error', `Single sign-on failed: ${params.get('error')}`);

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
