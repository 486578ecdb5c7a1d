// Approvals inbox for Request mode: approve with a reason and a validity window, or deny. The
// requesting agent learns the answer on its next check-in.
import { get, post, enc } from '../api.js';
import { h, table, badge, timeCell, ago, dialog, field, select, toast, tabs } from '../dom.js';

const STATES = [
  { id: 'PENDING', label: 'Pending' }, { id: 'APPROVED', label: 'Approved' }, { id: 'DENIED', label: 'Denied' },
];
const WINDOWS = [['PT1H', '1 hour'], ['PT8H', '8 hours'], ['PT24H', '24 hours'], ['P7D', '7 days'], ['P30D', '30 days']];

export async function render(root, ctx, args) {
  const state = STATES.some((s) => s.id === args[0]) ? args[0] : 'PENDING';
  const list = await get(ctx.path(`/approvals?state=${state}&limit=200`));
  const decide = async (request, approve) => {
    const reason = h('textarea', { id: 'decision-reason', rows: 3, required: true, maxlength: 500 });
    const validity = select(WINDOWS, 'PT8H', { id: 'decision-validity' });
    const fields = [
      h('dl.kv', h('dt', 'Requested by'), h('dd', request.osUser || '—'), h('dt', 'Destination'), h('dd', request.destinationHost || '—'),
        h('dt', 'Their reason'), h('dd', request.reason || '—'), h('dt', 'Content'), h('dd.mono', request.contentDigest || '—')),
      field(approve ? 'Reason for approving' : 'Reason for denying', reason, 'Shown to the developer on the agent status page and kept in the audit trail.'),
    ];
    if (approve) fields.push(field('Valid for', validity, 'Never longer than the policy\'s approval window.'));
    const done = await dialog(approve ? 'Approve request' : 'Deny request', fields, approve ? 'Approve' : 'Deny', async () => {
      if (!reason.value.trim()) throw new Error('A reason is required.');
      const body = approve ? { reason: reason.value.trim(), validFor: validity.value } : { reason: reason.value.trim() };
      return post(ctx.path(`/approvals/${enc(request.id)}/${approve ? 'approve' : 'deny'}`), body);
    }, { danger: !approve });
    if (done) {
      toast(`${approve ? 'Approved' : 'Denied'}: ${request.osUser || 'request'} → ${request.destinationHost || ''}`);
      ctx.refreshPending();
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  };
  const columns = [
    { label: 'Requested', cell: (r) => [timeCell(r.createdAt), h('div.sub', ago(r.createdAt))] },
    { label: 'Developer', cell: (r) => [h('strong', r.osUser || '—'), h('div.sub.mono', (r.deviceId || '').slice(0, 12))] },
    { label: 'Destination', cell: (r) => r.destinationHost || '—' },
    { label: 'Why it was held', cell: (r) => r.reason || '—' },
    { label: 'Group / policy', cell: (r) => `${r.groupId} · v${r.policyVersion}` },
    { label: 'State', cell: (r) => [badge('state', r.state), r.validUntil ? h('div.sub', `until ${timeCell(r.validUntil).textContent}`) : null, r.note ? h('div.sub', `“${r.note}”`) : null] },
  ];
  if (state === 'PENDING') {
    columns.push({ label: 'Decision', cell: (r) => h('div.row',
      h('button.btn.small.approve', { type: 'button', 'data-approve': r.id, on: { click: () => decide(r, true) } }, 'Approve'),
      h('button.btn.small.danger', { type: 'button', 'data-deny': r.id, on: { click: () => decide(r, false) } }, 'Deny')) });
  }
  root.append(
    h('div.page-head', h('div', h('h1', 'Approvals'), h('p', 'Requests held by Request mode. The payload never leaves the device: you see who, where, why and a content digest.'))),
    tabs(STATES, state, (id) => ctx.navigate(`#/approvals/${id}`)),
    h('section.panel', { role: 'tabpanel', id: 'tabpanel' }, table(columns, list, {
      caption: `${state.toLowerCase()} requests`,
      rowAttrs: (r) => ({ 'data-request': r.requestId }),
      empty: state === 'PENDING' ? 'Inbox zero: nothing waits for a decision.' : 'Nothing here yet.',
    })));
}
