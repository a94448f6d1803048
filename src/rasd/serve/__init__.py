"""`rasd serve`: the HTTP API (/api, OpenAPI at /api/openapi.json) and the web dashboard (/) on one port.

The web stack (FastAPI, Starlette, Jinja) is imported only when the app is built, so every other command of the
CLI starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasd.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from rasd.serve.app import create_app

        return create_app
    raise AttributeError(f"module 'rasd.serve' has no attribute {name!r}")
