// Console shell: session, tenant/group scope, navigation, idle lock. Pages live in pages/*.js and
// export render(container, ctx).
import { api, get, post, session, setUnauthorizedHandler, enc, ApiError } from './api.js';
import { h, clear, alertBox } from './dom.js';

const PAGES = ['dashboard', 'policy', 'fleet', 'audit', 'activity', 'approvals', 'settings'];
const TITLES = {
  dashboard: 'Dashboard', policy: 'Policy', fleet: 'Fleet', audit: 'Audit', activity: 'Admin log', approvals: 'Approvals', settings: 'Settings',
};
const content = document.getElementById('content');
const tenantSelect = document.getElementById('tenant-select');
const groupSelect = document.getElementById('group-select');

const ctx = {
  user: null,
  tenants: [],
  groups: [],
  tenant: null,
  group: null,
  path: (suffix = '') => `admin/tenants/${enc(ctx.tenant)}${suffix}`,
  groupPath: (suffix = '') => `admin/tenants/${enc(ctx.tenant)}/groups/${enc(ctx.group)}${suffix}`,
  reloadScope: () => loadScope(true),
  refreshPending: () => refreshPending(),
  navigate: (hash) => { location.hash = hash; },
};

function toLogin(reason) {
  const nextHash = location.hash ? `&next=${encodeURIComponent(location.hash.slice(1))}` : '';
  location.replace(`login.html?reason=${reason}${nextHash}`);
}

setUnauthorizedHandler(() => {
  session.clear();
  toLogin('expired');
});

async function whoAmI() {
  const saved = session.get();
  if (session.hasToken()) return saved || { user: 'API token', roles: [] };
  // A cookie session (password or single sign-on): the server says who it is.
  try {
    const me = await api('GET', 'auth/me', { noRedirect: true });
    session.save({ ...(saved || {}), ...me });
    return { ...(saved || {}), ...me };
  } catch (e) {
    return null;
  }
}

async function loadScope(keepSelection) {
  ctx.tenants = await get('admin/tenants');
  const stored = localStorage.getItem('tether.tenant');
  const wanted = keepSelection && ctx.tenant ? ctx.tenant : stored;
  ctx.tenant = ctx.tenants.some((t) => t.id === wanted) ? wanted : ctx.tenants[0]?.id || null;
  clear(tenantSelect);
  for (const t of ctx.tenants) {
    tenantSelect.append(h('option', { value: t.id, selected: t.id === ctx.tenant }, `${t.name} (${t.id})`));
  }
  if (!ctx.tenants.length) tenantSelect.append(h('option', { value: '' }, 'No tenant yet'));
  await loadGroups(keepSelection);
}

async function loadGroups(keepSelection) {
  ctx.groups = ctx.tenant ? await get(ctx.path('/groups')) : [];
  const stored = localStorage.getItem(`tether.group.${ctx.tenant}`);
  const wanted = keepSelection && ctx.group ? ctx.group : stored;
  ctx.group = ctx.groups.some((g) => g.id === wanted) ? wanted : ctx.groups[0]?.id || null;
  clear(groupSelect);
  for (const g of ctx.groups) {
    groupSelect.append(h('option', { value: g.id, selected: g.id === ctx.group }, `${g.name} (${g.id})`));
  }
  if (!ctx.groups.length) groupSelect.append(h('option', { value: '' }, 'No group yet'));
}

tenantSelect.addEventListener('change', async () => {
  ctx.tenant = tenantSelect.value;
  localStorage.setItem('tether.tenant', ctx.tenant);
  ctx.group = null;
  await loadGroups(false);
  route();
  refreshPending();
});
groupSelect.addEventListener('change', () => {
  ctx.group = groupSelect.value;
  localStorage.setItem(`tether.group.${ctx.tenant}`, ctx.group);
  route();
});

async function refreshPending() {
  const badge = document.getElementById('pending-count');
  if (!ctx.tenant) { badge.hidden = true; return; }
  try {
    const pending = await get(ctx.path('/approvals?state=PENDING&limit=1000'));
    badge.textContent = String(pending.length);
    badge.hidden = pending.length === 0;
    badge.setAttribute('aria-label', `${pending.length} pending`);
  } catch {
    badge.hidden = true;
  }
}

let renderToken = 0;
async function route() {
  const [, name = 'dashboard', ...rest] = (location.hash || '#/dashboard').split('/');
  const page = PAGES.includes(name) ? name : 'dashboard';
  for (const a of document.querySelectorAll('.nav a')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${TITLES[page]} · Tether console`;
  const mine = ++renderToken;
  clear(content).append(h('p.hint', 'Loading…'));
  try {
    const module = await import(`./pages/${page}.js`);
    if (mine !== renderToken) return;
    const container = h('div', { 'data-page': page });
    if (!ctx.tenant && page !== 'settings') {
      clear(content).append(h('div.page-head', h('h1', TITLES[page])),
        alertBox('info', 'No tenant exists yet. Create one under Settings.'));
      return;
    }
    await module.render(container, ctx, rest.map(decodeURIComponent));
    if (mine !== renderToken) return;
    clear(content).append(container);
  } catch (e) {
    if (mine !== renderToken) return;
    clear(content).append(h('div.page-head', h('h1', TITLES[page])),
      alertBox('error', e instanceof ApiError ? `${e.message} (HTTP ${e.status})` : String(e.message || e)));
  }
}

// Idle lock: after the server's idle timeout without input, sign out and go to the login page.
function startIdleLock(seconds) {
  if (!seconds || seconds <= 0) return;
  let last = Date.now();
  for (const event of ['mousemove', 'keydown', 'click', 'scroll', 'touchstart']) {
    window.addEventListener(event, () => { last = Date.now(); }, { passive: true });
  }
  setInterval(async () => {
    if (Date.now() - last > seconds * 1000) {
      try { await post('auth/logout', undefined, { noRedirect: true }); } catch { /* already gone */ }
      session.clear();
      toLogin('idle');
    }
  }, 5000);
}

document.getElementById('logout').addEventListener('click', async () => {
  if (!session.hasToken()) {
    try { await post('auth/logout', undefined, { noRedirect: true }); } catch { /* ignore */ }
  }
  session.clear();
  location.replace('login.html?reason=signed-out');
});

/** "super-admin" or "policy-author in acme, auditor in beta". */
export function describeRoles(roles) {
  return (roles || [])
    .map((g) => `${String(g.role).toLowerCase().replace('_', '-')}${g.tenant && g.tenant !== '*' ? ` in ${g.tenant}` : ''}`)
    .join(', ');
}

(async () => {
  const me = await whoAmI();
  if (!me) { toLogin('expired'); return; }
  ctx.user = me;
  document.getElementById('user-name').textContent = me.user || 'signed in';
  document.getElementById('user-roles').textContent = describeRoles(me.roles);
  startIdleLock(me.idleTimeoutSeconds);
  try {
    await loadScope(false);
  } catch (e) {
    clear(content).append(alertBox('error', `Cannot load tenants: ${e.message}`));
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
  refreshPending();
})();
