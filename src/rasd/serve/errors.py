"""One error shape for every API error: {"error": {"status", "code", "message", "parameter"}}.

FastAPI's own validation errors, Starlette's 404/405 and any unexpected exception are all turned into this
shape, so a client has one thing to parse; a 500 says only that something failed, never how (no traceback).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("rasd.serve")

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
}


@dataclass(frozen=True)
class ErrorInfo:
    """What went wrong, as the client sees it."""

    status: int
    code: str
    message: str
    parameter: str | None = None

    def body(self) -> dict[str, Any]:
        return {"error": asdict(self)}


class ApiError(Exception):
    """Raised by a route for a client error; the handler turns it into the error shape."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.info = ErrorInfo(status, code, message, parameter)


def bad_parameter(parameter: str, message: str) -> ApiError:
    return ApiError(422, "invalid_parameter", message, parameter)


def not_found(what: str, key: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} {key!r}", None)


def from_validation(exc: RequestValidationError) -> ErrorInfo:
    """The first problem FastAPI found, naming the parameter and the value it got."""
    errors = list(exc.errors())
    if not errors:
        return ErrorInfo(422, "invalid_parameter", "invalid request")
    first = errors[0]
    loc = [str(x) for x in first.get("loc", ())]
    parameter = loc[-1] if len(loc) > 1 else (loc[0] if loc else None)
    got = first.get("input")
    shown = repr(got) if isinstance(got, str | int | float) else "the value given"
    if first.get("type") == "missing":
        shown = "nothing"
    message = f"{parameter}: {first.get('msg', 'invalid value')} (got {shown[:200]})"
    return ErrorInfo(422, "invalid_parameter", message, parameter)


def from_http(exc: StarletteHTTPException) -> ErrorInfo:
    code = CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return ErrorInfo(exc.status_code, code, detail)


def from_exception(exc: BaseException) -> ErrorInfo:
    if isinstance(exc, ApiError):
        return exc.info
    if isinstance(exc, RequestValidationError):
        return from_validation(exc)
    if isinstance(exc, StarletteHTTPException):
        return from_http(exc)
    log.error("unexpected error", exc_info=exc)
    return ErrorInfo(500, "internal_error", "internal server error: the failure was logged on the server")
