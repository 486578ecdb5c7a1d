// Settings: tenants and groups, the tenant's cloud judge, signing keys and their rotation.
import { get, post, put, enc } from '../api.js';
import { h, clear, table, timeCell, field, alertBox, dialog, toast, checkbox, badge } from '../dom.js';

export async function render(root, ctx) {
  root.append(h('div.page-head', h('div', h('h1', 'Settings'), h('p', 'Tenants and groups, cloud judge, keys.'))));
  root.append(h('div.grid.cols-2', tenantsPanel(ctx), ctx.tenant ? groupsPanel(ctx) : h('div')));
  if (!ctx.tenant) return;
  const [judge, keys] = await Promise.all([get(ctx.path('/judge')), get(ctx.path('/keys'))]);
  root.append(judgePanel(ctx, judge), keysPanel(ctx, keys), await usersPanel(ctx));
}

const ROLES = [['AUDITOR', 'Auditor (read-only)'], ['APPROVER', 'Approver'], ['POLICY_AUTHOR', 'Policy author'], ['TENANT_ADMIN', 'Tenant admin'], ['SUPER_ADMIN', 'Super-admin (all tenants)']];

async function usersPanel(ctx) {
  let users;
  try {
    users = await get('admin/users');
  } catch {
    return h('div');
  }
  const name = h('input', { type: 'text', id: 'user-username', required: true, autocomplete: 'off' });
  const role = h('select', { id: 'user-role' }, ROLES.map(([v, l]) => h('option', { value: v }, l)));
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    h('div.row', field('Username', name), field(`Role in ${ctx.tenant}`, role, 'Super-admin is granted for all tenants'),
      h('div.field', h('button.btn.primary#user-create', { type: 'submit' }, 'Create account'))), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      const grant = { role: role.value, tenant: role.value === 'SUPER_ADMIN' ? '*' : ctx.tenant };
      const created = await post('admin/users', { username: name.value.trim(), roles: [grant] });
      msg.append(alertBox('ok', `Account ${created.username} created. Its initial password is shown once:`),
        h('div.secret', h('code#user-initial-password', created.initialPassword)));
    } catch (err) {
      msg.append(alertBox('error', err.message));
    }
  });
  const grants = (roles) => (roles || []).map((g) => `${g.role.toLowerCase().replace('_', '-')}${g.tenant === '*' ? ' (all tenants)' : ` in ${g.tenant}`}`).join(', ');
  return h('section.panel', h('h2', 'Console accounts'),
    h('p.hint', 'Local accounts (Argon2id, lockout after repeated failures). Single sign-on users get their roles from the identity provider mapping.'),
    table([
      { label: 'Username', cell: (u) => h('strong', u.username) },
      { label: 'Roles', cell: (u) => grants(u.roles) },
      { label: 'Status', cell: (u) => (u.disabled ? badge('state', 'DENIED', 'DISABLED') : badge('state', 'APPROVED', 'ACTIVE')) },
      { label: 'Created', cell: (u) => [timeCell(u.createdAt), h('div.sub', `by ${u.createdBy || '—'}`)] },
    ], users, { caption: 'Console accounts', empty: 'No local account yet.' }),
    h('h3', 'New account'), form);
}

function createForm(idPrefix, submitLabel, onCreate) {
  const id = h('input', { type: 'text', id: `${idPrefix}-id`, required: true, pattern: '[a-z0-9][a-z0-9-]*', placeholder: 'lowercase-id' });
  const name = h('input', { type: 'text', id: `${idPrefix}-name`, required: true, maxlength: 200 });
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true }, h('div.row', field('Id', id), field('Name', name),
    h('div.field', h('button.btn.primary', { type: 'submit', id: `${idPrefix}-create` }, submitLabel))), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      await onCreate(id.value.trim(), name.value.trim());
    } catch (err) {
      msg.append(alertBox('error', err.message));
    }
  });
  return form;
}

function tenantsPanel(ctx) {
  return h('section.panel', h('h2', 'Tenants'),
    table([
      { label: 'Id', cell: (t) => h('code', t.id) },
      { label: 'Name', cell: (t) => t.name },
      { label: 'Created', cell: (t) => timeCell(t.createdAt) },
    ], ctx.tenants, { caption: 'Tenants', empty: 'No tenant yet.' }),
    h('h3', 'New tenant'),
    h('p.hint', 'Creates the tenant\'s root of trust (root keys and a signing key).'),
    createForm('tenant', 'Create tenant', async (id, name) => {
      await post('admin/tenants', { id, name });
      localStorage.setItem('tether.tenant', id);
      toast(`Tenant ${id} created.`);
      await ctx.reloadScope();
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }));
}

function groupsPanel(ctx) {
  return h('section.panel', h('h2', `Device groups of ${ctx.tenant}`),
    table([
      { label: 'Id', cell: (g) => h('code', g.id) },
      { label: 'Name', cell: (g) => g.name },
    ], ctx.groups, { caption: 'Groups', empty: 'No group yet.' }),
    h('h3', 'New group'),
    createForm('group', 'Create group', async (id, name) => {
      await post(ctx.path('/groups'), { id, name });
      localStorage.setItem(`tether.group.${ctx.tenant}`, id);
      toast(`Group ${id} created.`);
      await ctx.reloadScope();
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }));
}

function judgePanel(ctx, judge) {
  const enabled = checkbox(`Cloud judge on for ${ctx.tenant}`, judge.enabled, { id: 'judge-tenant-enabled' });
  const threshold = h('input', { type: 'number', id: 'judge-tenant-threshold', min: 0, max: 1, step: 0.05, value: judge.threshold });
  const timeout = h('input', { type: 'text', id: 'judge-tenant-timeout', value: judge.timeout });
  const msg = h('div#judge-message', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true }, enabled.el,
    h('div.row', field('Answer escalations below confidence', threshold, '0..1; requests the device is surer about are refused (data minimisation)'),
      field('Time budget per escalation', timeout, 'ISO-8601, PT0.1S to PT10S'),
      h('div.field', h('button.btn.primary#judge-save', { type: 'submit' }, 'Save'))), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      await put(ctx.path('/judge'), { enabled: enabled.input.checked, threshold: Number(threshold.value), timeout: timeout.value.trim() });
      msg.append(alertBox('ok', 'Saved. Devices apply their fail-safe when the cloud judge is off.'));
    } catch (err) {
      msg.append(alertBox('error', err.message));
    }
  });
  return h('section.panel', h('h2', 'Cloud judge'),
    h('p.hint', 'The server-side judge answers only when a device is unsure, and only ever sees a redacted copy. Policies can also forbid escalation (air-gap).'), form);
}

function keysPanel(ctx, keys) {
  const ceremony = async (title, path, explain, body = {}) => {
    const note = h('textarea', { rows: 2, id: 'key-note' });
    const done = await dialog(title, [h('p.hint', explain), field('Note', note)], title, () =>
      post(ctx.path(path), { ...body, note: note.value.trim() || undefined }), { danger: true });
    if (done) {
      toast(`${title}: root version ${done.version}.`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  };
  const revoked = new Set(keys.revokedKeyIds || []);
  return h('section.panel',
    h('header', h('h2', 'Keys and root of trust'),
      h('div.actions',
        h('button.btn#rotate-signing', { type: 'button', on: { click: () => ceremony('Rotate signing key', '/keys/signing/rotate', 'Delegates a new signing key under the root; older keys stay valid until they expire. Needs the threshold of root key files.') } }, 'Rotate signing key'),
        h('button.btn.danger#rotate-root', { type: 'button', on: { click: () => ceremony('Rotate root keys', '/keys/root/rotate', 'New root keys signed by the old and the new ones. Old root key files are destroyed. Devices follow the chain on their next heartbeat.') } }, 'Rotate root'))),
    h('dl.kv',
      h('dt', 'Root version'), h('dd', String(keys.rootVersion)),
      h('dt', 'Root fingerprint'), h('dd.mono#root-fingerprint', keys.rootFingerprint),
      h('dt', 'Threshold'), h('dd', `${keys.rootThreshold} of ${keys.rootKeys.length} root keys (${keys.rootKeys.filter((k) => k.present).length} present on this server)`)),
    h('h3', 'Signing keys'),
    table([
      { label: 'Key id', cell: (k) => h('code', k.keyId) },
      { label: 'Valid', cell: (k) => [timeCell(k.notBefore), h('div.sub', `until ${timeCell(k.notAfter).textContent}`)] },
      { label: 'Status', cell: (k) => (revoked.has(k.keyId) ? badge('state', 'DENIED', 'REVOKED') : k.current ? badge('state', 'APPROVED', 'CURRENT') : badge('state', 'EXPIRED', 'VALID')) },
      { label: 'Private key', cell: (k) => (k.present ? 'on this server' : 'not present') },
      { label: '', cell: (k) => (revoked.has(k.keyId) ? '' : h('button.btn.small.danger', { type: 'button', on: { click: () => ceremony('Revoke signing key', `/keys/signing/${enc(k.keyId)}/revoke`, `Revokes ${k.keyId}, destroys its file and re-signs every published policy with a valid key.`) } }, 'Revoke')) },
    ], keys.signingKeys, { caption: 'Signing keys' }));
}
