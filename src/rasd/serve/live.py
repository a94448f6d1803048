"""A real server in a background thread on a free loopback port: for tests, the benchmark and notebooks.

The socket is bound here (port 0: the system picks a free one) and handed to uvicorn, so two runs never race
for a port; start and stop wait a bounded time and fail loudly instead of hanging.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from rasd.serve.app import create_app

START_SECONDS = 15.0


class LiveServerError(RuntimeError):
    """The server did not start (or stop) in time."""


class LiveServer:
    """`with LiveServer("sqlite:///path") as s: urlopen(s.url + "/api/health")`."""

    def __init__(self, db_url: str, tiles: str | None = None, host: str = "127.0.0.1") -> None:
        self.host = host
        self.app = create_app(db_url, tiles=tiles)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self.port = int(self._sock.getsockname()[1])
        config = uvicorn.Config(self.app, host=host, port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise LiveServerError(f"the server on {self.url} did not start within {START_SECONDS} s")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(START_SECONDS)
        self._sock.close()
        if self._thread.is_alive():
            raise LiveServerError(f"the server on {self.url} did not stop within {START_SECONDS} s")

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
