import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

const { asn1, pki } = forge;
type Asn1 = forge.asn1.Asn1;

/**
 * A unit's signing key, however it is kept: a PKCS#12 file today, a licensed CA's token or a remote signing service
 * tomorrow. Only `sign` touches the private key, and it receives the bytes to sign (the CMS signed attributes), so a
 * remote service can implement it by hashing and calling out.
 */
export interface SigningKey {
  /** The signer's certificate first, then its issuers (DER). */
  certificateChain: Buffer[];
  /** RSA PKCS#1 v1.5 signature with SHA-256 of `data`. */
  sign(data: Buffer): Promise<Buffer>;
}

/** Finds the key a unit signs with. */
export interface SigningKeys {
  keyFor(unit: SigningUnit): Promise<SigningKey>;
  /** Development keys (a local test CA) may not be used in production. */
  readonly development: boolean;
}

export interface SigningUnit {
  id: string;
  name: string;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const der = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const oid = (id: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const sequence = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const octets = (bytes: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const tagged = (tag: number, items: Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);
const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();
const attribute = (type: string, value: Asn1): Asn1 => sequence([oid(type), set([value])]);

/**
 * A CAdES detached signature as PAdES baseline B-B wants it (ETSI EN 319 142-1): content type, message digest and
 * the ESS signing-certificate-v2 attribute binding the signer's certificate; no signing-time attribute (the time is
 * the /M entry of the PDF's signature dictionary). @signpdf's own P12 signer writes the older adbe.pkcs7 form.
 */
export async function cadesDetached(content: Buffer, key: SigningKey): Promise<Buffer> {
  const [signerDer] = key.certificateChain;
  if (!signerDer) throw new Error('a signing key needs its certificate');
  const certificates = key.certificateChain.map((bytes) => asn1.fromDer(bytes.toString('binary')));
  const tbs = (certificates[0]!.value as Asn1[])[0]!.value as Asn1[];
  // TBSCertificate: [0] version, serialNumber, signature, issuer, …
  const serialNumber = tbs[1]!;
  const issuer = tbs[3]!;
  const issuerAndSerial = sequence([issuer, serialNumber]);
  const signedAttributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash (SHA-256 is the default algorithm), issuerSerial }] }
    attribute(OID.signingCertificateV2, sequence([sequence([sequence([octets(sha256(signerDer)), sequence([sequence([tagged(4, [issuer])]), serialNumber])])])])),
  ];
  // the signature covers the attributes DER-encoded as a SET (RFC 5652, 5.4)
  const signature = await key.sign(der(set(signedAttributes)));
  const digestAlgorithm = sequence([oid(OID.sha256)]);
  const signerInfo = sequence([
    integer(1),
    issuerAndSerial,
    digestAlgorithm,
    tagged(0, signedAttributes),
    sequence([oid(OID.rsaEncryption), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
    octets(signature),
  ]);
  const signedData = sequence([integer(1), set([digestAlgorithm]), sequence([oid(OID.data)]), tagged(0, certificates), set([signerInfo])]);
  return der(sequence([oid(OID.signedData), tagged(0, [signedData])]));
}

/** Room kept in the PDF for the CMS (hex-encoded, so twice its size): a chain of two 2048-bit certificates fits. */
const SIGNATURE_BYTES = 12_000;

export interface SignatureDetails {
  /** Why the document is signed, e.g. "Quyết định khen thưởng". */
  reason: string;
  /** Where, e.g. "Bắc Ninh". */
  location: string;
}

/** Signs a PDF (an incremental update: the printed bytes stay as they were) as PAdES with the unit's key. */
export async function signPdf(pdf: Buffer, unit: SigningUnit, key: SigningKey, details: SignatureDetails): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: details.reason,
    contactInfo: '',
    name: unit.name,
    location: details.location,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  const signer = new (class extends Signer {
    override sign(content: Buffer): Promise<Buffer> {
      return cadesDetached(content, key);
    }
  })();
  return signpdf.sign(withPlaceholder, signer);
}

/** The Common Name of a certificate (DER), as the document says who signed it. */
export function certificateName(certificate: Buffer): string {
  const cert = pki.certificateFromAsn1(asn1.fromDer(certificate.toString('binary')));
  const field = cert.subject.getField('CN') as { value?: string; valueTagClass?: number } | null;
  // forge hands UTF8String values back as their raw bytes
  return field?.value ? (field.valueTagClass === asn1.Type.UTF8 ? forge.util.decodeUtf8(field.value) : field.value) : '';
}
