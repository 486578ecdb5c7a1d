// DOM helpers. Everything is built with createElement/textContent: no HTML strings, so data from
// the API can never become markup, and nothing needs an inline style (CSP style-src 'self').

/** h('div.cls#id', {attrs, on: {click}}, children...) */
export function h(tag, attrs, ...children) {
  const [name, ...rest] = tag.split(/(?=[.#])/);
  const el = document.createElement(name || 'div');
  for (const part of rest) {
    if (part.startsWith('.')) el.classList.add(part.slice(1));
    else if (part.startsWith('#')) el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked') {
      el.checked = !!value;
    } else if (key === 'style') {
      throw new Error('inline styles are not allowed by the console CSP');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let fieldCounter = 0;

/** A labelled form field; returns {el, input}. */
export function field(labelText, input, help) {
  const id = input.id || `f${++fieldCounter}`;
  input.id = id;
  const helpEl = help ? h('span.help', { id: `${id}-help` }, help) : null;
  if (helpEl) input.setAttribute('aria-describedby', helpEl.id);
  return h('div.field', h('label', { for: id }, labelText), input, helpEl);
}

export function checkbox(labelText, checked, attrs = {}) {
  const input = h('input', { type: 'checkbox', checked, ...attrs });
  const el = h('label.check', input, labelText);
  return { el, input };
}

export function select(options, value, attrs = {}) {
  const el = h('select', attrs);
  for (const option of options) {
    const [v, label] = Array.isArray(option) ? option : [option, option];
    const o = h('option', { value: v }, label);
    if (String(v) === String(value ?? '')) o.selected = true;
    el.append(o);
  }
  return el;
}

/** A table: columns [{label, cell(row) -> node|string, class}], rows. */
export function table(columns, rows, { caption, rowClass, empty = 'Nothing to show.', rowAttrs } = {}) {
  if (!rows.length) return h('p.empty', empty);
  return h('div.table-wrap',
    h('table',
      caption ? h('caption.visually-hidden', caption) : null,
      h('thead', h('tr', columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', rows.map((row) => h('tr', { class: rowClass ? rowClass(row) : null, ...(rowAttrs ? rowAttrs(row) : {}) },
        columns.map((c) => h('td', { class: c.class }, c.cell(row))))))));
}

export function badge(kind, value, label) {
  return h(`span.badge.${kind}-${value}`, label ?? String(value).replace('_', ' '));
}

export function modeBadge(mode) {
  return mode ? badge('mode', mode) : '—';
}

const LAYER_LABELS = {
  RULE: 'Rule', JUDGE: 'Judge', POLICY: 'Decision', DESTINATION: 'Destination', AGENT: 'Agent',
};

export function layerBadge(layer) {
  return h(`span.layer.layer-${layer}`, LAYER_LABELS[layer] || layer);
}

export function panel(title, ...children) {
  return h('section.panel', title ? h('h2', title) : null, ...children);
}

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 0) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function timeCell(iso) {
  return h('time', { datetime: iso || '', title: fmtTime(iso) }, iso ? fmtTime(iso) : '—');
}

export function num(n) {
  return new Intl.NumberFormat('en-US').format(n ?? 0);
}

export function toast(message, kind = 'info') {
  let host = document.querySelector('.toasts');
  if (!host) {
    host = h('div.toasts', { role: 'status', 'aria-live': 'polite' });
    document.body.append(host);
  }
  const t = h(`div.toast.${kind}`, message);
  host.append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 9000 : 4500);
}

export function alertBox(kind, message) {
  return h(`div.alert.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, message);
}

/**
 * A modal dialog with a form. fields: nodes; onSubmit(form) may throw to keep the dialog open
 * (its message is shown). Resolves with onSubmit's result, or null when cancelled.
 */
export function dialog(title, fields, submitLabel, onSubmit, { danger = false } = {}) {
  return new Promise((resolve) => {
    const error = h('div');
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h2', title), error, fields,
      h('div.buttons',
        h('button.btn', { type: 'button', value: 'cancel', on: { click: () => { dlg.close(); } } }, 'Cancel'),
        h(`button.btn.${danger ? 'danger' : 'primary'}`, { type: 'submit' }, submitLabel)));
    const dlg = h('dialog', { 'aria-label': title }, form);
    let result = null;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clear(error);
      try {
        result = await onSubmit(form);
        dlg.close();
      } catch (e) {
        error.append(alertBox('error', e.message));
      }
    });
    dlg.addEventListener('close', () => { dlg.remove(); resolve(result); });
    document.body.append(dlg);
    dlg.showModal();
    const first = form.querySelector('input, textarea, select');
    if (first) first.focus();
  });
}

/** Tabs with ARIA roles; tabs: [{id, label, render(panelEl)}]. */
export function tabs(list, selected, onSelect) {
  const bar = h('div.tabs', { role: 'tablist' });
  for (const t of list) {
    const b = h('button', {
      type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-selected': String(t.id === selected),
      'aria-controls': 'tabpanel', tabindex: t.id === selected ? '0' : '-1',
      on: { click: () => onSelect(t.id) },
    }, t.label);
    b.addEventListener('keydown', (e) => {
      const idx = list.findIndex((x) => x.id === t.id);
      if (e.key === 'ArrowRight') onSelect(list[(idx + 1) % list.length].id, true);
      if (e.key === 'ArrowLeft') onSelect(list[(idx - 1 + list.length) % list.length].id, true);
    });
    bar.append(b);
  }
  return bar;
}

/** Splits a textarea's lines into a trimmed, non-empty list. */
export function lines(text) {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.length);
}

/** Triggers a browser download of a Blob. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
