import { ValidationError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else is the caller's mistake, reported against the field that carried it. */
export function parseId(field: string, value: string): string {
  if (!UUID.test(value)) throw ValidationError.single(field, value ? `Mã "${value.slice(0, 40)}" không hợp lệ` : 'Chưa chọn');
  return value.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
