/**
 * The portal's Idempotency-Key (web/src/idempotency.ts, issue 20): a signed-in person's mutation carries a key the
 * gateway's own check accepts, a new one for each action; a retry of a mutation that got no answer, or an answer
 * asking for a retry, carries the same key; queries and anonymous callers carry none. No infrastructure.
 */
import type { Identity } from '@thidua/common';
import { idempotencyKeyOf } from '../gateway/src/idempotency';
import { idempotencyFor } from '../web/src/idempotency';

const CREATE = `mutation CreateMember($input: CreateMemberInput!) { createMember(input: $input) { id } }`;
const FIND = `query FindMembers($unitId: ID!) { members(unitId: $unitId) { edges { node { id } } } }`;
const officer: Identity = { subject: 'officer-hn', roles: ['UNIT_OFFICER'], unitPath: '/vn/hn/', memberId: null, name: null };
let n = 0;
/** Variables no other test sends: a mutation left unanswered by one test must not lend its key to another. */
const fresh = () => ({ input: { fullName: `Đoàn viên ${++n}` } });

describe('the portal’s Idempotency-Key', () => {
  it('gives each mutation a key the gateway accepts, and each action another', () => {
    const variables = fresh();
    const first = idempotencyFor(CREATE, variables, true);
    const key = first.headers['idempotency-key']!;
    expect(Object.keys(first.headers)).toEqual(['idempotency-key']);
    expect(idempotencyKeyOf(key, officer)).toBe(key);
    first.answered([]);
    // the same mutation sent again once answered is another action (a second member of that name, say)
    const second = idempotencyFor(CREATE, variables, true);
    second.answered([{ extensions: {} }]);
    const other = idempotencyFor(`\n  # a comment first\n  mutation { markAllNotificationsRead }`, {}, true);
    other.answered([]);
    expect(new Set([key, second.headers['idempotency-key'], other.headers['idempotency-key']]).size).toBe(3);
  });

  it('sends a retry with the key of the sending that got no answer, or an answer asking for a retry', () => {
    const variables = fresh();
    const dropped = idempotencyFor(CREATE, variables, true);
    const key = dropped.headers['idempotency-key'];
    // meanwhile another mutation, answered, changes nothing for this one
    idempotencyFor(CREATE, fresh(), true).answered([]);
    const retry = idempotencyFor(CREATE, variables, true);
    expect(retry.headers['idempotency-key']).toBe(key);
    retry.answered([{ extensions: { retryable: true } }]);
    const again = idempotencyFor(CREATE, variables, true);
    expect(again.headers['idempotency-key']).toBe(key);
    again.answered([]);
    expect(idempotencyFor(CREATE, variables, true).headers['idempotency-key']).not.toBe(key);
  });

  it('shares the key of a mutation still running with a second click, freed by whichever answer comes first', () => {
    const variables = fresh();
    const click = idempotencyFor(CREATE, variables, true);
    const second = idempotencyFor(CREATE, variables, true);
    expect(second.headers).toEqual(click.headers);
    click.answered([]);
    const later = idempotencyFor(CREATE, variables, true);
    // the second click's replayed answer, arriving after a new action took a key, leaves that key alone
    second.answered([]);
    expect(idempotencyFor(CREATE, variables, true).headers).toEqual(later.headers);
    expect(later.headers).not.toEqual(click.headers);
  });

  it('sends no key with a query, nor for a person not signed in (the gateway refuses an anonymous key)', () => {
    expect(idempotencyFor(FIND, { unitId: 'u' }, true).headers).toEqual({});
    expect(idempotencyFor(`{ publicCampaigns { id } }`, {}, true).headers).toEqual({});
    expect(idempotencyFor(CREATE, fresh(), false).headers).toEqual({});
  });
});
