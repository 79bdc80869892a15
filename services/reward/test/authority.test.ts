/**
 * Who decides (decision 0035): each rule granted and refused, naming its legal source. Law on Emulation and
 * Commendation 06/2022/QH15 art. 77 (the President: huân chương), art. 78 (the Prime Minister), art. 80 cl. 4 (the
 * enterprise's director: LĐTT, CSTDCS, TTLĐTT, giấy khen; cl. 1: the head of an agency, for the union's own staff its
 * federation); Decree 30/2020 (the number and symbol of a document).
 */
import { DECIDING_AUTHORITIES, EVENT_PAYLOAD_SCHEMAS, PROPOSAL_MOVES } from '@thidua/common';
import { AUTHORITY_NAMES, approvedOutcome, authorityDecisionProblems, authorityRoute, externalNumberProblems, memoSignerProblems, signerProblems, employerCouncilProblem, employerOf, answeringBody, authorityRefusalProblems, authorityReturnProblems, daysHeld, refusalWording, nextStop, outcomeRefusal, proposalNoteProblems } from '../src/domain/authority';
import { SEED_AUTHORITIES } from '../src/migrations/seed-authorities';
import { SEED_FORMS } from '../src/migrations/seed-catalogue';

const medal = { name: 'Huân chương Lao động hạng Ba', decidingAuthority: 'PRESIDENT' as const, authoritySource: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 77', authorityVerified: true };
const certificate = { name: 'Bằng khen của Tổng Liên đoàn', decidingAuthority: 'UNION' as const, authoritySource: 'Quyết định 999/QĐ-TLĐ', authorityVerified: false };
const title = { name: 'Lao động tiên tiến', decidingAuthority: 'EMPLOYER' as const, authoritySource: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 4', authorityVerified: true };

const may = { id: 'may', name: 'Công đoàn Công ty May Thăng Long', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' };
const hanoi = { id: 'hn', name: 'Liên đoàn Lao động thành phố Hà Nội', level: 'PROVINCIAL', organisationType: null };
const hanoiOffice = { id: 'hn-office', name: 'Công đoàn cơ quan Liên đoàn Lao động thành phố Hà Nội', level: 'GRASSROOTS', organisationType: 'UNION_AGENCY' };
const councilOf = (unit: { id: string; name: string }) => ({ id: unit.id, name: unit.name });
const enterprise = employerOf(may, hanoi, false);
const unionAgency = employerOf(hanoiOffice, hanoi, false);

describe('who employs a subject (Law art. 80 cl. 1 and 4)', () => {
  it('is the enterprise or agency its grassroots union sits in, or the union itself for the union’s own staff', () => {
    expect(enterprise).toEqual({ kind: 'OUTSIDE', councilUnit: councilOf(may) });
    // a grassroots union of unknown type counts as one outside the union: its upper councils cannot take its yearly titles
    expect(employerOf({ ...may, organisationType: null }, hanoi, false)).toEqual({ kind: 'OUTSIDE', councilUnit: councilOf(may) });
    expect(unionAgency).toEqual({ kind: 'UNION_AGENCY', councilUnit: councilOf(hanoi) });
    expect(employerOf(hanoi, null, false)).toEqual({ kind: 'UNION_AGENCY', councilUnit: councilOf(hanoi) });
    // a collective is judged by the level above it, whatever its organisation: its own council may not vote on it
    expect(employerOf(may, hanoi, true)).toEqual({ kind: 'LEVEL_ABOVE', councilUnit: councilOf(hanoi) });
    expect(employerOf(hanoiOffice, hanoi, true)).toEqual({ kind: 'LEVEL_ABOVE', councilUnit: councilOf(hanoi) });
  });

  it('leaves the employer’s forms to one council: the grassroots union in the enterprise, or the union agency', () => {
    expect(employerCouncilProblem(title, 'Nguyễn Thị Hoa', enterprise, may)).toBeNull();
    expect(employerCouncilProblem(title, 'Nguyễn Thị Hoa', enterprise, hanoi)).toBe('Lao động tiên tiến của Nguyễn Thị Hoa do thủ trưởng cơ quan, đơn vị hoặc giám đốc doanh nghiệp nơi làm việc quyết định, trên đề nghị của Công đoàn Công ty May Thăng Long (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 4); Liên đoàn Lao động thành phố Hà Nội không xét, hãy chọn cấp xét là Công đoàn Công ty May Thăng Long');
    expect(employerCouncilProblem(title, 'Đỗ Văn An', unionAgency, hanoi)).toBeNull();
    expect(employerCouncilProblem(title, 'Đỗ Văn An', unionAgency, hanoiOffice)).toContain('do Liên đoàn Lao động thành phố Hà Nội quyết định với người lao động của cơ quan mình (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 4); Công đoàn cơ quan Liên đoàn Lao động thành phố Hà Nội không xét');
    const collective = employerOf(may, hanoi, true);
    expect(employerCouncilProblem(title, 'Công đoàn Công ty May Thăng Long', collective, hanoi)).toBeNull();
    expect(employerCouncilProblem(title, 'Công đoàn Công ty May Thăng Long', collective, may)).toContain('do cấp trên trực tiếp, Liên đoàn Lao động thành phố Hà Nội, xét (tập thể không tự xét mình)');
    expect(approvedOutcome('EMPLOYER', collective)).toBe('GRANT');
    // the union's own forms and the State's are not the employer's: any council that grants them may take them
    expect(employerCouncilProblem(certificate, 'Nguyễn Thị Hoa', enterprise, hanoi)).toBeNull();
    expect(employerCouncilProblem(medal, 'Nguyễn Thị Hoa', enterprise, hanoi)).toBeNull();
  });
});

describe('what a council’s approval does', () => {
  it('grants what the union decides and proposes what another authority decides', () => {
    expect(approvedOutcome('UNION', enterprise)).toBe('GRANT');
    expect(approvedOutcome('PRESIDENT', unionAgency)).toBe('PROPOSE');
    expect(approvedOutcome('PRIME_MINISTER', enterprise)).toBe('PROPOSE');
    // the grassroots union proposes yearly titles to the enterprise's head; the union agency's council decides them for its staff
    expect(approvedOutcome('EMPLOYER', enterprise)).toBe('PROPOSE');
    expect(approvedOutcome('EMPLOYER', unionAgency)).toBe('GRANT');
  });

  it('refuses the other path, naming the authority and its article', () => {
    expect(outcomeRefusal(medal, enterprise, 'PROPOSE')).toBeNull();
    expect(outcomeRefusal(medal, unionAgency, 'GRANT')).toBe('Huân chương Lao động hạng Ba do Chủ tịch nước quyết định (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 77); Hội đồng chỉ trình đề nghị lên cấp trên, không tự quyết định khen thưởng');
    expect(outcomeRefusal(title, enterprise, 'GRANT')).toContain('do Thủ trưởng cơ quan, đơn vị hoặc Giám đốc doanh nghiệp quyết định (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 4)');
    expect(outcomeRefusal(title, unionAgency, 'PROPOSE')).toBe('Lao động tiên tiến do Liên đoàn Lao động thành phố Hà Nội, cơ quan công đoàn nơi làm việc, quyết định (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 80 khoản 4); Hội đồng quyết định khen thưởng, không cần trình cấp trên');
    expect(outcomeRefusal(certificate, unionAgency, 'GRANT')).toBeNull();
    expect(outcomeRefusal(certificate, enterprise, 'PROPOSE')).toBe('Bằng khen của Tổng Liên đoàn do Công đoàn quyết định (Quyết định 999/QĐ-TLĐ); Hội đồng quyết định khen thưởng, không cần trình cấp trên');
  });
});

describe('the way up', () => {
  const hn = { id: 'hn', level: 'PROVINCIAL' };
  const vn = { id: 'vn', level: 'NATIONAL' };
  it('goes to the level above, from the top to the authority, and from the grassroots union straight to its employer', () => {
    expect(nextStop('PRESIDENT', [hn, vn])).toBe(hn);
    expect(nextStop('PRESIDENT', [])).toBe('AUTHORITY');
    expect(nextStop('EMPLOYER', [hn, vn])).toBe('AUTHORITY');
  });

  it('takes the President’s forms to the Prime Minister, who puts them to the President (Law art. 83 cl. 2), with the Ministry of Home Affairs examining them', () => {
    const medalRoute = authorityRoute('PRESIDENT', 'Tổng Liên đoàn Lao động Việt Nam');
    expect(medalRoute).toMatchObject({ addressee: 'Thủ tướng Chính phủ', request: 'xem xét, trình Chủ tịch nước quyết định', appraiser: 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)' });
    expect(medalRoute.holderName).toMatch(/^Thủ tướng Chính phủ trình Chủ tịch nước/);
    expect(medalRoute.source).toContain('Điều 83 khoản 2');
    // the Prime Minister's own forms are decided by the addressee itself
    expect(authorityRoute('PRIME_MINISTER', 'Tổng Liên đoàn Lao động Việt Nam')).toMatchObject({ addressee: 'Thủ tướng Chính phủ', request: 'xem xét, quyết định', appraiser: 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)' });
    expect(authorityRoute('PROVINCIAL_CHAIR', 'Liên đoàn Lao động tỉnh Bắc Ninh')).toMatchObject({ addressee: 'Chủ tịch Ủy ban nhân dân cấp tỉnh', request: 'xem xét, quyết định', appraiser: null });
  });

  it('takes a yearly title to the leadership of the enterprise the grassroots union is named after, or to its head in words', () => {
    expect(authorityRoute('EMPLOYER', 'Công đoàn Công ty May Bắc Giang')).toMatchObject({ addressee: 'Lãnh đạo Công ty May Bắc Giang', holderName: `${AUTHORITY_NAMES.EMPLOYER} (Công đoàn Công ty May Bắc Giang)`, appraiser: null });
    expect(authorityRoute('EMPLOYER', 'Công đoàn cơ sở Trường Tiểu học Kim Liên').addressee).toBe('Lãnh đạo Trường Tiểu học Kim Liên');
    expect(authorityRoute('EMPLOYER', 'Nghiệp đoàn nghề cá').addressee).toBe(AUTHORITY_NAMES.EMPLOYER);
  });

  it('takes a level’s signer of its tờ trình as a title, or a title and a name, never a name alone', () => {
    expect(memoSignerProblems({})).toEqual([]);
    expect(memoSignerProblems({ signerRole: '  ', signerName: '' })).toEqual([]);
    expect(memoSignerProblems({ signerRole: 'Phó Chủ tịch' })).toEqual([]);
    expect(memoSignerProblems({ signerRole: 'Phó Chủ tịch', signerName: 'Ngọ Duy Hiểu' })).toEqual([]);
    expect(memoSignerProblems({ signerName: 'Ngọ Duy Hiểu' })).toEqual([{ field: 'signerRole', message: expect.stringContaining('cùng họ tên') }]);
    expect(memoSignerProblems({ signerRole: 'P', signerName: 'x'.repeat(121) }).map((p) => p.field)).toEqual(['signerRole', 'signerName']);
  });

  it('records an authority’s decision by its own number and signer (decision 0044)', () => {
    for (const number of ['2001/QĐ-CTN', '31/QĐ-MBG', ' 56/QĐ-TTg ']) expect(externalNumberProblems(number)).toEqual([]);
    for (const number of [null, '', 'QĐ 2001', '0/QĐ-CTN', '2001/QĐ', `1/QĐ-${'A'.repeat(40)}`]) expect(externalNumberProblems(number).map((p) => p.field)).toEqual(['number']);
    expect(signerProblems({ signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' })).toEqual([]);
    expect(signerProblems({ signerRole: 'Giám đốc', signerName: null }).map((p) => p.field)).toEqual(['signerName']);
  });

  it('counts the days a level held the dossier in calendar days', () => {
    expect(daysHeld('2026-11-25', '2026-11-30')).toBe(5);
    expect(daysHeld('2026-11-30', '2026-11-30')).toBe(0);
    expect(daysHeld('2026-02-27', '2026-03-02')).toBe(3);
  });

  it('wants a reason to return and a note of what was corrected that the other level can act on', () => {
    expect(proposalNoteProblems('Thiếu xác nhận của cơ quan thuế', 'reason')).toEqual([]);
    expect(proposalNoteProblems('thiếu', 'reason').map((p) => p.field)).toEqual(['reason']);
    expect(proposalNoteProblems('x'.repeat(5001), 'correction').map((p) => p.field)).toEqual(['correction']);
  });
});

describe('the authority’s decision as it arrives', () => {
  const decision = { number: '1234/QĐ-CTN', decidedOn: '2026-11-30', signerRole: 'Chủ tịch nước', signerName: 'Lương Cường' };
  const fields = (change: Partial<typeof decision>) => authorityDecisionProblems({ ...decision, ...change }, '2026-11-20', '2026-11-30').map((p) => p.field);

  it('takes the number in the administrative form, from any issuer', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ number: '56/QĐ-TTg' })).toEqual([]);
    expect(fields({ number: '15/QĐ-CTMTL' })).toEqual([]);
    for (const number of ['QĐ 1234', '0/QĐ-CTN', '1234/2026/QĐ-CTN', '1234/QĐ-', '']) expect(fields({ number })).toEqual(['number']);
  });

  it('is dated between the day it was sent and today, and names its signer', () => {
    expect(fields({ decidedOn: '2026-12-01' })).toEqual(['decidedOn']);
    expect(fields({ decidedOn: '2026-11-19' })).toEqual(['decidedOn']);
    expect(fields({ decidedOn: '2026-11-20' })).toEqual([]);
    expect(fields({ signerRole: 'C', signerName: ' ' })).toEqual(['signerRole', 'signerName']);
  });
});

describe('the authority’s other answers: it does not grant, or it returns the dossier for correction', () => {
  const sentOn = '2026-11-20';
  const today = '2026-11-30';
  const reason = 'Thiếu bản sao quyết định tặng Bằng khen của Thủ tướng Chính phủ năm 2021';
  const medalRoute = authorityRoute('PRESIDENT', 'Tổng Liên đoàn Lao động Việt Nam');
  const refusal = (change: Partial<Parameters<typeof authorityRefusalProblems>[0]>, route = medalRoute) => authorityRefusalProblems({ refusedOn: today, reason, ...change }, route, sentOn, today);
  const returned = (change: Partial<Parameters<typeof authorityReturnProblems>[0]>, route = medalRoute) => authorityReturnProblems({ returnedOn: today, reason, ...change }, route, sentOn, today);

  it('takes a reason in words, the letter’s number when it has one, and a day between the day it was sent and today', () => {
    expect(refusal({})).toEqual([]);
    expect(returned({ number: '245/BTĐKT-VP' })).toEqual([]);
    expect(returned({ returnedOn: sentOn })).toEqual([]);
    expect(returned({ returnedOn: '2026-11-19' }).map((p) => p.field)).toEqual(['returnedOn']);
    expect(returned({ returnedOn: '2026-12-01' }).map((p) => p.field)).toEqual(['returnedOn']);
    expect(refusal({ refusedOn: '2026-12-01' }).map((p) => p.field)).toEqual(['refusedOn']);
    expect(returned({ reason: '  thiếu   ' }).map((p) => p.field)).toEqual(['reason']);
    expect(returned({ reason: 'x'.repeat(5001) }).map((p) => p.field)).toEqual(['reason']);
    expect(returned({ number: '1'.repeat(61) }).map((p) => p.field)).toEqual(['number']);
  });

  it('is the letter of a body on the dossier’s way: the Board returns a Huân chương, the Prime Minister or the President refuses it (decision 0045)', () => {
    const board = 'Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)';
    expect(medalRoute.answerers).toEqual([board, 'Thủ tướng Chính phủ', 'Chủ tịch nước']);
    // by default a return is the Board's, which examines the dossier; a refusal the decider's
    expect(answeringBody(medalRoute, 'RETURN', null)).toBe(board);
    expect(answeringBody(medalRoute, 'REFUSAL', '  ')).toBe('Chủ tịch nước');
    expect(answeringBody(medalRoute, 'REFUSAL', ' Thủ tướng Chính phủ '.normalize('NFD'))).toBe('Thủ tướng Chính phủ');
    expect(refusalWording(medalRoute, 'Thủ tướng Chính phủ')).toBe('Thủ tướng Chính phủ không trình Chủ tịch nước khen thưởng');
    // the Prime Minister does not grant a Huân chương: the Board does not put it to the one who puts it to the President
    expect(refusalWording(medalRoute, board)).toBe(`${board} không trình Thủ tướng Chính phủ xem xét, trình Chủ tịch nước khen thưởng`);
    expect(refusalWording(authorityRoute('PRIME_MINISTER', 'Tổng Liên đoàn Lao động Việt Nam'), board)).toBe(`${board} không trình Thủ tướng Chính phủ khen thưởng`);
    // a name recorded before it changed is read as the decider's
    expect(refusalWording(medalRoute, 'Văn phòng Chủ tịch nước')).toBe('Văn phòng Chủ tịch nước không khen thưởng');
    expect(refusalWording(medalRoute, 'Chủ tịch nước')).toBe('Chủ tịch nước không khen thưởng');
    expect(refusal({ answeredBy: 'Thủ tướng Chính phủ' })).toEqual([]);
    // a body not on the way, or one on another form's way, is refused naming the ones that are
    const [wrong] = refusal({ answeredBy: 'Bộ Công an' });
    expect(wrong).toMatchObject({ field: 'answeredBy' });
    expect(wrong!.message).toContain('“Thủ tướng Chính phủ”');
    const chairRoute = authorityRoute('PROVINCIAL_CHAIR', 'Liên đoàn Lao động tỉnh Bắc Ninh');
    expect(chairRoute.answerers).toEqual(['Chủ tịch Ủy ban nhân dân cấp tỉnh']);
    expect(returned({ answeredBy: board }, chairRoute).map((p) => p.field)).toEqual(['answeredBy']);
    expect(refusalWording(chairRoute, answeringBody(chairRoute, 'REFUSAL', null)!)).toBe('Chủ tịch Ủy ban nhân dân cấp tỉnh không khen thưởng');
    // an enterprise's letters are the enterprise's, not the union's in brackets
    expect(authorityRoute('EMPLOYER', 'Công đoàn Công ty May Bắc Giang').answerers).toEqual(['Lãnh đạo Công ty May Bắc Giang']);
  });

  it('counts a reason as it is kept (NFC), not as a keyboard that decomposes letters sent it', () => {
    // 8 letters kept, 12 code units sent: shorter than the rule (and RewardRefused's schema) allows
    const short = 'thiếu hồ'.normalize('NFD');
    expect(short.length).toBeGreaterThanOrEqual(10);
    expect(refusal({ reason: short }).map((p) => p.field)).toEqual(['reason']);
    expect(returned({ reason: short }).map((p) => p.field)).toEqual(['reason']);
    expect(proposalNoteProblems(short, 'correction').map((p) => p.field)).toEqual(['correction']);
    // 5,000 letters kept, 15,000 sent: within the rule
    const long = 'ế'.repeat(5000).normalize('NFD');
    expect(refusal({ reason: long })).toEqual([]);
    expect(proposalNoteProblems(long, 'reason')).toEqual([]);
    expect(returned({ number: 'ố'.repeat(60).normalize('NFD') })).toEqual([]);
    // a character outside the basic plane (a Nôm character) counts once, as the events' schemas count it
    expect(refusal({ reason: '𠀧'.repeat(5) }).map((p) => p.field)).toEqual(['reason']);
    expect(refusal({ reason: '𠀧'.repeat(10) })).toEqual([]);
  });

  it('says what each reason is for: why it does not grant, or what to correct', () => {
    expect(refusal({ reason: '' })[0]!.message).toContain('lý do không khen thưởng');
    expect(returned({ reason: '' })[0]!.message).toContain('cần bổ sung, sửa gì');
    expect(returned({ returnedOn: '2026-11-01' })[0]!.message).toContain('20/11/2026');
  });
});

describe('the catalogue’s authorities', () => {
  it('names one for every seeded form, with its source, Huân chương by the President and yearly titles by the employer', () => {
    const seeded = new Map(SEED_AUTHORITIES.map((a) => [a.code, a]));
    for (const form of SEED_FORMS) expect([form.code, seeded.has(form.code)]).toEqual([form.code, true]);
    for (const a of SEED_AUTHORITIES) {
      expect(DECIDING_AUTHORITIES).toContain(a.authority);
      expect(a.source.length).toBeGreaterThan(10);
    }
    expect(['HCLD1', 'HCLD2', 'HCLD3'].map((code) => seeded.get(code)!.authority)).toEqual(['PRESIDENT', 'PRESIDENT', 'PRESIDENT']);
    expect(seeded.get('HCLD1')!.source).toContain('Điều 77');
    expect(['LDTT', 'CSTDCS', 'TTLDTT'].map((code) => seeded.get(code)!.source)).toEqual(Array(3).fill(expect.stringContaining('Điều 80 khoản 4')));
    expect(['BK_TTG', 'CO_CP', 'CSTD_TQ'].every((code) => seeded.get(code)!.authority === 'PRIME_MINISTER' && !seeded.get(code)!.verified)).toBe(true);
    expect(AUTHORITY_NAMES.PRESIDENT).toBe('Chủ tịch nước');
  });

  it('gives the event contract the same authorities and moves', () => {
    const contract = EVENT_PAYLOAD_SCHEMAS.RewardProposalMoved.properties;
    expect(contract.authority.enum).toEqual([...DECIDING_AUTHORITIES]);
    expect(contract.action.enum).toEqual([...PROPOSAL_MOVES]);
    expect(Object.keys(AUTHORITY_NAMES)).toEqual([...DECIDING_AUTHORITIES]);
  });
});
