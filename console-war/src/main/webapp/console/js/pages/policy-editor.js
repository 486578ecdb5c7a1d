// Structured policy editor. Edits known fields of the working copy in place; every other field of
// the document (dictionaries, protected code, CA certificates, ...) is kept untouched.
import { h, clear, field, select, checkbox, lines } from '../dom.js';

export const MODES = ['ALLOW', 'WARN', 'COACH', 'REQUEST', 'WATERMARK', 'REDACT', 'BLOCK'];
const PROVIDERS = ['OPENAI', 'ANTHROPIC', 'GEMINI', 'MISTRAL', 'COHERE', 'GITHUB_COPILOT', 'CURSOR', 'GENERIC'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'];
/** Detector families and their defaults (mirrors core DetectorFamilies; shown, never enforced here). */
export const FAMILIES = {
  'cloud-credentials': 'BLOCK', 'private-keys': 'BLOCK', 'source-control-credentials': 'BLOCK',
  'ai-provider-credentials': 'BLOCK', 'payment-credentials': 'BLOCK', 'messaging-credentials': 'BLOCK',
  'package-registry-credentials': 'BLOCK', 'observability-credentials': 'BLOCK', 'infrastructure-credentials': 'BLOCK',
  'generic-secrets': 'BLOCK', 'payment-cards': 'BLOCK', 'government-ids': 'BLOCK', 'financial-accounts': 'BLOCK',
  'health-records': 'BLOCK', 'personal-data': 'WARN', 'contact-details': 'WARN', 'trade-secret-markers': 'BLOCK',
  'protected-source-code': 'BLOCK', 'custom-rules': 'BLOCK',
};
/** Intent labels and default modes (mirrors core JudgeSettings). */
export const LABELS = {
  'public-reference-lookup': 'ALLOW', 'generic-code-assistance': 'ALLOW', 'code-review-with-secret-exposure': 'BLOCK',
  'proprietary-code-disclosure': 'COACH', 'internal-context-extraction': 'COACH', 'regulated-data-exposure': 'BLOCK',
  'policy-circumvention': 'BLOCK',
};

function section(doc, key) {
  if (!doc[key] || typeof doc[key] !== 'object') doc[key] = {};
  return doc[key];
}

/** Deletes empty optional values so an untouched section stays out of the canonical JSON. */
function setOpt(obj, key, value) {
  if (value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length)) delete obj[key];
  else obj[key] = value;
}

function textInput(value, onChange, attrs = {}) {
  const el = h('input', { type: 'text', value: value ?? '', ...attrs });
  el.addEventListener('input', () => onChange(el.value.trim()));
  return el;
}

function listArea(value, onChange, attrs = {}) {
  const el = h('textarea', { rows: 4, ...attrs });
  el.value = (value || []).join('\n');
  el.addEventListener('input', () => onChange(lines(el.value)));
  return el;
}

function modeSelect(value, onChange, defaultLabel, attrs = {}) {
  const options = defaultLabel ? [['', defaultLabel], ...MODES] : MODES;
  const el = select(options, value || '', attrs);
  el.addEventListener('change', () => onChange(el.value || null));
  return el;
}

/** Editable rows of objects; columns [{key, label, kind: text|select|list, options}]. */
function rowsEditor(rows, columns, onChange, { addLabel, caption, idPrefix }) {
  const host = h('div');
  const draw = () => {
    clear(host);
    const body = h('tbody');
    rows.forEach((row, i) => {
      body.append(h('tr', columns.map((c) => {
        const label = `${c.label} (row ${i + 1})`;
        let input;
        if (c.kind === 'select') {
          input = select(c.options, row[c.key] ?? '', { 'aria-label': label });
          input.addEventListener('change', () => { setOpt(row, c.key, input.value || null); onChange(); });
        } else if (c.kind === 'list') {
          input = textInput((row[c.key] || []).join(', '), (v) => { setOpt(row, c.key, v.split(',').map((x) => x.trim()).filter(Boolean)); onChange(); }, { 'aria-label': label });
        } else {
          input = textInput(row[c.key], (v) => { setOpt(row, c.key, v || null); onChange(); }, { 'aria-label': label, class: c.mono ? 'mono' : null });
        }
        if (idPrefix) input.id = `${idPrefix}-${i}-${c.key}`;
        return h('td', input);
      }), h('td', h('button.btn.small.danger', { type: 'button', 'aria-label': `Remove row ${i + 1}`, on: { click: () => { rows.splice(i, 1); onChange(); draw(); } } }, 'Remove'))));
    });
    host.append(rows.length
      ? h('div.table-wrap', h('table.form-table', h('caption.visually-hidden', caption),
        h('thead', h('tr', columns.map((c) => h('th', { scope: 'col' }, c.label)), h('th', h('span.visually-hidden', 'Actions')))), body))
      : h('p.hint', 'None yet.'),
    h('button.btn.small', { type: 'button', id: idPrefix ? `${idPrefix}-add` : null, on: { click: () => { rows.push({}); onChange(); draw(); } } }, addLabel));
  };
  draw();
  return host;
}

/**
 * Drops sections and maps the editor left empty (an empty section is the default and is left out
 * of the canonical JSON), and gives a non-empty proxy section its boolean inspectAll.
 */
export function cleanDoc(doc) {
  for (const key of ['tradeSecrets', 'judge', 'enforcement', 'responses', 'proxy']) {
    const sec = doc[key];
    if (!sec || typeof sec !== 'object') continue;
    for (const [k, v] of Object.entries(sec)) {
      if (v === null || (Array.isArray(v) && !v.length)) delete sec[k];
      else if (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length) delete sec[k];
    }
    if (!Object.keys(sec).length) delete doc[key];
  }
  if (doc.proxy) doc.proxy.inspectAll = doc.proxy.inspectAll === true;
  return doc;
}

export function renderEditor(root, state, ctx) {
  const doc = state.doc;
  const changed = () => state.changed();

  const general = h('fieldset#sec-general', h('legend', 'General'),
    h('div.row',
      field('Policy name', textInput(doc.name, (v) => { doc.name = v; changed(); }, { id: 'policy-name', required: true, maxlength: 200 })),
      field('Bundle lifetime', textInput(doc.bundleLifetime, (v) => { setOpt(doc, 'bundleLifetime', v); changed(); }, { id: 'policy-lifetime', placeholder: 'P7D' }), 'ISO-8601, PT5M to P90D; agents refuse an expired bundle'),
      field('Mode when nothing fires', modeSelect(doc.defaultMode, (v) => { doc.defaultMode = v || 'ALLOW'; changed(); }, null, { id: 'policy-default-mode' }))));

  doc.aiDestinations = doc.aiDestinations || [];
  const destinations = h('fieldset#sec-destinations', h('legend', 'Destinations catalogue'),
    h('p.hint', 'AI hosts whose traffic is decrypted and inspected (exact names or *.suffix). Unknown AI endpoints are denied by default.'),
    rowsEditor(doc.aiDestinations, [
      { key: 'host', label: 'Host', mono: true },
      { key: 'provider', label: 'Provider', kind: 'select', options: PROVIDERS },
    ], changed, { addLabel: 'Add destination', caption: 'AI destinations', idPrefix: 'dest' }),
    field('Blocked hosts (one per line)', listArea(doc.blockedHosts, (v) => { doc.blockedHosts = v; changed(); }, { id: 'blocked-hosts' }), 'Unapproved AI providers: refused outright'));

  doc.detectorModes = doc.detectorModes || {};
  const detectorGrid = h('div.mode-grid', Object.entries(FAMILIES).map(([family, def]) =>
    field(family, modeSelect(doc.detectorModes[family], (v) => { setOpt(doc.detectorModes, family, v); changed(); }, `Default (${def})`, { id: `detector-${family}` }))));
  const ts = section(doc, 'tradeSecrets');
  ts.customRules = ts.customRules || [];
  const detectors = h('fieldset#sec-detectors', h('legend', 'Detectors and custom rules'),
    h('p.hint', 'Response when a detector family fires. Credentials and regulated data block unless you decide otherwise.'),
    detectorGrid,
    h('h3', 'Custom rules'),
    h('p.hint', 'RE2 patterns (linear time). Findings are reported as custom-<id>.'),
    rowsEditor(ts.customRules, [
      { key: 'id', label: 'Id', mono: true },
      { key: 'description', label: 'Description' },
      { key: 'pattern', label: 'Pattern (RE2)', mono: true },
      { key: 'severity', label: 'Severity', kind: 'select', options: [['', 'HIGH (default)'], ...SEVERITIES] },
      { key: 'keywords', label: 'Keywords', kind: 'list' },
    ], changed, { addLabel: 'Add custom rule', caption: 'Custom rules', idPrefix: 'rule' }),
    h('div.grid.cols-2',
      field('Confidentiality markers', listArea(ts.markers, (v) => { setOpt(ts, 'markers', v); changed(); }, { id: 'ts-markers' }), 'e.g. CONFIDENTIAL'),
      field('Project code names', listArea(ts.codeNames, (v) => { setOpt(ts, 'codeNames', v); changed(); }, { id: 'ts-codenames' })),
      field('Internal domains', listArea(ts.internalDomains, (v) => { setOpt(ts, 'internalDomains', v); changed(); }, { id: 'ts-domains' }), 'corp.example.com matches every sub-domain'),
      field('Internal package prefixes', listArea(ts.packagePrefixes, (v) => { setOpt(ts, 'packagePrefixes', v); changed(); }, { id: 'ts-packages' }), 'com.example. or @example/')));

  const judge = section(doc, 'judge');
  judge.modes = judge.modes || {};
  const enabled = checkbox('On-device intent judge enabled', judge.enabled !== false, { id: 'judge-enabled' });
  enabled.input.addEventListener('change', () => { setOpt(judge, 'enabled', enabled.input.checked ? null : false); changed(); });
  const cloud = checkbox('Escalate unsure requests to the cloud judge (redacted copy only)', judge.cloudJudge !== false, { id: 'judge-cloud' });
  cloud.input.addEventListener('change', () => { setOpt(judge, 'cloudJudge', cloud.input.checked ? null : false); changed(); });
  const airGap = checkbox('Air-gap: never escalate anything off the device', judge.airGap === true, { id: 'judge-airgap' });
  airGap.input.addEventListener('change', () => { setOpt(judge, 'airGap', airGap.input.checked ? true : null); changed(); });
  const threshold = h('input', { type: 'number', id: 'judge-threshold', min: 0, max: 1, step: 0.05, value: judge.escalationThreshold ?? '', placeholder: '0.6' });
  threshold.addEventListener('input', () => { setOpt(judge, 'escalationThreshold', threshold.value === '' ? null : Number(threshold.value)); changed(); });
  const timeout = h('input', { type: 'number', id: 'judge-timeout', min: 50, max: 30000, step: 50, value: judge.timeoutMillis ?? '', placeholder: '1500' });
  timeout.addEventListener('input', () => { setOpt(judge, 'timeoutMillis', timeout.value === '' ? null : Number(timeout.value)); changed(); });
  const labelGrid = h('div.mode-grid', Object.entries(LABELS).map(([label, def]) =>
    field(label, modeSelect(judge.modes[label], (v) => { setOpt(judge.modes, label, v); changed(); }, `Default (${def})`, { id: `label-${label}` }))));
  const judgeSet = h('fieldset#sec-judge', h('legend', 'Classification → mode, judge and escalation'),
    h('p.hint', 'Response per intent the on-device judge recognises.'),
    labelGrid,
    enabled.el, cloud.el, airGap.el,
    h('div.row',
      field('Escalation threshold', threshold, 'Below this confidence the judge is unsure (0..1, default 0.6)'),
      field('Cloud judge timeout (ms)', timeout, '50 to 30000, default 1500'),
      field('Fail-safe when unsure and no answer', modeSelect(judge.failSafe, (v) => { setOpt(judge, 'failSafe', v); changed(); }, 'Stricter of judge and COACH', { id: 'judge-failsafe' }))));

  const enforcement = section(doc, 'enforcement');
  const lifecycle = h('fieldset#sec-lifecycle', h('legend', 'Grace period and fallback posture'),
    h('div.row',
      field('Grace period', textInput(enforcement.gracePeriod, (v) => { setOpt(enforcement, 'gracePeriod', v); changed(); }, { id: 'grace-period', placeholder: 'PT72H' }), 'How long the last verified policy stays in force offline (max P30D)'),
      field('Hosts still allowed in fallback (one per line)', listArea(enforcement.fallbackAllowedHosts, (v) => { setOpt(enforcement, 'fallbackAllowedHosts', v); changed(); }, { id: 'fallback-hosts' }), 'Empty: fallback blocks all AI egress')));

  const responses = section(doc, 'responses');
  responses.overrides = responses.overrides || [];
  const overrides = h('fieldset#sec-overrides', h('legend', 'Per-app rules and overrides'),
    h('p.hint', 'First match wins. Each row needs at least one criterion and a mode. App: an executable name (code), an absolute path glob (/opt/*/idea), or ? for requests no process could be attributed to.'),
    rowsEditor(responses.overrides, [
      { key: 'app', label: 'App', mono: true },
      { key: 'destination', label: 'Destination', mono: true },
      { key: 'detector', label: 'Detector id', mono: true },
      { key: 'classification', label: 'Classification', kind: 'select', options: [['', 'any'], ...Object.keys(LABELS)] },
      { key: 'mode', label: 'Mode', kind: 'select', options: [['', '—'], ...MODES] },
    ], changed, { addLabel: 'Add override', caption: 'Mode overrides', idPrefix: 'override' }),
    h('div.row',
      field('Coach window', textInput(responses.coachWindow, (v) => { setOpt(responses, 'coachWindow', v); changed(); }, { id: 'coach-window', placeholder: 'PT1H' })),
      field('Longest approval window', textInput(responses.approvalWindow, (v) => { setOpt(responses, 'approvalWindow', v); changed(); }, { id: 'approval-window', placeholder: 'PT8H' }))));

  const proxy = section(doc, 'proxy');
  const inspectAll = checkbox('Inspect all TLS traffic (except bypass hosts)', proxy.inspectAll === true, { id: 'inspect-all' });
  inspectAll.input.addEventListener('change', () => { setOpt(proxy, 'inspectAll', inspectAll.input.checked ? true : null); changed(); });
  const scope = h('fieldset#sec-scope', h('legend', 'Interception scope'), inspectAll.el,
    field('Bypass hosts (one per line)', listArea(proxy.bypassHosts, (v) => { setOpt(proxy, 'bypassHosts', v); changed(); }, { id: 'bypass-hosts' }), 'Never decrypted; an AI destination is intercepted anyway'));

  state.beforeSave = () => {
    cleanDoc(doc);
    return true;
  };

  const nav = h('ul.section-nav', { 'aria-label': 'Policy sections' }, [
    ['sec-general', 'General'], ['sec-destinations', 'Destinations'], ['sec-detectors', 'Detectors & rules'],
    ['sec-judge', 'Judge & escalation'], ['sec-lifecycle', 'Grace & fallback'], ['sec-overrides', 'Per-app rules'], ['sec-scope', 'Scope'],
  ].map(([id, label]) => h('li', h('a', { href: `#${id}`, on: { click: (e) => { e.preventDefault(); document.getElementById(id).scrollIntoView(); document.getElementById(id).querySelector('input, select, textarea')?.focus(); } } }, label))));
  root.append(nav, h('form', { novalidate: true, on: { submit: (e) => e.preventDefault() } },
    general, destinations, detectors, judgeSet, lifecycle, overrides, scope));
}
