import { get } from '../api.js';
import { h, clear, num, panel, table, badge, ago } from '../dom.js';
import { stackedBars, rankedBars, donut, legend, MODE_COLORS, LAYER_COLORS, STATE_COLORS } from '../charts.js';
import { isStale } from './fleet.js';

const MODES = ['ALLOW', 'WARN', 'COACH', 'REQUEST', 'WATERMARK', 'REDACT', 'BLOCK'];
const LAYERS = ['DESTINATION', 'RULE', 'JUDGE', 'POLICY', 'AGENT'];

export async function render(root, ctx) {
  const days = Number(sessionStorage.getItem('tether.dashboard.days') || 14);
  const [stats, devices] = await Promise.all([
    get(ctx.path(`/dashboard?days=${days}`)),
    get(ctx.path('/devices?limit=1000')),
  ]);
  const range = h('select', { id: 'dashboard-days', 'aria-label': 'Period' },
    [7, 14, 30, 90].map((d) => h('option', { value: d, selected: d === days }, `Last ${d} days`)));
  range.addEventListener('change', () => {
    sessionStorage.setItem('tether.dashboard.days', range.value);
    ctx.navigate(`#/dashboard/${range.value}`);
  });

  const dayLabels = [];
  const start = new Date(stats.from);
  for (let i = 0; i < stats.days; i++) {
    dayLabels.push(new Date(start.getTime() + i * 86400000).toISOString().slice(5, 10));
  }
  const dayIndex = (day) => Math.round((Date.parse(`${day}T00:00:00Z`) - start.getTime()) / 86400000);
  const byMode = Object.fromEntries(MODES.map((m) => [m, dayLabels.map(() => 0)]));
  const byLayer = Object.fromEntries(LAYERS.map((l) => [l, dayLabels.map(() => 0)]));
  let blocked = 0;
  let finals = 0;
  for (const cell of stats.series) {
    const i = dayIndex(cell.day);
    if (i < 0 || i >= dayLabels.length) continue;
    byLayer[cell.layer][i] += cell.count;
    if (cell.layer === 'POLICY') {
      byMode[cell.mode][i] += cell.count;
      finals += cell.count;
      if (cell.mode === 'BLOCK') blocked += cell.count;
    }
  }

  const chartHost = h('div');
  const view = { current: 'mode' };
  const modeBtn = h('button', { type: 'button', 'aria-pressed': 'true' }, 'By mode');
  const layerBtn = h('button', { type: 'button', 'aria-pressed': 'false' }, 'By layer');
  const drawChart = () => {
    modeBtn.setAttribute('aria-pressed', String(view.current === 'mode'));
    layerBtn.setAttribute('aria-pressed', String(view.current === 'layer'));
    clear(chartHost).append(view.current === 'mode'
      ? stackedBars(dayLabels, byMode, MODE_COLORS, { title: 'Final decisions per day by response mode' })
      : stackedBars(dayLabels, byLayer, LAYER_COLORS, { title: 'Audit records per day by control layer' }));
  };
  modeBtn.addEventListener('click', () => { view.current = 'mode'; drawChart(); });
  layerBtn.addEventListener('click', () => { view.current = 'layer'; drawChart(); });
  drawChart();

  const states = {};
  let stale = 0;
  for (const d of devices) {
    const st = d.state || 'UNKNOWN';
    states[st] = (states[st] || 0) + 1;
    if (isStale(d)) stale++;
  }
  const enforcing = states.ENFORCING || 0;
  const posturePct = devices.length ? Math.round((enforcing / devices.length) * 100) : 0;

  root.append(
    h('div.page-head',
      h('div', h('h1', 'Dashboard'), h('p', `Tenant ${ctx.tenant} · ${stats.from.slice(0, 10)} to ${new Date(Date.parse(stats.to) - 86400000).toISOString().slice(0, 10)} (UTC)`)),
      h('div.actions', range)),
    h('div.grid.cols-4',
      stat('Decisions', num(stats.decisions), `${num(stats.total)} audit records`),
      stat('Blocked', num(blocked), finals ? `${Math.round((blocked / finals) * 100)} % of final decisions` : 'no decisions yet', blocked ? 'bad' : ''),
      stat('Devices', num(devices.length), `${num(stale)} stale`, stale ? 'warn' : ''),
      stat('Enforcing', `${posturePct} %`, `${num(enforcing)} of ${num(devices.length)} devices`, posturePct === 100 ? 'ok' : devices.length ? 'warn' : '')),
    h('div.grid.wide-left',
      h('section.panel', { 'aria-labelledby': 'chart-title' },
        h('header', h('h2#chart-title', 'Decisions over time'),
          h('div.actions', h('div.seg', { role: 'group', 'aria-label': 'Chart breakdown' }, modeBtn, layerBtn))),
        chartHost),
      h('section.panel',
        h('h2', 'Fleet posture'),
        h('div.row', donut(states, STATE_COLORS, 'devices'),
          h('div', legend(Object.keys(states), STATE_COLORS),
            stale ? h('p.hint', `${stale} device(s) have not checked in for over 24 hours.`) : h('p.hint', 'Every device checked in within 24 hours.'),
            h('a', { href: '#/fleet' }, 'Open fleet →'))))),
    h('div.grid.cols-3',
      panel('Top detectors', rankedBars(stats.topDetectors, '#4a7fd9', 'rule records')),
      panel('Top apps', rankedBars(stats.topApps, '#556377', 'decisions')),
      panel('Top destinations', rankedBars(stats.topDestinations, '#1a9aa8', 'decisions'))));
}

function stat(label, value, sub, kind = '') {
  return h('div.stat', { class: `stat ${kind}` }, h('div.label', label), h('div.value', value), h('div.sub', sub));
}
