"""`hotline-server serve --tls-cert/--tls-key` with a certificate made here, and a
workstation that verifies it: trusted with --ca-bundle, refused without."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.server import ROOT, Start, cli
from tests.support.users import PASSWORD


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return str(tmp_path / "central.sqlite3")


def self_signed(folder: Path, name: str = "store.test") -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def workstation_env(tmp_path: Path, name: str) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
        "HOTLINE_TEST_KEYRING_FILE": str(tmp_path / f"{name}-keyring.json"),
        "HOTLINE_DESK_HOME": str(tmp_path / name),
        "PYTHONPATH": str(ROOT),
    }


def test_https_with_a_verified_certificate(start: Start, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    server = start("--tls-cert", str(cert), "--tls-key", str(key), verify=str(cert))
    assert server.url.startswith("https://127.0.0.1:")
    assert requests.get(server.url + "/healthz", verify=str(cert), timeout=30).ok
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(server.url + "/healthz", timeout=30)  # the system's CAs do not know it
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(server.url.replace("https", "http") + "/healthz", timeout=30)

    env = workstation_env(tmp_path, "trusting")
    login = ("login", "--server", server.url, "--user", "op1")
    r = cli(*login, "--ca-bundle", str(cert), stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["user"] == "op1"
    r = cli("sync", env=env)
    assert r.returncode == 0, r.stdout + r.stderr

    env = workstation_env(tmp_path, "default")
    r = cli(*login, stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 1 and "certificate" in r.stderr.lower(), r.stderr
    other, _ = self_signed(tmp_path, "impostor.test")
    r = cli(*login, "--ca-bundle", str(other), stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 1 and "certificate" in r.stderr.lower(), r.stderr


def test_certificate_and_key_go_together(tmp_path: Path) -> None:
    cert, _ = self_signed(tmp_path)
    r = cli("serve", "--tls-cert", str(cert), "--db", str(tmp_path / "c.db"), module="server.cli")
    assert r.returncode == 2 and "go together" in r.stderr
