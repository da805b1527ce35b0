"""The workstation's credentials and transport, attacked: where the token may be kept, where
a password may be sent. Against a real server process and real sockets."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null
from keyrings.alt.file import EncryptedKeyring, PlaintextKeyring

from app.store.db import Database
from app.store.sync.state import SyncState
from app.store.workspace import DB_FILE
from app.sync import account, credentials, transport
from app.sync.client import CentralStore
from app.sync.errors import InsecureTransport, KeyringUnavailable, Refused
from tests.support.keyrings import MemoryKeyring
from tests.support.server import ROOT, ServerProcess, cli, seed_users, server_database
from tests.support.station import FAST
from tests.support.users import PASSWORD, USERS


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real server (SQLite) for the module: these tests attack the workstation."""
    tmp = tmp_path_factory.mktemp("store")
    with server_database("sqlite", tmp) as url:
        seed_users(url, USERS)
        proc = ServerProcess(url, tmp / "server.log")
        proc.start()
        yield proc
        proc.stop()


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A real TCP port that records whether anything connected to it."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.setblocking(False)
    yield sock
    sock.close()


def _nothing_connected(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return True
    conn.close()
    return False


def _plaintext(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    return backend


class _EncryptedFile(EncryptedKeyring):
    """keyrings.alt's encrypted file keyring, built where pycryptodome (not a test
    dependency) is missing: the app refuses it by its kind, before any cipher is used."""

    @staticmethod
    def _get_crypto_impl() -> dict[str, object]:
        return {}


def _encrypted(tmp_path: Path) -> EncryptedKeyring:
    backend = _EncryptedFile()
    backend.file_path = str(tmp_path / "crypted_pass.cfg")  # type: ignore[misc]
    return backend


class SecureMemory(MemoryKeyring):
    priority = 5  # type: ignore[assignment]


def _chain(*backends: object) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):
        pass

    Chain.backends = list(backends)  # type: ignore[assignment,misc]
    return Chain()


@pytest.mark.parametrize("kind", ["plaintext", "encrypted", "null", "fail", "chain-plaintext"])
def test_an_unsafe_keyring_is_refused_before_the_password_is_sent(
    kind: str, tmp_path: Path, listener: socket.socket
) -> None:
    backends = {
        "plaintext": lambda: _plaintext(tmp_path),
        "encrypted": lambda: _encrypted(tmp_path),
        "null": lambda: null.Keyring(),
        "fail": lambda: fail.Keyring(),
        # a chainer writes to its first backend: a plaintext file before the secure one
        "chain-plaintext": lambda: _chain(_plaintext(tmp_path), SecureMemory()),
    }
    keyring.set_keyring(backends[kind]())
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    database = Database(tmp_path / DB_FILE)
    try:
        with pytest.raises(KeyringUnavailable) as caught:
            account.login(database, url, "op1", PASSWORD, retry=FAST)
        assert SyncState(database).session() is None
    finally:
        database.close()
    assert _nothing_connected(listener)  # refused before any connection was made
    assert "keyring" in caught.value.message.lower()
    assert not (tmp_path / "keyring_pass.cfg").exists()
    with pytest.raises(KeyringUnavailable):
        credentials.save_token(url, "op1", "secret")
    with pytest.raises(KeyringUnavailable):
        credentials.load_token(url, "op1")


def test_the_refusal_names_the_backend_and_the_way_out(tmp_path: Path) -> None:
    keyring.set_keyring(_plaintext(tmp_path))
    with pytest.raises(KeyringUnavailable) as caught:
        credentials.ensure_backend()
    message = caught.value.message
    assert "keyrings.alt.file.PlaintextKeyring" in message
    assert "PYTHON_KEYRING_BACKEND" in message and "password was not sent" in message


def test_a_chain_writes_the_token_to_its_secure_first_backend_only(
    store: ServerProcess, tmp_path: Path
) -> None:
    secure = SecureMemory()
    plain = _plaintext(tmp_path)
    keyring.set_keyring(_chain(secure, plain))
    database = Database(tmp_path / DB_FILE)
    try:
        account.login(database, store.url, "op1", PASSWORD, retry=FAST)
    finally:
        database.close()
    assert list(secure.secrets) == [(credentials.service_name(store.url), "op1")]
    assert not Path(plain.file_path).exists()


def test_cli_refuses_a_plaintext_keyring_named_in_the_environment(
    store: ServerProcess, tmp_path: Path
) -> None:
    data = tmp_path / "xdg"
    env = {
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(data),
        "HOTLINE_DESK_HOME": str(tmp_path / "ws"),
        "PYTHONPATH": str(ROOT),
    }
    r = cli("login", "--server", store.url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 1
    assert "PlaintextKeyring" in r.stderr and "Traceback" not in r.stderr
    assert not any(p.is_file() for p in data.rglob("*"))  # no keyring file was written


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3:8345",
        "http://store.example:8345",
        "http://2130706433:8345",  # 127.0.0.1 spelt as a number: not recognisably loopback
        "http://127.0.0.1.nip.io:8345",
        "ftp://127.0.0.1:8345",
        "http://user:pw@127.0.0.1:8345",
        "127.0.0.1:8345",
    ],
)
def test_clear_text_off_this_machine_is_refused(url: str, tmp_path: Path) -> None:
    database = Database(tmp_path / DB_FILE)
    try:
        with pytest.raises(InsecureTransport):
            account.login(database, url, "op1", PASSWORD, retry=FAST)
    finally:
        database.close()


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.8.9.10", "localhost", "[::1]", "[::ffff:127.0.0.1]"]
)
def test_loopback_http_needs_no_option(host: str) -> None:
    assert transport.check(f"http://{host}:8345") == ""
    assert transport.check("https://store.example:8345") == ""


def test_clear_text_with_the_loud_option_works_and_warns_at_every_sync(
    store: ServerProcess, tmp_path: Path
) -> None:
    # The real server reached by an address the client cannot tell is this machine.
    url = f"http://2130706433:{store.port}"
    database = Database(tmp_path / DB_FILE)
    try:
        session = account.login(
            database, url, "op1", PASSWORD, retry=FAST, allow_insecure_http=True
        )
        assert session.insecure_http == "1"
        _session, client = account.open_store(database, retry=FAST)
        try:
            assert "WARNING" in client.warning and "clear text" in client.warning
            assert client.me()["user"] == "op1"
        finally:
            client.close()
    finally:
        database.close()


def test_cli_insecure_option_is_remembered_and_warned(store: ServerProcess, tmp_path: Path) -> None:
    env = {
        "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
        "HOTLINE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "HOTLINE_DESK_HOME": str(tmp_path / "ws"),
        "PYTHONPATH": str(ROOT),
    }
    url = f"http://2130706433:{store.port}"
    r = cli("login", "--server", url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 1 and transport.INSECURE_OPTION in r.stderr
    assert not (tmp_path / "keyring.json").exists()
    r = cli(
        "login", "--server", url, "--user", "op1", transport.INSECURE_OPTION,
        stdin=PASSWORD + "\n", env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "WARNING" in r.stderr
    r = cli("sync", env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "WARNING" in r.stderr and "pulled" in json.loads(r.stdout)


def test_tls_verification_cannot_be_switched_off() -> None:
    with pytest.raises(InsecureTransport):
        CentralStore("https://store.example:8345", verify=False)


def test_a_redirect_is_never_followed(tmp_path: Path) -> None:
    """A server (or something in between) answering 307 to elsewhere gets no password."""
    target = socket.create_server(("127.0.0.1", 0))
    target.setblocking(False)
    redirector = socket.create_server(("127.0.0.1", 0))
    port = redirector.getsockname()[1]
    import threading

    def answer() -> None:
        conn, _ = redirector.accept()
        with conn:
            conn.recv(65536)
            where = f"http://127.0.0.1:{target.getsockname()[1]}/api/v1/auth/token"
            conn.sendall(
                f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {where}\r\n"
                "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
            )

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    client = CentralStore(f"http://127.0.0.1:{port}", retry=FAST)
    try:
        with pytest.raises(Refused) as caught:
            client.login("op1", PASSWORD)
    finally:
        client.close()
        thread.join(5)
        redirector.close()
    assert caught.value.status == 307
    assert _nothing_connected(target)
    target.close()
