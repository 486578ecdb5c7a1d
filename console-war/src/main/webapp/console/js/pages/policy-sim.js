// Simulator: run a payload through the working copy's decision (server-side, nothing stored or
// sent anywhere) and show which controls fire and the resulting mode, before publishing.
import { post } from '../api.js';
import { h, clear, alertBox, field, modeBadge, layerBadge, table } from '../dom.js';
import { cleanDoc } from './policy-editor.js';

export function renderSimulator(root, state, ctx) {
  const payload = h('textarea', { id: 'sim-payload', rows: 10, spellcheck: 'false', required: true });
  payload.value = sessionStorage.getItem('tether.sim.payload') || '';
  const destination = h('input', { type: 'text', id: 'sim-destination', value: sessionStorage.getItem('tether.sim.destination') || 'api.openai.com' });
  const app = h('input', { type: 'text', id: 'sim-app', value: sessionStorage.getItem('tether.sim.app') || '', placeholder: '/usr/bin/curl' });
  const result = h('div#sim-result', { 'aria-live': 'polite' });
  const run = h('button.btn.primary#sim-run', { type: 'submit' }, 'Simulate');
  const form = h('form', { novalidate: true },
    field('Payload (request body or prompt text)', payload, 'Evaluated on the server with the working copy; never stored or logged.'),
    h('div.row', field('Destination host', destination), field('App (process path)', app, 'Optional')),
    run, result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(result);
    sessionStorage.setItem('tether.sim.payload', payload.value);
    sessionStorage.setItem('tether.sim.destination', destination.value);
    sessionStorage.setItem('tether.sim.app', app.value);
    if (!payload.value) { result.append(alertBox('error', 'Enter a payload to simulate.')); return; }
    run.disabled = true;
    try {
      const answer = await post(ctx.groupPath('/policy/simulate'), {
        policy: cleanDoc(structuredClone(state.doc)), payload: payload.value, destination: destination.value.trim(), app: app.value.trim() || null,
      });
      result.append(renderAnswer(answer));
    } catch (err) {
      result.append(alertBox('error', `Simulation failed: ${err.message}`));
    } finally {
      run.disabled = false;
    }
  });
  root.append(h('section.panel', h('h2', 'Simulate a request'),
    h('p.hint', 'See which controls fire and the response mode this policy would apply, before you publish it.'), form));
}

function renderAnswer(a) {
  // The simulator answers {decision:{mode,reason}, controls:[{mode,effectiveMode,override}], response}.
  const decision = a.decision || a;
  const controls = a.controls || a.stages || a.records || [];
  return h('div.panel.detail',
    h('h3', 'Result: ', h('span#sim-mode', modeBadge(decision.mode)), decision.reason ? h('span.sub', ` ${decision.reason}`) : null),
    a.judge && a.judge.outcome ? h('p.hint', `Judge: ${a.judge.label ? `${a.judge.label} (${a.judge.model}) — ` : ''}${a.judge.outcome}`) : null,
    table([
      { label: 'Control', cell: (c) => (c.layer ? layerBadge(c.layer) : c.stage || c.name || '—') },
      { label: 'Mode', cell: (c) => modeBadge(c.effectiveMode || c.mode) },
      { label: 'Detail', cell: (c) => describe(c) },
    ], controls, { caption: 'Controls that fired', empty: 'No control fired.' }),
    a.findings && a.findings.length ? h('div', h('h3', 'Findings'), table([
      { label: 'Detector', cell: (f) => h('code', f.detector || f.detectorId || f.type) },
      { label: 'Type', cell: (f) => f.type || '—' },
      { label: 'Severity', cell: (f) => f.severity || '—' },
      { label: 'Where', cell: (f) => (f.start !== undefined ? `${f.start}–${f.end}` : '—') },
      { label: 'Preview (redacted)', cell: (f) => (f.preview ? h('code', f.preview) : '—') },
    ], a.findings)) : null,
    a.response && a.response.body ? h('div', h('h3', `What the developer sees (HTTP ${a.response.status})`), h('pre', a.response.body)) : null,
    a.response && a.response.note ? h('p.hint', a.response.note) : null);
}

function describe(c) {
  const parts = [];
  if (c.reason) parts.push(c.reason);
  if (c.detectorIds && c.detectorIds.length) parts.push(`detectors: ${c.detectorIds.join(', ')}`);
  if (c.classification) parts.push(`classification: ${c.classification}`);
  if (c.confidence !== undefined && c.confidence !== null) parts.push(`confidence ${Number(c.confidence).toFixed(2)}`);
  if (c.fired === false) parts.push('did not fire');
  if (c.override) parts.push(`override #${c.override.index + 1}: ${c.mode} → ${c.effectiveMode}`);
  return parts.join(' · ') || '—';
}
