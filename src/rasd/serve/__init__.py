"""`rasd serve`: the HTTP API (/api, OpenAPI at /api/openapi.json) and the web dashboard (/) on one port."""

from rasd.serve.app import create_app

__all__ = ["create_app"]
