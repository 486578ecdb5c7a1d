// Policy page: one working copy of the group's policy document, edited in the structured editor
// or as raw JSON, simulated, saved as the draft, published with a change note; history with diffs
// and rollback.
import { get, put, post, ApiError } from '../api.js';
import { h, clear, tabs, alertBox, dialog, field, toast } from '../dom.js';
import { renderEditor, cleanDoc } from './policy-editor.js';
import { renderJson } from './policy-json.js';
import { renderSimulator } from './policy-sim.js';
import { renderHistory } from './policy-history.js';

const TABS = [
  { id: 'editor', label: 'Editor' },
  { id: 'json', label: 'JSON' },
  { id: 'simulate', label: 'Simulator' },
  { id: 'history', label: 'History' },
];

export const TEMPLATE = {
  name: 'Default policy', aiDestinations: [], blockedHosts: [], detectorModes: {}, defaultMode: 'ALLOW', bundleLifetime: 'P7D',
};

export async function render(root, ctx, args) {
  if (!ctx.group) {
    root.append(h('div.page-head', h('h1', 'Policy')), alertBox('info', 'This tenant has no device group yet. Create one under Settings.'));
    return;
  }
  const tab = TABS.some((t) => t.id === args[0]) ? args[0] : 'editor';
  const state = await loadWorkingCopy(ctx);
  const status = h('div#policy-status', { 'aria-live': 'polite' });
  const body = h('div#tabpanel', { role: 'tabpanel', 'aria-labelledby': `tab-${tab}` });
  const saveBtn = h('button.btn#save-draft', { type: 'button' }, 'Save draft');
  const publishBtn = h('button.btn.primary#publish', { type: 'button' }, 'Publish…');

  const setStatus = (kind, text) => clear(status).append(alertBox(kind, text));
  state.setStatus = setStatus;
  state.markDirty = () => { state.dirty = true; saveBtn.textContent = 'Save draft *'; };

  saveBtn.addEventListener('click', async () => {
    if (state.beforeSave && !state.beforeSave()) return;
    await saveDraft(ctx, state, setStatus);
    saveBtn.textContent = 'Save draft';
    await state.rerender();
  });
  publishBtn.addEventListener('click', async () => {
    if (state.beforeSave && !state.beforeSave()) return;
    const note = h('textarea', { id: 'publish-note', rows: 3, required: true, maxlength: 500 });
    const published = await dialog('Publish policy', [
      h('p.hint', `Signs the draft of ${ctx.tenant}/${ctx.group} as the next version. Devices pick it up on their next check-in.`),
      field('Change note', note, 'Why this change: kept in the history and the admin audit trail.'),
    ], 'Sign and publish', async () => {
      if (!note.value.trim()) throw new Error('A change note is required.');
      await saveDraft(ctx, state, null);
      return post(ctx.groupPath('/policy/publish'), { note: note.value.trim() });
    });
    if (published) {
      setStatus('ok', `Published version ${published.version} (${published.digest.slice(0, 19)}…).`);
      toast(`Version ${published.version} published.`);
      saveBtn.textContent = 'Save draft';
      await state.rerender();
    }
  });

  root.append(
    h('div.page-head',
      h('div', h('h1', 'Policy'), h('p', `${ctx.tenant} / ${ctx.group} · ${state.source}`)),
      h('div.actions', saveBtn, publishBtn)),
    status,
    tabs(TABS, tab, (id, focus) => {
      ctx.navigate(`#/policy/${id}`);
      if (focus) setTimeout(() => document.getElementById(`tab-${id}`)?.focus(), 50);
    }),
    body);
  state.rerender = async () => {
    clear(body);
    state.beforeSave = null;
    if (tab === 'editor') renderEditor(body, state, ctx);
    if (tab === 'json') renderJson(body, state, ctx);
    if (tab === 'simulate') renderSimulator(body, state, ctx);
    if (tab === 'history') await renderHistory(body, state, ctx);
  };
  await state.rerender();
}

/** The working copy survives tab switches (sessionStorage) until saved or the scope changes. */
async function loadWorkingCopy(ctx) {
  const key = `tether.policy.${ctx.tenant}/${ctx.group}`;
  const stored = sessionStorage.getItem(key);
  const state = { key, doc: null, source: '', dirty: false };
  if (stored) {
    const parsed = JSON.parse(stored);
    state.doc = parsed.doc;
    state.source = parsed.source;
    state.dirty = parsed.dirty;
  } else {
    try {
      state.doc = await get(ctx.groupPath('/policy/draft'));
      state.source = 'editing the saved draft';
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      const versions = await get(ctx.groupPath('/policy/versions'));
      if (versions.length) {
        state.doc = (await get(ctx.groupPath(`/policy/versions/${versions[0].version}`))).policy;
        state.source = `no draft: starting from published version ${versions[0].version}`;
      } else {
        state.doc = structuredClone(TEMPLATE);
        state.source = 'new policy: nothing saved or published yet';
      }
    }
  }
  state.persist = () => sessionStorage.setItem(key, JSON.stringify({ doc: state.doc, source: state.source, dirty: state.dirty }));
  state.reset = () => sessionStorage.removeItem(key);
  state.changed = () => { state.dirty = true; state.persist(); if (state.markDirty) state.markDirty(); };
  return state;
}

async function saveDraft(ctx, state, setStatus) {
  try {
    const saved = await put(ctx.groupPath('/policy/draft'), cleanDoc(state.doc));
    state.doc = saved;
    state.dirty = false;
    state.source = 'editing the saved draft';
    state.reset();
    if (setStatus) setStatus('ok', 'Draft saved and validated by the server.');
    return saved;
  } catch (e) {
    if (setStatus) setStatus('error', `Not saved: ${e.message}`);
    throw e;
  }
}
