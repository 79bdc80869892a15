import { useEffect, useState } from 'react';
import { request } from './api';
import { useAuth } from './auth';
import { Field } from './ui';

export interface UnitChoice {
  id: string;
  name: string;
  path: string;
  level: string;
}

const FIND_UNITS = `query FindUnits($text: String!, $within: ID, $level: UnitLevel) { searchUnionUnits(text: $text, within: $within, level: $level, first: 20) { edges { node { id name path level } } } }`;

interface UnitPickerProps {
  /** The officer's own unit, offered first; officers are offered only units of its subtree. */
  own: UnitChoice | null;
  value: UnitChoice | null;
  onChange(unit: UnitChoice | null): void;
  problem: string | null;
  /** Ids of the two controls start with it, so two pickers can share a page. */
  idPrefix?: string;
  label?: string;
  /** Only units of this level (GRASSROOTS where members belong); the officer's own unit is offered only when it is one. */
  level?: string;
}

/**
 * Units the officer may pick: found by name (with or without diacritics) within their own subtree (national admins:
 * anywhere), however many the subtree holds; a province's four hundred grassroots unions do not fit one list.
 */
export function UnitPicker({ own, value, onChange, problem, idPrefix = '', label = 'Đơn vị của tài khoản', level }: UnitPickerProps) {
  const { session, has } = useAuth();
  const [text, setText] = useState('');
  const [found, setFound] = useState<UnitChoice[]>([]);
  useEffect(() => {
    const national = has('NATIONAL_ADMIN');
    if (text.trim().length < 2 || (!national && !own)) return setFound([]);
    let current = true;
    const timer = setTimeout(() => {
      const within = national ? null : own!.id;
      void request<{ searchUnionUnits: { edges: { node: UnitChoice }[] } }>(FIND_UNITS, { text, within, level: level ?? null }, session?.token ?? null).then((result) => {
        if (current) setFound(result.data?.searchUnionUnits.edges.map((e) => e.node) ?? []);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, own, level, session, has]);
  const offered = own && (!level || own.level === level) ? own : null;
  const choices = [offered, value, ...found].filter((u, i, all): u is UnitChoice => u !== null && all.findIndex((other) => other?.id === u.id) === i);
  const searchId = `${idPrefix}unit-search`;
  const selectId = `${idPrefix}unitId`;
  return (
    <div className="row">
      <Field id={searchId} label="Tìm đơn vị" hint="Gõ tên đơn vị trực thuộc, có dấu hoặc không dấu.">
        <input id={searchId} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${searchId}-hint`} />
      </Field>
      <Field id={selectId} label={label} problem={problem}>
        <select id={selectId} value={value?.id ?? ''} onChange={(e) => onChange(choices.find((u) => u.id === e.target.value) ?? null)}
          aria-describedby={problem ? `${selectId}-error` : undefined} aria-invalid={problem ? true : undefined}>
          <option value="">— Chọn đơn vị —</option>
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
