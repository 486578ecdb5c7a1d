// Admin log: every admin action in this tenant (who, what, when, outcome, before/after), newest
// first, from the admin action log (insert-only on the server).
import { get } from '../api.js';
import { h, clear, table, timeCell, badge } from '../dom.js';

const PAGE = 100;

export async function render(root, ctx, args) {
  const before = args[0] && /^\d+$/.test(args[0]) ? args[0] : null;
  const records = await get(ctx.path(`/admin-actions?limit=${PAGE}${before ? `&before=${before}` : ''}`));
  const detail = h('div#action-detail', { 'aria-live': 'polite' });
  const show = (r) => {
    clear(detail).append(h('section.panel.detail',
      h('header', h('h2', `${r.method} ${r.resource}`), h('div.actions', h('button.btn.small', { type: 'button', on: { click: () => clear(detail) } }, 'Close'))),
      h('dl.kv', h('dt', 'Actor'), h('dd', `${r.actor} (${r.actorKind})`), h('dt', 'When'), h('dd', timeCell(r.at)),
        h('dt', 'Outcome'), h('dd', `${r.outcome} · HTTP ${r.status}`), h('dt', 'Client'), h('dd', r.clientAddress || '—'),
        h('dt', 'Detail'), h('dd', r.detail || '—')),
      h('div.grid.cols-2',
        h('div', h('h3', 'Before'), h('pre.value', pretty(r.before))),
        h('div', h('h3', 'After'), h('pre.value', pretty(r.after))))));
  };
  const outcome = { SUCCESS: 'APPROVED', DENIED: 'DENIED', FAILED: 'PENDING' };
  root.append(
    h('div.page-head', h('div', h('h1', 'Admin log'), h('p', `Every change and every refused request in ${ctx.tenant}: who, what, when, before and after. Insert-only.`))),
    detail,
    h('section.panel', table([
      { label: 'When', cell: (r) => timeCell(r.at) },
      { label: 'Actor', cell: (r) => [h('strong', r.actor), h('div.sub', r.actorKind)] },
      { label: 'Action', cell: (r) => h('code', `${r.method} ${r.resource}`) },
      { label: 'Outcome', cell: (r) => [badge('state', outcome[r.outcome] || 'EXPIRED', r.outcome), h('div.sub', `HTTP ${r.status}`)] },
      { label: 'Detail', cell: (r) => r.detail || '—' },
      { label: '', cell: (r) => (r.before || r.after ? h('button.btn.small', { type: 'button', on: { click: () => show(r) } }, 'Before / after') : '') },
    ], records, { caption: 'Admin actions', empty: 'No admin action recorded for this tenant yet.' }),
    records.length === PAGE ? h('div.pager', h('button.btn.small', { type: 'button', on: { click: () => ctx.navigate(`#/activity/${records[records.length - 1].id}`) } }, 'Older →')) : null));
}

function pretty(value) {
  if (!value) return '—';
  try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return String(value); }
}
