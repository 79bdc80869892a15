/**
 * Pure rules of corrections and numbering (decision 0026): each granted and refused, with the legal source it names.
 * Law on Emulation and Commendation 06/2022/QH15, art. 93 cl. 2 (annulment, items and cash reclaimed); Decree 30/2020
 * (the number and symbol of an administrative document).
 */
import { EVENT_PAYLOAD_SCHEMAS, LEGAL_GROUND_CODES } from '@thidua/common';
import { LEGAL_GROUNDS, correctionReasonProblems, correctionStatusProblem, revocationProblems, revocationProposalProblems, type RevocationProposalInput, type RevocationRequest } from '../src/domain/corrections';
import { DEFAULT_ISSUER_CODES, NUMBERING_RULE, decisionNumber, issuerCodeProblems, parseEnteredNumber } from '../src/domain/decisions';

const decision = { decidedOn: '2026-03-09', amountVnd: 3_510_000 };
const today = '2026-11-30';
const annulment: RevocationRequest = {
  kind: 'ANNULLED',
  legalGround: 'FALSE_DOCUMENTS',
  reason: 'Kết luận thanh tra số 12/KL-TTr: hồ sơ sáng kiến làm giả xác nhận hiệu quả',
  revokedOn: '2026-11-20',
  amountReclaimedVnd: 3_510_000,
};
const fields = (request: Partial<RevocationRequest>) => revocationProblems({ ...annulment, ...request }, decision, today).map((p) => p.field);

describe('annulling and revoking a decision', () => {
  it('grants an annulment on a ground of art. 93 cl. 2 with the whole cash award reclaimed', () => {
    expect(revocationProblems(annulment, decision, today)).toEqual([]);
    for (const ground of ['FALSE_DECLARATION', 'FALSE_DOCUMENTS', 'UNLAWFUL_APPRAISAL', 'LATER_FINDING'] as const) {
      expect(LEGAL_GROUNDS[ground]).toMatchObject({ kind: 'ANNULLED', verified: true, reclaimsAll: true, source: expect.stringMatching(/^Luật Thi đua, khen thưởng số 06\/2022\/QH15, Điều 93 khoản 2 điểm [abcd]$/) });
      expect(fields({ legalGround: ground })).toEqual([]);
    }
  });

  it('refuses an annulment that reclaims less than the law reclaims, naming the article', () => {
    const [problem] = revocationProblems({ ...annulment, amountReclaimedVnd: 1_000_000 }, decision, today);
    expect(problem).toEqual({ field: 'amountReclaimedVnd', message: expect.stringContaining('Điều 93 khoản 2 điểm b: tiền thưởng bị thu hồi toàn bộ (3.510.000 đồng)') });
  });

  it('grants a revocation of a decision issued in error, reclaiming from nothing up to the amount, its source marked unverified', () => {
    const revocation = { ...annulment, kind: 'REVOKED' as const, legalGround: 'ISSUED_IN_ERROR' as const };
    expect(LEGAL_GROUNDS.ISSUED_IN_ERROR).toMatchObject({ kind: 'REVOKED', verified: false, source: expect.stringContaining('Nghị định 152/2025/NĐ-CP') });
    for (const amountReclaimedVnd of [0, 1, 3_510_000]) expect(revocationProblems({ ...revocation, amountReclaimedVnd }, decision, today)).toEqual([]);
    expect(revocationProblems({ ...revocation, amountReclaimedVnd: 3_510_001 }, decision, today).map((p) => p.field)).toEqual(['amountReclaimedVnd']);
  });

  it('refuses a ground of the other kind, each way, naming art. 93', () => {
    const [annulledInError] = revocationProblems({ ...annulment, legalGround: 'ISSUED_IN_ERROR', amountReclaimedVnd: 0 }, decision, today);
    expect(annulledInError).toEqual({ field: 'legalGround', message: expect.stringContaining('Điều 93 khoản 2') });
    expect(fields({ kind: 'REVOKED' })).toEqual(['legalGround']);
    expect(fields({ legalGround: 'NOT_A_GROUND' as never })).toEqual(['legalGround']);
    expect(revocationProblems({ ...annulment, legalGround: null }, decision, today)).toEqual([{ field: 'legalGround', message: 'chọn căn cứ pháp lý của việc hủy bỏ, thu hồi' }]);
  });

  it('refuses an empty, short or huge reason, a day before the decision or in the future, and a negative, fractional or huge amount', () => {
    expect(fields({ reason: '' })).toEqual(['reason']);
    expect(fields({ reason: '   sai    ' })).toEqual(['reason']);
    expect(fields({ reason: 'x'.repeat(5001) })).toEqual(['reason']);
    expect(fields({ revokedOn: '2026-03-08' })).toEqual(['revokedOn']);
    // the day named as a person reads it
    expect(revocationProblems({ ...annulment, revokedOn: '2026-03-08' }, decision, today)[0]!.message).toBe('ngày hủy bỏ, thu hồi không thể trước ngày quyết định khen thưởng (09/03/2026)');
    expect(fields({ revokedOn: '2026-03-09' })).toEqual([]);
    expect(fields({ revokedOn: '2026-12-01' })).toEqual(['revokedOn']);
    for (const amountReclaimedVnd of [-1, 0.5, Number.MAX_SAFE_INTEGER]) expect(fields({ amountReclaimedVnd })).toEqual(['amountReclaimedVnd']);
  });

  it('keeps the grounds and the event contract the same list', () => {
    expect(Object.keys(LEGAL_GROUNDS).sort()).toEqual([...LEGAL_GROUND_CODES].sort());
    expect(EVENT_PAYLOAD_SCHEMAS.RewardRevoked.required).toEqual(expect.arrayContaining(['decisionId', 'kind', 'legalGround', 'legalSource', 'reason', 'revocationNumber', 'amountReclaimedVnd']));
  });
});

describe('the union asking the authority to annul its decision (decision 0048)', () => {
  const ask: RevocationProposalInput = { kind: 'ANNULLED', legalGround: 'FALSE_DECLARATION', reason: annulment.reason, proposedOn: '2026-11-20', signerRole: 'Phó Chủ tịch', signerName: 'Ngọ Duy Hiểu' };
  const askFields = (change: Partial<RevocationProposalInput>) => revocationProposalProblems({ ...ask, ...change }, decision.decidedOn, today).map((p) => p.field);

  it('takes the grounds a revocation takes, dated from the decision to today, signed by a title', () => {
    expect(askFields({})).toEqual([]);
    expect(askFields({ proposedOn: null, signerName: null })).toEqual([]);
    expect(askFields({ kind: 'REVOKED', legalGround: 'ISSUED_IN_ERROR' })).toEqual([]);
    expect(askFields({ proposedOn: decision.decidedOn })).toEqual([]);
  });

  it('refuses a ground of the other kind, a short reason, a day out of range and a signer without a title', () => {
    expect(askFields({ legalGround: 'ISSUED_IN_ERROR' })).toEqual(['legalGround']);
    expect(askFields({ reason: '  sai  ' })).toEqual(['reason']);
    expect(askFields({ proposedOn: '2026-03-08' })).toEqual(['proposedOn']);
    expect(askFields({ proposedOn: '2026-12-01' })).toEqual(['proposedOn']);
    expect(askFields({ signerRole: ' C ' })).toEqual(['signerRole']);
    expect(askFields({ signerName: 'N' })).toEqual(['signerName']);
    expect(askFields({ signerRole: 'x'.repeat(121) })).toEqual(['signerRole']);
  });
});

describe('withdrawing and returning a nomination', () => {
  it('is allowed while the nomination is before the council, and refused once it is decided or closed', () => {
    expect(correctionStatusProblem('OPEN')).toBeNull();
    expect(correctionStatusProblem('IN_COUNCIL')).toBeNull();
    expect(correctionStatusProblem('GRANTED')).toContain('hủy bỏ hoặc thu hồi quyết định');
    expect(correctionStatusProblem('REFUSED')).toContain('không khen thưởng');
    expect(correctionStatusProblem('WITHDRAWN')).toContain('đã được rút');
    expect(correctionStatusProblem('RETURNED')).toContain('trả lại');
  });

  it('needs a reason others can read', () => {
    expect(correctionReasonProblems('Đối tượng chuyển công tác khỏi đơn vị')).toEqual([]);
    expect(correctionReasonProblems('rút')).toEqual([{ field: 'reason', message: expect.stringContaining('10–5.000 ký tự') }]);
    expect(correctionReasonProblems(' '.repeat(20))).toHaveLength(1);
    expect(correctionReasonProblems('x'.repeat(5001))).toHaveLength(1);
    // counted as kept (NFC): decomposed letters count once
    expect(correctionReasonProblems('thiếu hồ'.normalize('NFD'))).toHaveLength(1);
    expect(correctionReasonProblems('ồ'.repeat(5000).normalize('NFD'))).toEqual([]);
  });
});

describe('decision numbers (số/QĐ-<issuer code>)', () => {
  it('writes the number and the issuer code, with the year left to the date', () => {
    expect(decisionNumber(125, 'LĐLĐ')).toBe('125/QĐ-LĐLĐ');
    expect(DEFAULT_ISSUER_CODES).toMatchObject({ NATIONAL: 'TLĐ', PROVINCIAL: 'LĐLĐ', GRASSROOTS: 'CĐCS' });
    expect(NUMBERING_RULE).toMatchObject({ source: expect.stringContaining('Nghị định 30/2020/NĐ-CP'), verified: false });
  });

  it('accepts an issuer code of capitals (Đ included), digits and hyphens, and refuses anything else', () => {
    for (const code of ['LĐLĐ', 'CĐCS-MTL', 'CĐN2']) expect(issuerCodeProblems(code)).toEqual([]);
    for (const code of ['', 'L', 'lđlđ', 'LĐ LĐ', 'LĐ/LĐ', '-LĐ', 'LĐ-', 'A'.repeat(31), 'LĐLĐ\u0000']) expect(issuerCodeProblems(code).map((p) => p.field)).toEqual(['code']);
  });

  it('takes a number entered from the paper register with this issuer’s code, and refuses another code, 0, huge or malformed ones', () => {
    expect(parseEnteredNumber('125/QĐ-LĐLĐ', 'LĐLĐ')).toEqual({ sequence: 125 });
    expect(parseEnteredNumber(' 7/QĐ-LĐLĐ ', 'LĐLĐ')).toEqual({ sequence: 7 });
    const other = parseEnteredNumber('125/QĐ-CĐCS', 'LĐLĐ');
    expect(other).toEqual({ problem: { field: 'number', message: 'ký hiệu của đơn vị ban hành là QĐ-LĐLĐ, không phải QĐ-CĐCS' } });
    for (const entered of ['0/QĐ-LĐLĐ', '100000/QĐ-LĐLĐ', '125/2026/QĐ-LĐLĐ', 'QĐ-LĐLĐ', '12a/QĐ-LĐLĐ', '-1/QĐ-LĐLĐ', '']) {
      expect(parseEnteredNumber(entered, 'LĐLĐ')).toEqual({ problem: { field: 'number', message: expect.any(String) } });
    }
  });
});
