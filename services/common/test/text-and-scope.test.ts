import { ANONYMOUS, foldVietnamese, isWithinScope, requireRole, requireWithinScope, slugify, type Identity } from '../src';

describe('Vietnamese folding for search', () => {
  it('removes diacritics and đ, and lowers case', () => {
    expect(foldVietnamese('Lao động giỏi – Lao động SÁNG TẠO')).toBe('lao dong gioi – lao dong sang tao');
    expect(foldVietnamese('Đà Nẵng')).toBe('da nang');
    expect(foldVietnamese('Nguyễn Thị Hồng Nhung')).toBe('nguyen thi hong nhung');
  });

  it('folds composed and decomposed Unicode alike', () => {
    expect(foldVietnamese('Khánh Hòa'.normalize('NFD'))).toBe(foldVietnamese('Khánh Hòa'.normalize('NFC')));
  });

  it('makes path segments from codes', () => {
    expect(slugify('HN_Cty-May 10')).toBe('hn-cty-may-10');
  });
});

describe('union subtree scope', () => {
  const officer: Identity = { subject: 'o', roles: ['UNIT_OFFICER'], unitPath: '/vn/bg/', memberId: null, name: null };
  const admin: Identity = { ...officer, roles: ['NATIONAL_ADMIN'], unitPath: '/vn/' };

  it('lets an officer act in their own subtree only', () => {
    expect(isWithinScope(officer, '/vn/bg/may-1/')).toBe(true);
    expect(isWithinScope(officer, '/vn/bg/')).toBe(true);
    expect(isWithinScope(officer, '/vn/kh/')).toBe(false);
    expect(isWithinScope(officer, '/vn/bg-2/')).toBe(false);
  });

  it('lets a national admin act everywhere', () => {
    expect(isWithinScope(admin, '/anything/')).toBe(true);
  });

  it('refuses anonymous callers and wrong roles with the right codes', () => {
    expect(() => requireRole(ANONYMOUS, 'EDITOR')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => requireRole(officer, 'EDITOR')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireWithinScope(officer, '/vn/kh/')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
