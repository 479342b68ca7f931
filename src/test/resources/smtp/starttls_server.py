"""A real SMTP server for the e-mail alert tests: STARTTLS required before AUTH and before mail,
one login accepted. Run by Debian's python3 with python3-aiosmtpd:

    starttls_server.py PORT CERT KEY USER PASSWORD MAILDIR

Each message received is written to MAILDIR/<n>.eml; MAILDIR/ready appears once it listens.
"""
import pathlib
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

port, cert, key, user, password, maildir = sys.argv[1:7]
maildir = pathlib.Path(maildir)
maildir.mkdir(parents=True, exist_ok=True)


class Keep:
    async def handle_DATA(self, server, session, envelope):
        number = len(list(maildir.glob("*.eml")))
        (maildir / f"{number}.eml.tmp").write_bytes(envelope.original_content or envelope.content)
        (maildir / f"{number}.eml.tmp").rename(maildir / f"{number}.eml")
        return "250 OK"


def login(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(
    Keep(),
    hostname="127.0.0.1",
    port=int(port),
    tls_context=context,
    require_starttls=True,
    authenticator=login,
    auth_required=True,
    auth_require_tls=True,
)
controller.start()
(maildir / "ready").write_text("ready")
try:
    time.sleep(3600)
finally:
    controller.stop()
