import { get, post } from '../api.js';
import { h, clear, table, badge, timeCell, ago, field, select, num, alertBox, toast } from '../dom.js';

/** A device is stale when it never checked in or its last check-in is over a day old. */
export const STALE_AFTER_MS = 24 * 3600 * 1000;

export function isStale(device, now = Date.now()) {
  return !device.lastSeenAt || now - Date.parse(device.lastSeenAt) > STALE_AFTER_MS;
}

export async function render(root, ctx) {
  const devices = await get(ctx.path('/devices?limit=1000'));
  const latest = {};
  await Promise.all(ctx.groups.map(async (g) => {
    try {
      const versions = await get(`admin/tenants/${encodeURIComponent(ctx.tenant)}/groups/${encodeURIComponent(g.id)}/policy/versions`);
      latest[g.id] = versions.length ? versions[0].version : 0;
    } catch {
      latest[g.id] = null;
    }
  }));

  const search = h('input', { type: 'search', id: 'fleet-search', placeholder: 'Host, user, device id…' });
  const stateFilter = select([['', 'All states'], 'ENFORCING', 'GRACE', 'FALLBACK', 'NO_POLICY', ['UNKNOWN', 'Never checked in'], ['STALE', 'Stale only']], '', { id: 'fleet-state' });
  const tableHost = h('div');
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const st = stateFilter.value;
    const rows = devices.filter((d) => {
      if (q && ![d.hostname, d.osUser, d.deviceId, d.group].some((v) => (v || '').toLowerCase().includes(q))) return false;
      if (st === 'STALE') return isStale(d);
      if (st === 'UNKNOWN') return !d.state;
      return !st || d.state === st;
    });
    clear(tableHost).append(table([
      { label: 'Device', cell: (d) => [h('strong', d.hostname || '—'), h('div.sub.mono', d.deviceId)] },
      { label: 'Group', cell: (d) => d.group },
      { label: 'User', cell: (d) => d.osUser || '—' },
      { label: 'OS', cell: (d) => d.os || h('span.sub', 'not reported') },
      { label: 'Agent', cell: (d) => d.agentVersion || '—' },
      { label: 'Policy', class: 'num', cell: (d) => policyCell(d, latest[d.group]) },
      { label: 'State', cell: (d) => [badge('state', d.state || 'UNKNOWN', d.state ? undefined : 'NO CHECK-IN'),
        d.graceEndsAt ? h('div.sub', `fallback ${ago(d.graceEndsAt).replace(' ago', '')}`) : null] },
      { label: 'Enrolled', cell: (d) => timeCell(d.enrolledAt) },
      { label: 'Last check-in', cell: (d) => [h('span', ago(d.lastSeenAt)), isStale(d) ? h('div', badge('state', 'STALE', 'STALE')) : null] },
    ], rows, {
      caption: 'Enrolled devices',
      rowClass: (d) => (isStale(d) ? 'stale' : null),
      rowAttrs: (d) => ({ 'data-device': d.deviceId }),
      empty: devices.length ? 'No device matches the filter.' : 'No device enrolled yet. Issue an enrollment token below.',
    }));
  };
  search.addEventListener('input', draw);
  stateFilter.addEventListener('change', draw);
  draw();

  const counts = { total: devices.length, stale: devices.filter((d) => isStale(d)).length };
  root.append(
    h('div.page-head',
      h('div', h('h1', 'Fleet'), h('p', `${num(counts.total)} devices in tenant ${ctx.tenant} · ${num(counts.stale)} stale (no check-in for 24 h)`))),
    h('section.panel',
      h('header', h('h2', 'Devices'),
        h('div.actions', field('Search', search), field('State', stateFilter))),
      tableHost),
    enrollmentPanel(ctx));
}

function policyCell(d, latest) {
  const v = d.policyVersion || 0;
  if (!v) return h('span.sub', 'none');
  const behind = latest && v < latest;
  return [h('span', `v${v}`), behind ? h('div.sub', `latest v${latest}`) : null];
}

function enrollmentPanel(ctx) {
  const group = select(ctx.groups.map((g) => [g.id, `${g.name} (${g.id})`]), ctx.group, { id: 'token-group' });
  const ttl = h('input', { type: 'number', id: 'token-ttl', min: 1, max: 720, value: 24 });
  const uses = h('input', { type: 'number', id: 'token-uses', min: 1, max: 100000, value: 1 });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form',
    h('div.row', field('Group', group), field('Valid for (hours)', ttl, '1 to 720'),
      field('Devices it enrolls', uses, '1: single use; more: one token for an MDM rollout, revocable'),
      h('div.field', h('button.btn.primary', { type: 'submit', id: 'issue-token' }, 'Issue enrollment token'))),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(result);
    try {
      const token = await post(`admin/tenants/${encodeURIComponent(ctx.tenant)}/groups/${encodeURIComponent(group.value)}/enrollment-tokens`,
        { ttlHours: Number(ttl.value), maxUses: Number(uses.value) });
      const server = new URL('../', document.baseURI).toString().replace(/\/$/, '');
      const keys = await get(`admin/tenants/${encodeURIComponent(ctx.tenant)}/keys`);
      const copy = h('button.btn.small', { type: 'button' }, 'Copy');
      copy.addEventListener('click', async () => {
        try { await navigator.clipboard.writeText(token.token); toast('Token copied.'); } catch { toast('Copy failed: select the token and copy it.', 'error'); }
      });
      result.append(
        alertBox('ok', `Token for group ${group.value}, valid until ${token.expiresAt}`
          + (token.maxUses > 1 ? `, for up to ${token.maxUses} devices (id ${token.id})` : '') + '. It is shown only once.'),
        h('div.secret', h('code#enrollment-token', token.token), copy),
        h('p.hint', 'On the device (the fingerprint pins this tenant\'s root of trust):'),
        h('pre.value', `tether-agent enroll --server ${server} \\\n  --token <token> --root-fingerprint ${keys.rootFingerprint}`));
    } catch (err) {
      result.append(alertBox('error', err.message));
    }
  });
  return h('section.panel', h('h2', 'Enrollment tokens'),
    h('p.hint', 'A token enrolls one device into a group. Tokens are stored hashed; only this screen ever shows one.'), form);
}
