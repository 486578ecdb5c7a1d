// Raw JSON view of the working copy: parse errors with position, a structural check of the known
// keys, then the server's validation (the same code that validates before signing).
import { post } from '../api.js';
import { h, clear, alertBox } from '../dom.js';
import { cleanDoc } from './policy-editor.js';

const SHAPE = {
  name: 'string', aiDestinations: 'array', blockedHosts: 'array', detectorModes: 'object', defaultMode: 'string',
  bundleLifetime: 'string', tradeSecrets: 'object', proxy: 'object', responses: 'object', judge: 'object', enforcement: 'object',
};

/** Returns a list of problems (empty when the shape is right). */
export function shapeProblems(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return ['policy: expected a JSON object'];
  const problems = [];
  for (const [key, value] of Object.entries(doc)) {
    const want = SHAPE[key];
    if (!want) { problems.push(`policy.${key}: unknown key`); continue; }
    if (value === null) continue;
    const got = Array.isArray(value) ? 'array' : typeof value;
    if (got !== want) problems.push(`policy.${key}: expected ${want}, got ${got}`);
  }
  if (typeof doc.name !== 'string' || !doc.name.trim()) problems.push('policy.name: required');
  return problems;
}

function parse(text) {
  try {
    return { doc: JSON.parse(text) };
  } catch (e) {
    const m = /position (\d+)/.exec(e.message);
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      return { error: `JSON syntax error at line ${line}, column ${col}: ${e.message}`, pos };
    }
    return { error: `JSON syntax error: ${e.message}` };
  }
}

export function renderJson(root, state, ctx) {
  const area = h('textarea.json', { id: 'policy-json', spellcheck: 'false', 'aria-label': 'Policy JSON' });
  area.value = JSON.stringify(cleanDoc(state.doc), null, 2);
  const result = h('div#json-result', { 'aria-live': 'polite' });
  const validate = h('button.btn#json-validate', { type: 'button' }, 'Validate');
  const apply = h('button.btn.primary#json-apply', { type: 'button' }, 'Apply to working copy');

  const check = async () => {
    clear(result);
    area.removeAttribute('aria-invalid');
    const parsed = parse(area.value);
    if (parsed.error) {
      area.setAttribute('aria-invalid', 'true');
      if (parsed.pos !== undefined) { area.focus(); area.setSelectionRange(parsed.pos, parsed.pos + 1); }
      result.append(alertBox('error', parsed.error));
      return null;
    }
    const problems = shapeProblems(parsed.doc);
    if (problems.length) {
      area.setAttribute('aria-invalid', 'true');
      result.append(alertBox('error', h('ul', problems.map((p) => h('li', p)))));
      return null;
    }
    try {
      const answer = await post(ctx.groupPath('/policy/validate'), parsed.doc);
      result.append(alertBox('ok', 'Valid: the server accepts this policy.'));
      if (answer.warnings && answer.warnings.length) {
        result.append(alertBox('info', h('div', h('strong', 'Advice'), h('ul', answer.warnings.map((w) => h('li', w))))));
      }
      return parsed.doc;
    } catch (e) {
      area.setAttribute('aria-invalid', 'true');
      result.append(alertBox('error', `Invalid: ${e.message}`));
      return null;
    }
  };
  validate.addEventListener('click', check);
  apply.addEventListener('click', async () => {
    const doc = await check();
    if (doc) {
      state.doc = doc;
      state.changed();
      result.append(alertBox('ok', 'Applied. Save the draft or publish to keep it.'));
    }
  });
  state.beforeSave = () => {
    const parsed = parse(area.value);
    if (parsed.error) { clear(result).append(alertBox('error', parsed.error)); return false; }
    state.doc = parsed.doc;
    return true;
  };
  root.append(h('section.panel',
    h('header', h('h2', 'Policy as JSON'), h('div.actions', validate, apply)),
    h('p.hint', 'The exact document that is signed into the bundle. Export it for policy-as-code; paste a reviewed one here.'),
    result, area));
}
