# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real SMTP server for the digest tests: aiosmtpd on 127.0.0.1 with
# STARTTLS or implicit TLS, AUTH, a throwaway certificate, and every message
# written to a file. Runs on an asyncio loop in a thread of the test.

import asyncio
import json
import os
import socket
import subprocess
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def make_certificate(directory, name, san="DNS:localhost,IP:127.0.0.1"):
    """A self-signed certificate (which is its own CA file) and its key."""
    cert = os.path.join(directory, f"{name}.pem")
    key = os.path.join(directory, f"{name}.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", f"subjectAltName={san}"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Loop:
    """One event loop thread shared by all servers of a test run."""
    _loop = None

    @classmethod
    def get(cls):
        if cls._loop is None:
            cls._loop = asyncio.new_event_loop()
            threading.Thread(target=cls._loop.run_forever, daemon=True).start()
        return cls._loop


class Recorder:
    def __init__(self, outdir, reject=()):
        self.outdir = outdir
        self.reject = set(reject)
        self.messages = []      # (path, mail_from, rcpt_tos)
        self.auth_attempts = []  # logins tried
        self.connections = 0
        os.makedirs(outdir, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.outdir, f"{len(self.messages) + 1:03}.eml")
        with open(path, "wb") as f:
            f.write(envelope.original_content)
        self.messages.append((path, envelope.mail_from, list(envelope.rcpt_tos)))
        with open(os.path.join(self.outdir, "envelopes.jsonl"), "a") as f:
            f.write(json.dumps({"file": path, "from": envelope.mail_from,
                                "to": envelope.rcpt_tos}) + "\n")
        return "250 2.0.0 Accepted"


class Server:
    """mode: "starttls" or "tls"."""

    def __init__(self, mode, cert, key, user, password, outdir, port=0, reject=()):
        import ssl
        self.mode = mode
        self.user = user
        self.password = password
        self.recorder = Recorder(outdir, reject)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.port = port
        self._server = None
        self.start()

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and
              auth_data.login.decode() == self.user and
              auth_data.password.decode() == self.password)
        self.recorder.auth_attempts.append(
            auth_data.login.decode() if isinstance(auth_data, LoginPassword) else None)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    def _factory(self):
        self.recorder.connections += 1
        if self.mode == "starttls":
            return SMTP(self.recorder, hostname="smtp.test", tls_context=self.context,
                        require_starttls=True, authenticator=self._authenticate,
                        auth_required=True)
        # Implicit TLS: aiosmtpd counts only STARTTLS as TLS, so AUTH must be
        # allowed "without" it.
        return SMTP(self.recorder, hostname="smtp.test", authenticator=self._authenticate,
                    auth_required=True, auth_require_tls=False)

    def start(self):
        loop = _Loop.get()
        ssl_context = self.context if self.mode == "tls" else None
        coro = loop.create_server(self._factory, "127.0.0.1", self.port, ssl=ssl_context,
                                  reuse_address=True)
        self._server = asyncio.run_coroutine_threadsafe(coro, loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self):
        loop = _Loop.get()

        async def close():
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), loop).result(10)

    @property
    def messages(self):
        return self.recorder.messages

    @property
    def auth_attempts(self):
        return self.recorder.auth_attempts


def main():
    """smtp_server.py MODE DIRECTORY USER PASSWORD: serves until stdin closes.

    Writes a certificate into DIRECTORY, prints "READY PORT CERT", and each
    message to DIRECTORY/received/NNN.eml."""
    import sys
    import logging
    import warnings

    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    mode, directory, user, password = sys.argv[1:5]
    cert, key = make_certificate(directory, "server")
    server = Server(mode, cert, key, user, password, os.path.join(directory, "received"))
    print("READY", server.port, cert, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
