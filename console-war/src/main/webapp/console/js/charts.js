// Charts as inline SVG, drawn from data (colours are SVG presentation attributes, not styles).
import { h, s, num } from './dom.js';

export const MODE_COLORS = {
  ALLOW: '#2e9e62', WARN: '#e0a400', COACH: '#8d5bd6', REQUEST: '#2f7de1',
  WATERMARK: '#1a9aa8', REDACT: '#e3762b', BLOCK: '#d13b32',
};
export const LAYER_COLORS = {
  DESTINATION: '#d9822b', RULE: '#4a7fd9', JUDGE: '#8d5bd6', POLICY: '#556377', AGENT: '#9aa6bf',
};
export const STATE_COLORS = {
  ENFORCING: '#2e9e62', GRACE: '#e0a400', FALLBACK: '#d13b32', NO_POLICY: '#8f1d17', ENROLLED: '#9aa6bf', UNKNOWN: '#c7cdd8',
};

function swatch(color) {
  return s('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, rx: 2, fill: color }));
}

export function legend(keys, colors) {
  return h('ul.legend', keys.map((k) => h('li', swatch(colors[k] || '#999'), k.replace('_', ' '))));
}

/**
 * Stacked columns: x = labels (e.g. days), stacks = {key: [values per x]}.
 * Accessible: role img with a summary; each bar has a <title>.
 */
export function stackedBars(labels, stacks, colors, { title, height = 220 } = {}) {
  const keys = Object.keys(stacks).filter((k) => stacks[k].some((v) => v > 0));
  const totals = labels.map((_, i) => keys.reduce((sum, k) => sum + stacks[k][i], 0));
  const max = Math.max(1, ...totals);
  const width = 720;
  const left = 40;
  const bottom = 24;
  const top = 8;
  const plotH = height - bottom - top;
  const step = (width - left - 8) / Math.max(1, labels.length);
  const barW = Math.max(4, Math.min(42, step * 0.7));
  const ticks = niceTicks(max);
  const svg = s('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${title || 'Chart'}: ${totals.reduce((a, b) => a + b, 0)} in total`,
  });
  for (const t of ticks) {
    const y = top + plotH - (t / ticks[ticks.length - 1]) * plotH;
    svg.append(s('line', { class: 'grid-line', x1: left, x2: width - 4, y1: y, y2: y }));
    svg.append(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, num(t)));
  }
  const scaleMax = ticks[ticks.length - 1];
  labels.forEach((label, i) => {
    const x = left + i * step + (step - barW) / 2;
    let y = top + plotH;
    for (const k of keys) {
      const v = stacks[k][i];
      if (!v) continue;
      const barH = (v / scaleMax) * plotH;
      y -= barH;
      svg.append(s('rect', { x, y, width: barW, height: Math.max(barH, 0.5), fill: colors[k] || '#999' },
        s('title', {}, `${label}: ${k} ${v}`)));
    }
    const every = Math.ceil(labels.length / 10);
    if (i % every === 0 || i === labels.length - 1) {
      svg.append(s('text', { x: x + barW / 2, y: height - 6, 'text-anchor': 'middle' }, label));
    }
  });
  svg.append(s('line', { class: 'axis', x1: left, x2: width - 4, y1: top + plotH, y2: top + plotH }));
  return h('div', svg, legend(keys, colors));
}

function niceTicks(max) {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((c) => c >= raw) || raw;
  const out = [];
  for (let v = 0; v <= max + step * 0.999; v += step) out.push(Math.round(v));
  return out.length > 1 ? out : [0, 1];
}

/** Ranked horizontal bars: items [{name, count}]. */
export function rankedBars(items, color = '#4a7fd9', label = 'count') {
  if (!items.length) return h('p.empty', 'No data in this period.');
  const max = Math.max(...items.map((i) => i.count), 1);
  return h('ul.bars', items.map((item) => {
    const w = Math.max(2, Math.round((item.count / max) * 200));
    return h('li',
      h('span.name', { title: item.name || 'unknown' }, short(item.name) || '(unknown)'),
      s('svg', { width: '100%', height: 14, viewBox: '0 0 200 14', preserveAspectRatio: 'none', role: 'img', 'aria-label': `${item.count} ${label}` },
        s('rect', { x: 0, y: 1, width: 200, height: 12, rx: 3, fill: '#eef1f6' }),
        s('rect', { x: 0, y: 1, width: w, height: 12, rx: 3, fill: color })),
      h('span.num', num(item.count)));
  }));
}

/** A donut of parts {key: value}. */
export function donut(parts, colors, centerLabel) {
  const entries = Object.entries(parts).filter(([, v]) => v > 0);
  const total = entries.reduce((a, [, v]) => a + v, 0);
  const size = 160;
  const r = 62;
  const c = 2 * Math.PI * r;
  const svg = s('svg', { class: 'chart donut', viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img',
    'aria-label': entries.map(([k, v]) => `${k} ${v}`).join(', ') || 'no devices' });
  svg.append(s('circle', { cx: size / 2, cy: size / 2, r, fill: 'none', stroke: '#eef1f6', 'stroke-width': 20 }));
  let offset = 0;
  for (const [k, v] of entries) {
    const len = (v / total) * c;
    svg.append(s('circle', {
      cx: size / 2, cy: size / 2, r, fill: 'none', stroke: colors[k] || '#999', 'stroke-width': 20,
      'stroke-dasharray': `${len} ${c - len}`, 'stroke-dashoffset': -offset,
      transform: `rotate(-90 ${size / 2} ${size / 2})`,
    }, s('title', {}, `${k}: ${v}`)));
    offset += len;
  }
  svg.append(s('text', { x: size / 2, y: size / 2 + 4, 'text-anchor': 'middle', 'font-size': 30, 'font-weight': 700, fill: '#17202e' }, String(total)));
  svg.append(s('text', { x: size / 2, y: size / 2 + 20, 'text-anchor': 'middle' }, centerLabel));
  return svg;
}

/** The last path segment of an app path (the full path stays in the tooltip). */
function short(name) {
  if (!name || !name.includes('/')) return name;
  return name.slice(name.lastIndexOf('/') + 1) || name;
}
