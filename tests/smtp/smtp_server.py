"""A real SMTP server for Omnia's tests and email benchmark (Debian's python3-aiosmtpd).

    python3 smtp_server.py --port PORT [--dir DIR] [--user U --password P]

Prints "ready PORT" once it listens on 127.0.0.1. With --dir, each accepted message is written to DIR as
NNNNNN.eml (written to a temporary name first, then renamed, so a reader never sees half a message); without it,
messages are only counted. DIR/ehlo.count holds how many sessions said EHLO (one per connection). Recipients at the domain bounce.test are refused with 550 (a hard bounce), those at
defer.test with 451 (a temporary failure). With --user, clients must authenticate (AUTH PLAIN) first.
Stops on SIGTERM or when its standard input closes.
"""
import argparse
import asyncio
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.ehlos = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.ehlos += 1
        if self.directory:
            with open(os.path.join(self.directory, "ehlo.count"), "w") as f:
                f.write(str(self.ehlos))
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rsplit("@", 1)[-1].lower()
        if domain == "bounce.test":
            return "550 5.1.1 <%s>: no such user" % address
        if domain == "defer.test":
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.directory:
            name = os.path.join(self.directory, "%06d.eml" % self.count)
            with open(name + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            os.replace(name + ".tmp", name)
        return "250 2.0.0 Ok: queued as %d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    handler = Handler(args.dir)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == args.user.encode() and auth_data.password == args.password.encode()
        return AuthResult(success=ok)

    def factory():
        if args.user:
            return SMTP(handler, authenticator=authenticate, auth_required=True, auth_require_tls=False, auth_exclude_mechanism=["LOGIN"],
                        data_size_limit=50 * 1024 * 1024, enable_SMTPUTF8=True)
        return SMTP(handler, data_size_limit=50 * 1024 * 1024, enable_SMTPUTF8=True)

    async def run():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, host="127.0.0.1", port=args.port)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.buffer.read1(1024) else None)
        print("ready %d" % args.port, flush=True)
        await stop.wait()
        server.close()
        print("received %d" % handler.count, flush=True)

    asyncio.run(run())


if __name__ == "__main__":
    main()
