import { memberEligibility, resolveCommitments, unitEligibility } from '../src/domain/enrollment';
import { parseMemberCsv, MalformedFileError } from '../src/domain/member-import';
import { replicationProblems } from '../src/domain/replication';
import { isSummaryOverdue, summaryProblems } from '../src/domain/campaigns';

const scope = { scopeUnitPath: '/vn/bn/', organisationTypes: ['PRIVATE_ENTERPRISE' as const, 'FDI_ENTERPRISE' as const], occupationCodes: ['CN_DET_MAY'] };

describe('who may enrol', () => {
  it('takes units in the subtree with an organisation type of the scope', () => {
    expect(unitEligibility(scope, { path: '/vn/bn/may/', organisationType: 'FDI_ENTERPRISE' })).toEqual([]);
    expect(unitEligibility(scope, { path: '/vn/kh/may/', organisationType: 'FDI_ENTERPRISE' }).map((p) => p.message)).toEqual(['Đơn vị này nằm ngoài phạm vi của phong trào']);
    expect(unitEligibility(scope, { path: '/vn/bn/so/', organisationType: 'ADMINISTRATIVE_AGENCY' })).toHaveLength(1);
  });

  it('takes members of the scope’s occupations who are still in the union', () => {
    const unit = { path: '/vn/bn/may/', organisationType: 'PRIVATE_ENTERPRISE' as const };
    expect(memberEligibility(scope, unit, 'CN_DET_MAY', false)).toEqual([]);
    expect(memberEligibility(scope, unit, 'KY_SU', false).map((p) => p.field)).toEqual(['memberId']);
    expect(memberEligibility(scope, unit, 'CN_DET_MAY', true).map((p) => p.message)).toEqual(['Đoàn viên này đã rời công đoàn']);
  });

  it('fills commitments from the campaign targets and refuses foreign targets', () => {
    const targets = [{ id: 't1', targetValue: 10 }, { id: 't2', targetValue: 0.5 }];
    expect(resolveCommitments(targets, [{ targetId: 't1', value: 12 }])).toEqual({
      commitments: [{ targetId: 't1', committedValue: 12 }, { targetId: 't2', committedValue: 0.5 }],
      problems: [],
    });
    expect(resolveCommitments(targets, [{ targetId: 'other', value: 1 }]).problems.map((p) => p.field)).toEqual(['commitments.0.targetId']);
  });
});

describe('member CSV import', () => {
  const header = 'ho_ten,ma_nghe,truc_tiep_san_xuat,giu_chuc_vu,ngay_vao_cong_doan';

  it('reads Vietnamese rows, flags and dd/mm/yyyy dates', () => {
    const { members, problems } = parseMemberCsv(`${header}\nNguyễn Thị Hoa,CN_DET_MAY,có,không,01/05/2020\n"Trần Văn Bình, con",KY_SU,không,có,`, '2026-11-25');
    expect(problems).toEqual([]);
    expect(members).toEqual([
      { row: 2, fullName: 'Nguyễn Thị Hoa', occupationCode: 'CN_DET_MAY', isDirectProductionWorker: true, holdsLeadershipPost: false, gender: null, joinedUnionOn: '2020-05-01' },
      { row: 3, fullName: 'Trần Văn Bình, con', occupationCode: 'KY_SU', isDirectProductionWorker: false, holdsLeadershipPost: true, gender: null, joinedUnionOn: null },
    ]);
  });

  it('reads the optional gender column: Nam or Nữ, with or without the accent, empty when not recorded', () => {
    const csv = `${header},Giới tính\nNguyễn Thị Hoa,CN_DET_MAY,có,không,,Nữ\nLê Văn Tám,CN_DET_MAY,có,không,,nam\nĐỗ Mai,CN_DET_MAY,có,không,,NU\nTrần An,KY_SU,không,không,,`;
    expect(parseMemberCsv(csv, '2026-11-25').members.map((m) => m.gender)).toEqual(['FEMALE', 'MALE', 'FEMALE', null]);
    const wrong = parseMemberCsv(`${header},gioi_tinh\nHoa,CN_DET_MAY,có,không,,khác\nMai,CN_DET_MAY,có,không,,constructor`, '2026-11-25');
    expect(wrong.members).toEqual([]);
    expect(wrong.problems).toEqual([2, 3].map((row) => ({ row, field: 'gioi_tinh', message: 'ghi "Nam" hoặc "Nữ", hoặc để trống khi chưa có' })));
  });

  it('accepts headers with diacritics', () => {
    const { members } = parseMemberCsv('Họ tên,Mã nghề,Trực tiếp sản xuất,Giữ chức vụ\nLê Thị Mai,CN_DET_MAY,x,', '2026-11-25');
    expect(members[0]).toMatchObject({ fullName: 'Lê Thị Mai', isDirectProductionWorker: true, holdsLeadershipPost: false });
  });

  it('reports every row problem with its row number', () => {
    const { problems } = parseMemberCsv(`${header}\n,CN_DET_MAY,có,không,\nHoa,CN_DET_MAY,có lẽ,không,31/02/2020`, '2026-11-25');
    expect(problems).toEqual([
      { row: 2, field: 'ho_ten', message: 'họ tên dài 1–200 ký tự' },
      { row: 3, field: 'truc_tiep_san_xuat', message: 'write "có" or "không"' },
      { row: 3, field: 'ngay_vao_cong_doan', message: 'ghi ngày theo dạng dd/mm/yyyy' },
    ]);
  });

  it('refuses a malformed file as a whole', () => {
    expect(() => parseMemberCsv('ho_ten,ma_nghe\nHoa,CN_DET_MAY', '2026-11-25')).toThrow(MalformedFileError);
    expect(() => parseMemberCsv(`${header}\n"unterminated,CN,có,không,`, '2026-11-25')).toThrow(/không đúng định dạng CSV/);
    expect(() => parseMemberCsv(header, '2026-11-25')).toThrow(/không có đoàn viên nào/);
  });
});

describe('summaries and replication', () => {
  it('needs a result for every target and stated lessons', () => {
    const problems = summaryProblems({ results: [{ targetId: 't1', achievedValue: 3, comment: null }], lessons: 'ngắn', exemplars: [] }, [{ id: 't1', name: 'Sáng kiến' }, { id: 't2', name: 'Giờ công' }]);
    expect(problems.map((p) => p.field)).toEqual(['results', 'lessons']);
    expect(problems[0]!.message).toBe('Chưa có kết quả đạt được của chỉ tiêu “Giờ công”');
  });

  it('knows when a summary is overdue', () => {
    expect(isSummaryOverdue('IN_PROGRESS', '2026-10-31', false, '2026-11-25')).toBe(true);
    expect(isSummaryOverdue('IN_PROGRESS', '2026-10-31', true, '2026-11-25')).toBe(false);
    expect(isSummaryOverdue('CLOSED', '2026-10-31', false, '2026-11-25')).toBe(false);
    expect(isSummaryOverdue('IN_PROGRESS', '2026-12-31', false, '2026-11-25')).toBe(false);
  });

  it('makes a replication say what it adapts to and why', () => {
    expect(replicationProblems({ occupationCodes: [], organisationTypes: [], targets: null, adaptationNote: '' }).map((p) => p.field)).toEqual(['scope', 'adaptationNote']);
    expect(replicationProblems({ occupationCodes: ['GIAO_VIEN'], organisationTypes: [], targets: null, adaptationNote: 'Điều chỉnh chỉ tiêu cho giáo viên' })).toEqual([]);
  });
});
