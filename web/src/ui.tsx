import { useEffect, type ReactNode } from 'react';
import type { ApiError, GraphQLError, Problem } from './api';
import { todayIso } from './format';

/** A page: its title goes to the document title and to the one <h1> screen readers land on. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – Thi Đua`;
  }, [title]);
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
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

/** A labelled control with its hint and its error, tied together for assistive technology. */
export function Field({ id, label, problem, hint, children }: FieldProps) {
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
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
