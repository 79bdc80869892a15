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

const FIND_UNITS = `query FindUnits($text: String!) { searchUnionUnits(text: $text, first: 20) { edges { node { id name path level } } } }`;

interface UnitPickerProps {
  /** The officer's own unit, offered first; officers are offered only units of its subtree. */
  own: UnitChoice | null;
  value: UnitChoice | null;
  onChange(unit: UnitChoice | null): void;
  problem: string | null;
  /** Ids of the two controls start with it, so two pickers can share a page. */
  idPrefix?: string;
  label?: string;
}

/** Units the officer may pick: found by name (with or without diacritics) within their own subtree (national admins: anywhere). */
export function UnitPicker({ own, value, onChange, problem, idPrefix = '', label = 'Đơn vị của tài khoản' }: UnitPickerProps) {
  const { session, has } = useAuth();
  const [text, setText] = useState('');
  const [found, setFound] = useState<UnitChoice[]>([]);
  useEffect(() => {
    if (text.trim().length < 2) return setFound([]);
    let current = true;
    const timer = setTimeout(() => {
      void request<{ searchUnionUnits: { edges: { node: UnitChoice }[] } }>(FIND_UNITS, { text }, session?.token ?? null).then((result) => {
        const units = result.data?.searchUnionUnits.edges.map((e) => e.node) ?? [];
        if (current) setFound(has('NATIONAL_ADMIN') ? units : units.filter((u) => own && u.path.startsWith(own.path)));
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, own, session, has]);
  const choices = [own, value, ...found].filter((u, i, all): u is UnitChoice => u !== null && all.findIndex((other) => other?.id === u.id) === i);
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
