"""A signer's key comes from a PKCS#12 file (as certificate authorities issue them) and signs
PDFs that verify; a wrong file or password changes nothing."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command
from weasyprint import HTML

from eacademy.core.models import SigningKey
from eacademy.core.roles import Role
from eacademy.core.signing import Authority, sign_pdf, verify_pdf

pytestmark = pytest.mark.django_db


def _p12(tmp_path, password: bytes) -> tuple[str, Authority]:
    """An RSA key (as the national authority issues them) certified by a test authority, in PKCS#12."""
    authority = Authority.create("Test national authority")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ректор Академии")]))
                   .issuer_name(authority.certificate.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
                   .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
                                                key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
                                  critical=True)  # a signing certificate: non-repudiation, as the national authority's are
                   .sign(authority.key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"rector", key, certificate, [authority.certificate],
                                                 serialization.BestAvailableEncryption(password))
    path = tmp_path / "rector.p12"
    path.write_bytes(data)
    return str(path), authority


def test_a_key_imported_from_pkcs12_signs_a_pdf_that_verifies_once_its_authority_is_trusted(persona, tmp_path) -> None:
    path, authority = _p12(tmp_path, b"secret")
    (tmp_path / "password").write_bytes(b"secret\n")
    call_command("signing", "import", path, user="leadership", password_file=str(tmp_path / "password"))
    key = SigningKey.objects.get(user=persona(Role.LEADERSHIP))
    assert "PRIVATE KEY" in key.private_key and "ENCRYPTED" in key.private_key  # never kept in clear
    signed = sign_pdf(HTML(string="<p>Бұйрық</p>").write_pdf(), key=key, reason="test")
    assert not verify_pdf(signed).valid  # its authority is not trusted yet
    (tmp_path / "root.pem").write_bytes(authority.certificate.public_bytes(serialization.Encoding.PEM))
    call_command("signing", "trust", str(tmp_path / "root.pem"), name="Test national authority")
    result = verify_pdf(signed)
    assert result.valid and result.signer == "Ректор Академии"


def test_a_wrong_password_or_file_is_refused_and_the_old_key_stays(persona, tmp_path) -> None:
    path, _authority = _p12(tmp_path, b"secret")
    (tmp_path / "password").write_bytes(b"wrong")
    before = SigningKey.objects.get(user=persona(Role.LEADERSHIP)).certificate
    with pytest.raises(CommandError, match="password is wrong"):
        call_command("signing", "import", path, user="leadership", password_file=str(tmp_path / "password"))
    (tmp_path / "garbage.p12").write_bytes(b"not a key")
    with pytest.raises(CommandError, match="not a PKCS#12"):
        call_command("signing", "import", str(tmp_path / "garbage.p12"), user="leadership", password_file=str(tmp_path / "password"))
    with pytest.raises(CommandError, match="--user LOGIN, or give --seal"):
        call_command("signing", "import", path, password_file=str(tmp_path / "password"))
    assert SigningKey.objects.get(user=persona(Role.LEADERSHIP)).certificate == before


def test_a_certificate_and_a_transcript_are_issued_under_the_academys_seal(client_as, persona) -> None:
    from eacademy.journal.models import Certificate
    from eacademy.people.models import Person

    listener = client_as(Role.LISTENER)
    certificate = Certificate.objects.filter(enrollment__person__user=persona(Role.LISTENER)).first()
    for url in (f"/journal/certificates/{certificate.pk}/pdf/", f"/journal/transcripts/{Person.objects.get(user=persona(Role.LISTENER)).pk}.pdf"):
        response = listener.get(url)
        assert response.status_code == 200, url
        result = verify_pdf(response.content)
        assert result.valid and result.signer == "Академия ПО при ГП РК", url
