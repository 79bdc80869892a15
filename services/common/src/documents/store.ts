import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Html } from './html';
import { printPdf } from './renderer';
import { keysFromEnvironment } from './keys';
import { certificateName, signPdf, type SigningKeys } from './signing';

/** The table of issued documents, in the database of each service that issues them (its migration calls this). */
export async function createDocumentTables(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE issued_documents (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind        text NOT NULL,
      subject_key text NOT NULL,
      revision    text NOT NULL,
      title       text NOT NULL,
      file_name   text NOT NULL,
      unit_id     uuid NOT NULL,
      unit_path   text NOT NULL,
      signed_by   text NOT NULL,
      sha256      text NOT NULL,
      size_bytes  int NOT NULL,
      content     bytea NOT NULL,
      issued_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, subject_key, revision)
    )`);
  await db.query(`CREATE INDEX issued_documents_subject ON issued_documents (kind, subject_key, issued_at DESC)`);
  await db.query(`CREATE INDEX issued_documents_sha256 ON issued_documents (sha256)`);
}

/** A stored document without its bytes. */
export interface IssuedDocument {
  id: string;
  kind: string;
  subjectKey: string;
  title: string;
  fileName: string;
  unitPath: string;
  signedBy: string;
  sha256: string;
  sizeBytes: number;
  issuedAt: Date;
}

export interface IssuingUnit {
  id: string;
  name: string;
  path: string;
  /** The place the document is dated at, e.g. "Bắc Ninh". */
  place: string;
}

export interface DocumentRequest<TModel> {
  kind: string;
  /** What the document is about: a decision id, a campaign id, a unit and year… */
  subjectKey: string;
  /**
   * `once`: the first copy issued stays the document (a decision, its certificate: what was signed and published
   * must not change). `current`: a new copy is issued when the data it shows changes (reports, lists).
   */
  policy: 'once' | 'current';
  /** Bump when the template changes what a `current` document shows. */
  templateVersion: number;
  model: TModel;
  title: string;
  fileName: string;
  issuer: IssuingUnit;
  landscape?: boolean;
  /** The page as HTML (see decree30.ts). */
  render(model: TModel): Html | Promise<Html>;
  /** Why the issuing unit signs, written into the signature. */
  signatureReason: string;
}

const COLUMNS = `id, kind, subject_key AS "subjectKey", title, file_name AS "fileName", unit_path AS "unitPath", signed_by AS "signedBy",
  sha256, size_bytes AS "sizeBytes", issued_at AS "issuedAt"`;

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Issues documents: prints the page, signs it with the issuing unit's key (PAdES) and stores it with its SHA-256,
 * once per revision. The same request twice returns the stored copy; two issuers racing keep the first.
 */
export class DocumentIssuer {
  constructor(private readonly keys: SigningKeys) {}

  private revision(request: DocumentRequest<unknown>): string {
    return request.policy === 'once' ? 'original' : sha256Hex(JSON.stringify([request.templateVersion, request.model]));
  }

  async issue<TModel>(db: DataSource | EntityManager, request: DocumentRequest<TModel>): Promise<IssuedDocument> {
    const revision = this.revision(request as DocumentRequest<unknown>);
    const existing = await this.stored(db, request.kind, request.subjectKey, revision);
    if (existing) return existing;
    const printed = await printPdf(String(await request.render(request.model)), { landscape: request.landscape ?? false });
    const key = await this.keys.keyFor(request.issuer);
    const signed = await signPdf(printed, request.issuer, key, { reason: request.signatureReason, location: request.issuer.place });
    await db.query(
      `INSERT INTO issued_documents (kind, subject_key, revision, title, file_name, unit_id, unit_path, signed_by, sha256, size_bytes, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (kind, subject_key, revision) DO NOTHING`,
      [request.kind, request.subjectKey, revision, request.title, request.fileName, request.issuer.id, request.issuer.path, certificateName(key.certificateChain[0]!),
        sha256Hex(signed), signed.length, signed],
    );
    return (await this.stored(db, request.kind, request.subjectKey, revision))!;
  }

  private async stored(db: DataSource | EntityManager, kind: string, subjectKey: string, revision: string): Promise<IssuedDocument | null> {
    const [row] = (await db.query(`SELECT ${COLUMNS} FROM issued_documents WHERE kind = $1 AND subject_key = $2 AND revision = $3`, [kind, subjectKey, revision])) as IssuedDocument[];
    return row ?? null;
  }
}

/** The latest issued copy of each (kind, subject), for many subjects in one query. */
export async function latestDocuments(db: DataSource | EntityManager, kinds: string[], subjectKeys: readonly string[]): Promise<IssuedDocument[]> {
  return (await db.query(
    `SELECT DISTINCT ON (kind, subject_key) ${COLUMNS} FROM issued_documents
      WHERE kind = ANY($1::text[]) AND subject_key = ANY($2::text[]) ORDER BY kind, subject_key, issued_at DESC`,
    [kinds, [...subjectKeys]],
  )) as IssuedDocument[];
}

export async function documentContent(db: DataSource | EntityManager, id: string): Promise<Buffer> {
  const [row] = (await db.query(`SELECT content FROM issued_documents WHERE id = $1`, [id])) as { content: Buffer }[];
  if (!row) throw new Error(`issued document ${id} is gone`);
  return row.content;
}

let shared: DocumentIssuer | null = null;

/** The process's issuer, with the signing keys configured by the environment (see keys.ts); fails fast when misconfigured. */
export function documentIssuer(): DocumentIssuer {
  return (shared ??= new DocumentIssuer(keysFromEnvironment()));
}
