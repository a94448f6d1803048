"""The ASGI application: the JSON API under /api, the dashboard at /, static assets at /static.

Everything the browser needs (Leaflet, markercluster, the base map) is served from the package itself, so the
dashboard works with no internet access; an online tile layer is added only when one is configured.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd.serve.api import JSON, app_version
from rasd.serve.api import router as api_router
from rasd.serve.defaults import DEFAULT_THREADS
from rasd.serve.errors import ApiError, from_exception
from rasd.serve.pages import error_page
from rasd.serve.pages import router as pages_router
from rasd.serve.pool import StorePool


async def handle_error(request: Request, exc: Exception) -> Response:
    """Every error, in one shape: JSON under /api (and for non-HTML clients), a page for a browser."""
    info = from_exception(exc)
    wants_html = "text/html" in request.headers.get("accept", "")
    if request.url.path.startswith("/api") or not wants_html:
        return JSON(info.body(), status_code=info.status)
    try:
        return error_page(request, info)
    except Exception:  # noqa: BLE001 - the error page itself failed (e.g. the store is down): fall back to JSON
        return JSONResponse(info.body(), status_code=info.status)


def create_app(db_url: str | None = None, tiles: str | None = None, threads: int = DEFAULT_THREADS) -> FastAPI:
    """The rasd web application over the store at `db_url` (None: $RASD_DB or the default SQLite file)."""
    pool = StorePool(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Routes run in anyio's thread pool (40 threads by default). A request spends little time outside Python's
        # lock, so 20 threads at once each wait for the lock at every row they read: fewer threads, less waiting.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        pool.close()

    app = FastAPI(
        title="rasd API",
        version=app_version(),
        description="Conflict events extracted from Arabic news (Syria, Iraq), with their sources and evidence.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load its assets from a CDN; the schema is at /api/openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.tiles = tiles or None
    for kind in (ApiError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle_error)
    app.include_router(api_router)
    app.include_router(pages_router)
    static = resources.files("rasd.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


CONFIG_ENV = "RASD_SERVE_CONFIG"


def app_from_env() -> FastAPI:
    """The app of a worker process (`rasd serve --workers N`): its settings come as JSON in $RASD_SERVE_CONFIG."""
    config = json.loads(os.environ.get(CONFIG_ENV) or "{}")
    return create_app(config.get("db"), tiles=config.get("tiles"), threads=config.get("threads", DEFAULT_THREADS))
