import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { UnavailableError } from '../errors';
import type { SigningKey, SigningKeys, SigningUnit } from './signing';

const { asn1, pki, pkcs12 } = forge;
const generateRsa = promisify(generateKeyPair);
const SHROUDED_KEY_BAG = pki.oids.pkcs8ShroudedKeyBag!;
const KEY_BAG = pki.oids.keyBag!;
const CERT_BAG = pki.oids.certBag!;

/** The repository's .data folder, wherever the process was started from. */
const DATA_DIR = path.resolve(__dirname, '../../../../.data');
export const DEV_SIGNING_PASSPHRASE = 'thidua-dev-signing-passphrase';
/** Where the local test CA lives (SIGNING_CA_DIR): `ca.crt`, `ca.key`. */
export const testCaDirectory = (env: Record<string, string | undefined> = process.env): string => env.SIGNING_CA_DIR ?? path.join(DATA_DIR, 'signing');

const certificateDer = (cert: forge.pki.Certificate): Buffer => Buffer.from(asn1.toDer(pki.certificateToAsn1(cert)).getBytes(), 'binary');

/** A signing key from a PKCS#12 file (.p12 / .pfx): its private key and certificate chain, signer first. */
export function keyFromPkcs12(file: Buffer, passphrase: string): SigningKey {
  const p12 = pkcs12.pkcs12FromAsn1(asn1.fromDer(file.toString('binary')), passphrase);
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const privateKey = [...bags(SHROUDED_KEY_BAG), ...bags(KEY_BAG)][0]?.key as forge.pki.rsa.PrivateKey | undefined;
  const certificates = bags(CERT_BAG).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  if (!privateKey || certificates.length === 0) throw new Error('the PKCS#12 file holds no private key and certificate');
  // the signer's certificate is the one whose public key matches the private key; its issuers follow
  const publicKey = pki.publicKeyToPem(pki.setRsaPublicKey(privateKey.n, privateKey.e));
  const signer = certificates.find((cert) => pki.publicKeyToPem(cert.publicKey) === publicKey) ?? certificates[0]!;
  const privateKeyPem = pki.privateKeyToPem(privateKey);
  return {
    certificateChain: [signer, ...certificates.filter((cert) => cert !== signer)].map(certificateDer),
    sign: async (data) => sign('sha256', data, privateKeyPem),
  };
}

/** Keys kept as `<unit id>.p12` in a directory, all opened with one passphrase (SIGNING_KEYS_DIR, SIGNING_KEYS_PASSPHRASE). */
export class Pkcs12Directory implements SigningKeys {
  readonly development: boolean = false;
  private readonly cache = new Map<string, Promise<SigningKey>>();

  constructor(
    protected readonly directory: string,
    protected readonly passphrase: string,
  ) {}

  protected file(unit: SigningUnit): string {
    if (!/^[0-9a-f-]{36}$/.test(unit.id)) throw new Error(`not a unit id: ${unit.id}`);
    return path.join(this.directory, `${unit.id}.p12`);
  }

  /** A unit without a key file cannot sign: say which file to install. */
  protected async missing(unit: SigningUnit): Promise<Buffer> {
    throw new UnavailableError(`${unit.name} chưa có chứng thư số để ký văn bản: cài tệp PKCS#12 của đơn vị vào ${this.file(unit)}`, { unitId: unit.id });
  }

  keyFor(unit: SigningUnit): Promise<SigningKey> {
    let key = this.cache.get(unit.id);
    if (!key) {
      const file = this.file(unit);
      key = (existsSync(file) ? readFile(file) : this.missing(unit)).then((bytes) => keyFromPkcs12(bytes, this.passphrase));
      key.catch(() => this.cache.delete(unit.id));
      this.cache.set(unit.id, key);
    }
    return key;
  }
}

interface TestCa {
  certificate: forge.pki.Certificate;
  privateKeyPem: string;
}

const name = (commonName: string): forge.pki.CertificateField[] => [
  { shortName: 'C', value: 'VN' },
  { shortName: 'O', value: 'Công đoàn Việt Nam', valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class },
  { shortName: 'CN', value: commonName, valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class },
];

async function rsaKeyPair(): Promise<{ privateKeyPem: string; publicKey: forge.pki.PublicKey }> {
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return { privateKeyPem: privateKey, publicKey: pki.publicKeyFromPem(publicKey) };
}

function newCertificate(publicKey: forge.pki.PublicKey, years: number): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  // positive serial: a leading byte below 0x80
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3_600_000);
  return cert;
}

export const TEST_CA_NAME = 'Thi Đua – CA thử nghiệm (không dùng thật)';

/** The local test CA (`ca.crt`, `ca.key`), created once; only development keys are issued by it. */
export async function ensureTestCa(directory: string = testCaDirectory()): Promise<TestCa> {
  const certFile = path.join(directory, 'ca.crt');
  const keyFile = path.join(directory, 'ca.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { certificate: pki.certificateFromPem(await readFile(certFile, 'utf8')), privateKeyPem: await readFile(keyFile, 'utf8') };
  }
  const { privateKeyPem, publicKey } = await rsaKeyPair();
  const cert = newCertificate(publicKey, 20);
  cert.setSubject(name(TEST_CA_NAME));
  cert.setIssuer(name(TEST_CA_NAME));
  cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  cert.sign(pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  await mkdir(directory, { recursive: true });
  await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
  await writeFile(certFile, pki.certificateToPem(cert));
  return { certificate: cert, privateKeyPem };
}

/** A PKCS#12 for a unit, its certificate issued to the unit's name by the test CA (3 years). */
export async function issueTestPkcs12(ca: TestCa, unit: SigningUnit, passphrase: string): Promise<Buffer> {
  const { privateKeyPem, publicKey } = await rsaKeyPair();
  const cert = newCertificate(publicKey, 3);
  cert.setSubject(name(unit.name));
  // the CA's name written afresh: attributes read back from a file would be encoded twice
  cert.setIssuer(name(TEST_CA_NAME));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(pki.privateKeyFromPem(ca.privateKeyPem), forge.md.sha256.create());
  const p12 = pkcs12.toPkcs12Asn1(pki.privateKeyFromPem(privateKeyPem), [cert, ca.certificate], passphrase, { algorithm: 'aes256', friendlyName: unit.name });
  return Buffer.from(asn1.toDer(p12).getBytes(), 'binary');
}

/**
 * Development: a unit without a key gets one at once, issued by the local test CA, and kept in the directory like a
 * real one. Documents signed so are valid but not trusted outside this machine; production refuses these keys.
 */
export class DevelopmentKeys extends Pkcs12Directory {
  override readonly development = true;

  constructor(
    directory: string,
    passphrase: string,
    private readonly caDirectory: string,
  ) {
    super(directory, passphrase);
  }

  protected override async missing(unit: SigningUnit): Promise<Buffer> {
    const file = this.file(unit);
    const bytes = await issueTestPkcs12(await ensureTestCa(this.caDirectory), unit, this.passphrase);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { mode: 0o600 });
    return bytes;
  }
}

type Env = Record<string, string | undefined>;

/**
 * SIGNING_KEYS=development (the default outside production) issues test keys; SIGNING_KEYS=pkcs12 (the default in
 * production) signs only with the files installed in SIGNING_KEYS_DIR. Production with development keys does not start.
 */
export function keysFromEnvironment(env: Env = process.env): SigningKeys {
  const production = env.NODE_ENV === 'production';
  const mode = env.SIGNING_KEYS ?? (production ? 'pkcs12' : 'development');
  const directory = env.SIGNING_KEYS_DIR ?? path.join(DATA_DIR, 'signing', 'units');
  const passphrase = env.SIGNING_KEYS_PASSPHRASE ?? DEV_SIGNING_PASSPHRASE;
  if (mode !== 'development' && mode !== 'pkcs12') throw new Error(`SIGNING_KEYS must be "development" or "pkcs12", not "${mode}"`);
  if (production && (mode === 'development' || passphrase === DEV_SIGNING_PASSPHRASE)) {
    throw new Error('Production signs documents with the units’ own certificates: set SIGNING_KEYS=pkcs12, SIGNING_KEYS_DIR and SIGNING_KEYS_PASSPHRASE');
  }
  return mode === 'development' ? new DevelopmentKeys(directory, passphrase, testCaDirectory(env)) : new Pkcs12Directory(directory, passphrase);
}
