// Audit search: every filter of the audit query API, rule and judge records shown as separate
// controls, a decision's detail (all its records, trace id), and exports.
import { get, api, enc } from '../api.js';
import { h, clear, table, timeCell, modeBadge, layerBadge, field, select, alertBox, download, num } from '../dom.js';

const PAGE = 50;
const FILTERS = ['deviceId', 'user', 'app', 'destination', 'provider', 'layer', 'mode', 'decisionId', 'traceId', 'from', 'to'];

export async function render(root, ctx, args) {
  const params = new URLSearchParams(args[0] || '');
  const offset = Number(params.get('offset') || 0);
  const query = new URLSearchParams();
  for (const key of FILTERS) if (params.get(key)) query.set(key, params.get(key));
  if (ctx.groups.length > 1 && params.get('group')) query.set('group', params.get('group'));
  query.set('limit', PAGE);
  query.set('offset', offset);
  const page = await get(ctx.path(`/audit-events?${query}`));

  const inputs = {};
  const text = (key, label, placeholder) => {
    inputs[key] = h('input', { type: 'text', id: `audit-${key}`, value: params.get(key) || '', placeholder });
    return field(label, inputs[key]);
  };
  inputs.layer = select([['', 'Any'], ['RULE', 'Rule'], ['JUDGE', 'Judge'], ['POLICY', 'Decision'], ['DESTINATION', 'Destination'], ['AGENT', 'Agent']], params.get('layer') || '', { id: 'audit-layer' });
  inputs.mode = select([['', 'Any'], 'ALLOW', 'WARN', 'COACH', 'REQUEST', 'WATERMARK', 'REDACT', 'BLOCK'], params.get('mode') || '', { id: 'audit-mode' });
  inputs.from = h('input', { type: 'text', id: 'audit-from', value: params.get('from') || '', placeholder: '2026-04-01T00:00:00Z' });
  inputs.to = h('input', { type: 'text', id: 'audit-to', value: params.get('to') || '', placeholder: 'exclusive' });
  const form = h('form#audit-filters', { role: 'search' },
    h('div.filters', text('destination', 'Destination', 'api.openai.com'), text('app', 'App'), text('user', 'User', 'OS user or developer'), text('deviceId', 'Device id'),
      field('Control', inputs.layer), field('Mode', inputs.mode),
      text('provider', 'Provider', 'OPENAI'), text('decisionId', 'Decision id'), text('traceId', 'Trace id'),
      field('From (UTC)', inputs.from), field('To (UTC)', inputs.to)),
    h('div.row', h('button.btn.primary#audit-search', { type: 'submit' }, 'Search'),
      h('button.btn', { type: 'button', on: { click: () => ctx.navigate('#/audit') } }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTERS) if (inputs[key] && inputs[key].value.trim()) next.set(key, inputs[key].value.trim());
    ctx.navigate(`#/audit/${encodeURIComponent(next.toString())}`);
  });

  const detail = h('div#audit-detail', { 'aria-live': 'polite' });
  const go = (newOffset) => {
    const next = new URLSearchParams(params);
    next.set('offset', newOffset);
    ctx.navigate(`#/audit/${encodeURIComponent(next.toString())}`);
  };
  const open = async (event) => {
    clear(detail).append(await decisionDetail(ctx, event));
    detail.scrollIntoView({ block: 'nearest' });
    detail.querySelector('h2')?.focus();
  };

  const results = table([
    { label: 'Time', cell: (e) => timeCell(e.occurredAt) },
    { label: 'Control', cell: (e) => layerBadge(e.layer) },
    { label: 'Mode', cell: (e) => modeBadge(e.mode) },
    { label: 'What fired', cell: (e) => whatFired(e) },
    { label: 'Destination', cell: (e) => [e.destinationHost || '—', e.provider ? h('div.sub', e.provider) : null] },
    { label: 'App / user', cell: (e) => [e.app || '—', h('div.sub', [e.osUser, e.developer].filter(Boolean).join(' · ') || '—')] },
    { label: 'Device', cell: (e) => h('span.mono', (e.deviceId || '').slice(0, 12)) },
    { label: '', cell: (e) => h('button.btn.small', { type: 'button', 'data-event': e.eventId, on: { click: () => open(e) } }, 'Details') },
  ], page.events, { caption: 'Audit records', empty: 'No audit record matches.', rowAttrs: (e) => ({ 'data-layer': e.layer }) });

  const exportJson = () => download(new Blob([JSON.stringify(page, null, 2)], { type: 'application/json' }), `audit-${ctx.tenant}-${offset}.json`);
  const exportCsv = () => download(new Blob([toCsv(page.events)], { type: 'text/csv' }), `audit-${ctx.tenant}-${offset}.csv`);
  const exportLog = async () => {
    const response = await api('GET', `admin/audit-log/tenants/${enc(ctx.tenant)}/export?from=0&limit=10000`, { raw: true });
    download(await response.blob(), `audit-log-${ctx.tenant}.json`);
  };

  root.append(
    h('div.page-head',
      h('div', h('h1', 'Audit'), h('p', 'Every control that fired, one record each: rule and judge records are separate so a review sees which control decided.')),
      h('div.actions',
        h('button.btn#export-csv', { type: 'button', on: { click: exportCsv } }, 'Export page (CSV)'),
        h('button.btn#export-json', { type: 'button', on: { click: exportJson } }, 'Export page (JSON)'),
        h('button.btn#export-log', { type: 'button', on: { click: () => exportLog().catch((e) => clear(detail).append(alertBox('error', e.message))) } }, 'Tamper-evident log export'))),
    h('section.panel', form),
    detail,
    h('section.panel',
      h('header', h('h2', `${num(page.total)} record(s)`)),
      results,
      h('div.pager',
        h('button.btn.small', { type: 'button', disabled: offset === 0, on: { click: () => go(Math.max(0, offset - PAGE)) } }, '← Newer'),
        h('span', page.total ? `${offset + 1}–${offset + page.events.length} of ${num(page.total)}` : ''),
        h('button.btn.small', { type: 'button', disabled: offset + PAGE >= page.total, on: { click: () => go(offset + PAGE) } }, 'Older →'))));
}

function whatFired(e) {
  if (e.layer === 'RULE') return [h('span', (e.detectorIds || []).join(', ') || '—'), h('div.sub', `${e.findingCount} finding(s)`)];
  if (e.layer === 'JUDGE') {
    return [h('span', e.classification || '—'), h('div.sub',
      `${e.confidence !== null && e.confidence !== undefined ? `confidence ${Number(e.confidence).toFixed(2)}` : ''}${e.escalated ? ' · cloud judge' : ' · on device'}`)];
  }
  return e.reason || '—';
}

async function decisionDetail(ctx, event) {
  const all = await get(ctx.path(`/audit-events?decisionId=${enc(event.decisionId)}&limit=100`));
  const records = all.events.length ? all.events : [event];
  const order = ['DESTINATION', 'RULE', 'JUDGE', 'POLICY', 'AGENT'];
  records.sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer));
  const final = records.find((r) => r.layer === 'POLICY') || event;
  return h('section.panel.detail', { 'aria-labelledby': 'detail-title' },
    h('header', h('h2#detail-title', { tabindex: '-1' }, 'Decision ', h('span.mono', event.decisionId.slice(0, 8)), ' ', modeBadge(final.mode)),
      h('div.actions', h('button.btn.small', { type: 'button', on: { click: (e) => e.target.closest('section').remove() } }, 'Close'))),
    h('dl.kv',
      h('dt', 'Decision id'), h('dd.mono', event.decisionId),
      h('dt', 'Trace id'), h('dd.mono#detail-trace', event.traceId || 'not traced'),
      h('dt', 'When'), h('dd', timeCell(event.occurredAt)),
      h('dt', 'Device'), h('dd.mono', event.deviceId),
      h('dt', 'User'), h('dd', [event.osUser, event.developer].filter(Boolean).join(' · ') || '—'),
      h('dt', 'App'), h('dd', event.app || '—'),
      h('dt', 'Destination'), h('dd', `${event.destinationHost || '—'}${event.provider ? ` (${event.provider})` : ''}${event.model ? ` · model ${event.model}` : ''}`),
      h('dt', 'Policy version'), h('dd', event.policyVersion ? `v${event.policyVersion}` : 'none'),
      h('dt', 'Content'), h('dd', [h('span.mono', event.contentDigest || '—'), ` · ${num(event.contentBytes)} bytes (content is never stored)`])),
    h('h3', `Records of this decision (${records.length})`),
    h('div.records', records.map(recordCard)));
}

function recordCard(r) {
  const rows = [['Mode', modeBadge(r.mode)], ['Reason', r.reason || '—']];
  if (r.layer === 'RULE') {
    rows.push(['Detectors', (r.detectorIds || []).join(', ') || '—']);
    rows.push(['Findings', Object.entries(r.findingTypes || {}).map(([k, v]) => `${k} × ${v}`).join(', ') || String(r.findingCount)]);
  }
  if (r.layer === 'JUDGE') {
    rows.push(['Classification', r.classification || '—']);
    rows.push(['Confidence', r.confidence !== null && r.confidence !== undefined ? Number(r.confidence).toFixed(3) : '—']);
    rows.push(['Judged by', r.escalated ? 'cloud judge (redacted copy)' : 'on-device judge']);
  }
  if (r.redactedExcerpts && r.redactedExcerpts.length) rows.push(['Redacted excerpts', h('pre.value', r.redactedExcerpts.join('\n'))]);
  rows.push(['Record id', h('span.mono', r.eventId)]);
  return h(`article.record-card.${r.layer}`, { 'data-record-layer': r.layer },
    h('h3', layerBadge(r.layer), r.layer === 'RULE' ? 'Rule record' : r.layer === 'JUDGE' ? 'Judge record' : r.layer === 'POLICY' ? 'Final decision' : `${r.layer.toLowerCase()} record`),
    h('dl.kv', rows.flatMap(([k, v]) => [h('dt', k), h('dd', v)])));
}

function toCsv(events) {
  const cols = ['occurredAt', 'eventId', 'decisionId', 'layer', 'mode', 'deviceId', 'osUser', 'developer', 'app', 'destinationHost',
    'provider', 'model', 'policyVersion', 'detectorIds', 'findingCount', 'classification', 'confidence', 'escalated', 'traceId', 'reason'];
  const esc = (v) => {
    const s = Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v);
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [cols.join(','), ...events.map((e) => cols.map((c) => esc(e[c])).join(','))].join('\n') + '\n';
}
