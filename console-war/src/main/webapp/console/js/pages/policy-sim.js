// Simulator: run a payload through the working copy's decision on the server (the agent's own
// decision code; nothing stored or logged) and show the stages, every control that fired, the
// findings, the judge and what the developer's tool would receive, before publishing.
import { post } from '../api.js';
import { h, clear, alertBox, field, modeBadge, layerBadge, table } from '../dom.js';
import { cleanDoc } from './policy-editor.js';

export function renderSimulator(root, state, ctx) {
  const payload = h('textarea', { id: 'sim-payload', rows: 10, spellcheck: 'false', required: true });
  payload.value = sessionStorage.getItem('tether.sim.payload') || '';
  const destination = h('input', { type: 'text', id: 'sim-destination', value: sessionStorage.getItem('tether.sim.destination') || 'api.openai.com' });
  const app = h('input', { type: 'text', id: 'sim-app', value: sessionStorage.getItem('tether.sim.app') || '', placeholder: '/usr/bin/curl or code' });
  const result = h('div#sim-result', { 'aria-live': 'polite' });
  const run = h('button.btn.primary#sim-run', { type: 'submit' }, 'Simulate');
  const form = h('form', { novalidate: true },
    field('Payload (request body or prompt text)', payload, 'Evaluated on the server with the working copy; never stored or logged.'),
    h('div.row', field('Destination host', destination), field('App', app, 'Executable path or name; empty: unknown')),
    run);
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
        policy: cleanDoc(structuredClone(state.doc)),
        payload: payload.value,
        destination: destination.value.trim(),
        app: app.value.trim() || null,
      });
      result.append(renderAnswer(answer));
    } catch (err) {
      result.append(alertBox('error', `Simulation failed: ${err.message}`));
    } finally {
      run.disabled = false;
    }
  });
  root.append(h('section.panel', h('h2', 'Simulate a request'),
    h('p.hint', 'See which controls fire and the response mode this policy would apply, before you publish it.'), form), result);
}

function renderAnswer(a) {
  const d = a.decision || {};
  const sections = [
    h('header', h('h2', 'Result: ', h('span#sim-mode', modeBadge(d.mode))),
      h('div.actions', h('span.sub', `${a.policy?.name || ''} (${a.policy?.source || ''}${a.policy?.version ? ` v${a.policy.version}` : ''})`))),
    h('p', d.reason || ''),
    h('dl.kv',
      h('dt', 'Stages'), h('dd', (a.stages || []).join(' → ')),
      h('dt', 'Destination'), h('dd', a.destination ? `${a.destination.host}: ${a.destination.scope}${a.destination.provider ? ` (${a.destination.provider})` : ''} · ${a.destination.detail || ''}` : '—'),
      h('dt', 'App'), h('dd', a.app || 'unknown'),
      h('dt', 'Judge'), h('dd', judgeText(a.judge))),
    h('h3', 'Controls that fired'),
    table([
      { label: 'Control', cell: (c) => layerBadge(c.layer) },
      { label: 'Asked for', cell: (c) => modeBadge(c.mode) },
      { label: 'Applied', cell: (c) => [modeBadge(c.effectiveMode), c.override ? h('div.sub', `override #${c.override.index + 1}`) : null] },
      { label: 'Why', cell: (c) => [h('span', c.reason || c.code), (c.detectorIds || []).length ? h('div.sub', c.detectorIds.join(', ')) : null] },
    ], a.controls || [], { caption: 'Controls that fired', empty: 'No control fired: the policy default applies.' }),
  ];
  if ((a.findings || []).length) {
    sections.push(h('h3', `Findings${a.findingsTruncated ? ' (truncated)' : ''}`), table([
      { label: 'Detector', cell: (f) => h('code', f.detectorId) },
      { label: 'Family', cell: (f) => f.family },
      { label: 'Severity', cell: (f) => f.severity },
      { label: 'Where', cell: (f) => `${f.start}–${f.end}` },
      { label: 'Context (redacted)', cell: (f) => h('code', f.preview || '') },
    ], a.findings, { caption: 'Findings' }));
  }
  if (a.response) {
    sections.push(h('h3', 'What the tool receives'),
      h('p', a.response.forwarded ? 'The request is forwarded upstream.' : `HTTP ${a.response.status ?? '—'} (${a.response.provider || 'generic'} error shape)`),
      a.response.body ? h('pre.value', a.response.body) : null,
      a.response.note ? h('p.hint', a.response.note) : null);
  }
  if (a.redactedPayload) sections.push(h('h3', 'Payload as Redact would send it'), h('pre.value', a.redactedPayload));
  return h('section.panel.detail', { 'data-mode': d.mode || '' }, sections);
}

function judgeText(j) {
  if (!j) return '—';
  if (!j.available) return j.outcome || 'no judge available';
  return `${j.label} (confidence ${Number(j.confidence).toFixed(2)}) → ${j.mode}; ${j.outcome || ''}`;
}
