import { cloneElement, isValidElement, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { ApiError, GraphQLError, Problem } from './api';
import { todayIso } from './format';

/** The first page shown after loading keeps the browser's focus; every page navigated to afterwards takes it. */
let navigated = false;

/**
 * A page: its title goes to the document title and to the one <h1> screen readers land on. After a navigation
 * inside the portal the focus moves to that heading, so a screen reader reads the new page and Tab starts there.
 */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    document.title = `${title} – Thi Đua`;
  }, [title]);
  useEffect(() => {
    if (navigated) heading.current?.focus({ preventScroll: false });
    navigated = true;
  }, [key]);
  return (
    <section className="page">
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Loading() {
  return (
    <p className="muted" role="status">
      Đang tải…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error | null }) {
  if (!error) return null;
  const code = (error as Partial<ApiError>).code;
  return (
    <div className="alert alert-error" role="alert">
      {error.message}
      {code ? <span className="muted"> ({code})</span> : null}
    </div>
  );
}

/** Parts of a page that could not load (a subgraph down, a field this user may not read) are named, not hidden. */
export function Warnings({ warnings }: { warnings: GraphQLError[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-warning" role="status">
      Một phần dữ liệu không hiển thị được: {[...new Set(warnings.map((w) => w.message))].join('; ')}
    </div>
  );
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

/** The message the API gave for this field (`problems` of BAD_USER_INPUT), or for one of its sub-fields. */
export function problemFor(problems: Problem[], field: string): string | null {
  const found = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`));
  return found.length ? found.map((p) => p.message).join('; ') : null;
}

interface FieldProps {
  id: string;
  label: string;
  problem?: string | null;
  hint?: string | null;
  children: ReactNode;
}

/** The attributes that tie a control to its hint and its error (give them to the input inside a Field). */
export function describedBy(id: string, hint: boolean, problem: string | null | undefined) {
  const ids = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': problem ? true : undefined };
}

/** What an action said: its error, or what it did. */
export function Outcome({ error, done }: { error: Error | null; done: string | null }) {
  return (
    <>
      <ErrorBox error={error} />
      {done ? <Success>{done}</Success> : null}
    </>
  );
}

/**
 * The control of a Field with its hint and error tied to it: `aria-describedby` names both (and whatever the control
 * named already), `aria-invalid` says the API refused it. Only a plain element (input, select, textarea) is tied
 * here; a composite control passes `describedBy(...)` on itself.
 */
function tiedControl(id: string, hint: boolean, problem: string | null | undefined, children: ReactNode): ReactNode {
  if (!isValidElement<Record<string, unknown>>(children) || typeof children.type !== 'string') return children;
  const own = typeof children.props['aria-describedby'] === 'string' ? (children.props['aria-describedby'] as string).split(' ') : [];
  const tied = describedBy(id, hint, problem);
  const ids = [...new Set([...own, ...(tied['aria-describedby']?.split(' ') ?? [])])].join(' ');
  return cloneElement(children, { 'aria-describedby': ids || undefined, 'aria-invalid': tied['aria-invalid'] ?? children.props['aria-invalid'] });
}

/** A labelled control with its hint and its error, tied together for assistive technology. */
export function Field({ id, label, problem, hint, children }: FieldProps) {
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {tiedControl(id, Boolean(hint), problem, children)}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {problem ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </small>
      ) : null}
    </div>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const percent = Math.round(value * 100);
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span>{percent}%</span>
    </div>
  );
}

/** "Xem thêm" under a long list read a page at a time (usePagedQuery), with how many are shown, of `total` when known. */
export function MoreButton({ list, shown, total }: { list: { hasMore: boolean; loadingMore: boolean; loadMore(): void }; shown: number; total?: number }) {
  if (!list.hasMore) return null;
  return (
    <p className="more">
      <span className="muted" aria-live="polite">Đang hiện {shown.toLocaleString('vi-VN')}{total === undefined ? '' : ` trong ${total.toLocaleString('vi-VN')}`}. </span>
      <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loadingMore}>
        {list.loadingMore ? 'Đang tải…' : 'Xem thêm'}
      </button>
    </p>
  );
}

/**
 * A list the API gave whole (up to its limit) shown ten at a time, so that a province's hundred lagging unions do not
 * make the page endless; `total` counts those beyond the API's limit too, which `beyond` says where to find.
 */
export function ShortList({ items, total, beyond, testId }: { items: { key: string; text: string }[]; total: number; beyond: string; testId?: string }) {
  const [shown, setShown] = useState(10);
  return (
    <>
      <ul data-testid={testId}>{items.slice(0, shown).map((item) => <li key={item.key}>{item.text}</li>)}</ul>
      {shown < items.length ? (
        <MoreButton list={{ hasMore: true, loadingMore: false, loadMore: () => setShown(shown + 10) }} shown={shown} total={total} />
      ) : total > items.length ? (
        <p className="muted">Đang hiện {items.length.toLocaleString('vi-VN')} trong {total.toLocaleString('vi-VN')}; {beyond}.</p>
      ) : null}
    </>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}

/** This year (Vietnam time): the yearly work (registrations, blocs, long service) is for it or the next. */
export const thisYear = () => Number(todayIso().slice(0, 4));

/** A choice of this year or the next. */
export function YearSelect({ id, value, onChange, describedBy: aria }: { id: string; value: number; onChange(year: number): void; describedBy?: ReturnType<typeof describedBy> }) {
  const year = thisYear();
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} {...aria}>
      {[year, year + 1].map((y) => <option key={y} value={y}>{y}</option>)}
    </select>
  );
}
