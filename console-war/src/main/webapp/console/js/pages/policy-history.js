// Published versions (who, when, why), diffs between any two, one-click rollback.
import { get, post } from '../api.js';
import { h, clear, table, badge, timeCell, alertBox, dialog, field, toast, select, download } from '../dom.js';

export async function renderHistory(root, state, ctx) {
  const versions = await get(ctx.groupPath('/policy/versions'));
  if (!versions.length) {
    root.append(h('p.empty', 'Nothing published yet. Publish the draft to create version 1.'));
    return;
  }
  const newest = versions[0].version;
  const diffHost = h('div#diff-result', { 'aria-live': 'polite' });
  const options = versions.map((v) => [v.version, `v${v.version}`]);
  const from = select(options, versions[1]?.version ?? newest, { id: 'diff-from' });
  const to = select(options, newest, { id: 'diff-to' });
  const showDiff = async () => {
    clear(diffHost);
    const diff = await get(ctx.groupPath(`/policy/diff?from=${from.value}&to=${to.value}`));
    diffHost.append(
      h('p.hint', `${diff.changes.length} change(s) from v${diff.from} to v${diff.to}${diff.truncated ? ' (truncated)' : ''}.`),
      table([
        { label: 'Path', cell: (c) => h('code', c.path) },
        { label: 'Change', cell: (c) => h(`span.op-${c.op}`, c.op) },
        { label: 'Before', cell: (c) => value(c.before) },
        { label: 'After', cell: (c) => value(c.after) },
      ], diff.changes, { caption: 'Policy diff', empty: 'The two versions have the same content.' }));
  };
  const compare = h('button.btn#diff-show', { type: 'button', on: { click: () => showDiff().catch((e) => diffHost.append(alertBox('error', e.message))) } }, 'Compare');

  const rollback = async (v) => {
    const note = h('textarea', { id: 'rollback-note', rows: 3, required: true });
    const done = await dialog(`Roll back to version ${v.version}`, [
      h('p.hint', `Re-publishes version ${v.version}'s content as a new version ${newest + 1}. Devices never accept an older version number, so a rollback always moves forward. The draft is set to that content.`),
      field('Why', note),
    ], `Roll back to v${v.version}`, async () => {
      if (!note.value.trim()) throw new Error('Say why you roll back.');
      return post(ctx.groupPath('/policy/rollback'), { toVersion: v.version, note: note.value.trim() });
    }, { danger: true });
    if (done) {
      toast(`Rolled back: version ${done.version} carries version ${v.version}'s content.`);
      state.reset();
      ctx.navigate('#/policy/history');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  };
  const exportVersion = async (v) => {
    const detail = await get(ctx.groupPath(`/policy/versions/${v.version}`));
    download(new Blob([JSON.stringify(detail.policy, null, 2)], { type: 'application/json' }), `${ctx.tenant}-${ctx.group}-policy-v${v.version}.json`);
  };

  root.append(
    h('section.panel', h('h2', 'Published versions'),
      table([
        { label: 'Version', class: 'num', cell: (v) => h('strong', `v${v.version}`) },
        { label: 'Kind', cell: (v) => [badge('kind', v.kind), v.sourceVersion ? h('div.sub', `content of v${v.sourceVersion}`) : null] },
        { label: 'Published', cell: (v) => [timeCell(v.publishedAt), h('div.sub', `by ${v.publishedBy}`)] },
        { label: 'Change note', cell: (v) => v.note || h('span.sub', '—') },
        { label: 'Expires', cell: (v) => timeCell(v.expiresAt) },
        { label: 'Content', cell: (v) => h('code', { title: v.contentDigest }, (v.contentDigest || '').slice(7, 19)) },
        { label: 'Actions', cell: (v) => h('div.row',
          h('button.btn.small', { type: 'button', on: { click: () => exportVersion(v) } }, 'Export'),
          v.version === newest ? h('span.sub', 'current') : h('button.btn.small.danger', { type: 'button', 'data-rollback': v.version, on: { click: () => rollback(v) } }, 'Roll back')) },
      ], versions, { caption: 'Policy history', rowAttrs: (v) => ({ 'data-version': v.version }) })),
    h('section.panel', h('header', h('h2', 'Compare versions'),
      h('div.actions', h('label', { for: 'diff-from' }, 'From'), from, h('label', { for: 'diff-to' }, 'to'), to, compare)), diffHost));
  if (versions.length > 1) await showDiff();
}

function value(v) {
  if (v === undefined || v === null) return h('span.sub', '—');
  return h('pre.value', typeof v === 'string' ? v : JSON.stringify(v, null, 2));
}
