import datetime
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.db import transaction

import webhooks
from webhooks import sending
from webhooks.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def https_receiver(receiver, tmp_path):
    """The receiver behind TLS (wrapped before any connection), with a self-signed certificate
    for ``localhost`` only."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert_file, key_file)
    receiver.server.socket = server_tls.wrap_socket(receiver.server.socket, server_side=True)
    receiver.port = receiver.server.server_address[1]
    receiver.ca_file = cert_file
    return receiver


def emit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        webhooks.emit("case.opened", {"case": 1})
    return Delivery.objects.get()


def test_an_untrusted_certificate_is_a_failed_attempt(
    https_receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint_for(f"https://localhost:{https_receiver.port}/hooks")
    delivery = emit(django_capture_on_commit_callbacks)
    assert delivery.state == "failed" and "CERTIFICATE_VERIFY_FAILED" in delivery.error
    assert https_receiver.requests == []


def test_tls_names_the_host_while_connecting_to_the_checked_address(
    https_receiver, endpoint_for, monkeypatch, django_capture_on_commit_callbacks
):
    trusting = ssl.create_default_context(cafile=str(https_receiver.ca_file))
    monkeypatch.setattr(sending.ssl, "create_default_context", lambda: trusting)
    endpoint_for(f"https://localhost:{https_receiver.port}/hooks")

    delivery = emit(django_capture_on_commit_callbacks)

    assert (delivery.state, delivery.response_code) == ("succeeded", 200)
    assert https_receiver.requests[0]["headers"]["Host"] == f"localhost:{https_receiver.port}"


def test_a_certificate_for_another_name_is_refused(
    https_receiver, endpoint_for, monkeypatch, django_capture_on_commit_callbacks
):
    trusting = ssl.create_default_context(cafile=str(https_receiver.ca_file))
    monkeypatch.setattr(sending.ssl, "create_default_context", lambda: trusting)
    endpoint_for(f"https://127.0.0.1:{https_receiver.port}/hooks")  # the cert names localhost

    delivery = emit(django_capture_on_commit_callbacks)

    assert delivery.state == "failed" and "CERTIFICATE_VERIFY_FAILED" in delivery.error
    assert https_receiver.requests == []
