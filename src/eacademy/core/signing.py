"""Digital signatures of the Academy's PDFs: PAdES (ETSI EN 319 142) with pyHanko.

One interface for every document (orders, certificates, contracts, transcripts):
`sign_pdf(pdf, key=..., reason=...)` returns the signed PDF, `verify_pdf(data)` says whether an
uploaded PDF carries a valid signature by a trusted authority's certificate and is unchanged
since. Keys are kept on the server, encrypted with SIGNING_KEY_PASSPHRASE (`SigningKey`).
Signing with a national certificate in the signer's browser through NCALayer would hand the
document's digest to NCALayer and embed the CMS it returns (pyHanko's interrupted signing);
docs/decisions/0016 says what that needs. `issue_key` makes a key pair and its certificate from
an authority of the Academy's own (the demo's and the tests' authorities)."""

import datetime
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.models import SigningKey, TrustedAuthority, User

FIELD = "Signature"


def _pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def _asn1(pem: str) -> list[asn1_x509.Certificate]:
    return [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in x509.load_pem_x509_certificates(pem.encode())]


def _name(common_name: str) -> x509.Name:
    short = common_name.encode()[:64].decode(errors="ignore")  # X.509 allows 64 bytes: 32 Cyrillic letters
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, short), x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ")])


def _usage(*, sign_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=not sign_certificates, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=sign_certificates, crl_sign=sign_certificates, encipher_only=False, decipher_only=False,
    )


@dataclass(frozen=True)
class Authority:
    """A certificate authority held in memory (its key is never stored)."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @classmethod
    def create(cls, name: str, years: int = 10) -> "Authority":
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder().subject_name(_name(name)).issuer_name(_name(name)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(sign_certificates=True), critical=True)
            .sign(key, hashes.SHA256())
        )
        return cls(certificate, key)

    def trust(self) -> TrustedAuthority:
        """Make the verification page accept what this authority's certificates sign."""
        subject = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        return TrustedAuthority.objects.create(name=str(subject), certificate=_pem(self.certificate))

    def issue_key(self, user: User | None, common_name: str, days: int = 365) -> SigningKey:
        """A new key pair for `user` (None: the Academy's seal), certified by this authority."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(self.certificate.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(_usage(sign_certificates=False), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        return _store(user, key, certificate, [self.certificate])


def _store(user: User | None, key: object, certificate: x509.Certificate, chain: list[x509.Certificate]) -> SigningKey:
    encrypted = key.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(settings.SIGNING_KEY_PASSPHRASE.encode()),
    )
    SigningKey.objects.filter(user=user).delete()
    return SigningKey.objects.create(user=user, certificate=_pem(certificate), chain="".join(_pem(c) for c in chain), private_key=encrypted.decode())


def import_pkcs12(user: User | None, data: bytes, password: bytes | None) -> SigningKey:
    """A signer's key and certificate from a PKCS#12 file (.p12, .pfx), as certificate
    authorities hand them out; kept encrypted with SIGNING_KEY_PASSPHRASE."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise DomainError(_("The file is not a PKCS#12 key, or the password is wrong.")) from exc
    if key is None or certificate is None:
        raise DomainError(_("The PKCS#12 file holds no key with its certificate."))
    return _store(user, key, certificate, list(chain))


def key_of(user: User | None) -> SigningKey:
    """The user's signing key (None: the Academy's seal), or a clear refusal."""
    key = SigningKey.objects.filter(user=user).first()
    if key is None:
        raise DomainError(_("%(signer)s has no signing key: the administrator issues one before documents can be signed.")
                          % {"signer": user.get_full_name() or user.username if user else _("The Academy's seal")})
    return key


def sign_pdf(pdf: bytes, *, key: SigningKey, reason: str) -> bytes:
    """The PDF with a PAdES signature (B-B level) of the whole document by `key`."""
    # pyHanko is imported by the few requests that sign or verify, not by every process start
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    private = serialization.load_pem_private_key(key.private_key.encode(), settings.SIGNING_KEY_PASSPHRASE.encode())
    signer = signers.SimpleSigner(
        signing_cert=_asn1(key.certificate)[0],
        signing_key=asn1_keys.PrivateKeyInfo.load(
            private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        cert_registry=SimpleCertificateStore.from_certs(_asn1(key.chain) if key.chain else []),
    )
    metadata = signers.PdfSignatureMetadata(field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES, reason=reason[:200], md_algorithm="sha256")
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), metadata, signer=signer).getvalue()


def seal_pdf(pdf: bytes, *, reason: str) -> bytes:
    """A document the Academy issues in numbers (a certificate, a transcript, a contract) signed
    with its seal; unsigned while the Academy has no seal (`eacademy signing import --seal`)."""
    key = SigningKey.objects.filter(user=None).first()
    return sign_pdf(pdf, key=key, reason=reason) if key else pdf


@dataclass(frozen=True)
class Verification:
    valid: bool
    problem: str = ""
    signer: str = ""
    signed_at: datetime.datetime | None = None
    reason: str = ""


def verify_pdf(data: bytes) -> Verification:
    """Whether the PDF's signature is valid: made by a certificate of a trusted authority, over
    the document as it is now (a byte changed, or anything appended after signing, fails)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [root for authority in TrustedAuthority.objects.all() for root in _asn1(authority.certificate)]
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
        if not signatures:
            return Verification(False, _("The file carries no digital signature."))
        embedded = signatures[-1]
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"))
    except (PdfError, SigningError, SignatureValidationError, ValueError, KeyError, TypeError):
        return Verification(False, _("The file is not a signed PDF that can be read."))
    signer = status.signing_cert.subject.native.get("common_name", "")
    signed_at = status.signer_reported_dt
    reason = str(embedded.sig_object.get("/Reason", ""))
    if not (status.intact and status.valid):
        problem = _("The document was changed after it was signed.")
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problem = _("Something was added to the document after it was signed.")
    elif not status.trusted:
        problem = _("The signature was not made with a certificate of an authority the Academy trusts.")
    else:
        return Verification(True, "", signer, signed_at, reason)
    return Verification(False, problem, signer, signed_at, reason)
