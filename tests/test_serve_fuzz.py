"""Schema-driven fuzzing of the API (schemathesis) on a live loopback server: no input makes a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed (pip install schemathesis): API fuzzing skipped"
)
from hypothesis import HealthCheck, given, settings  # noqa: E402 - schemathesis brings hypothesis; only after the skip
from schemathesis.checks import not_a_server_error  # noqa: E402

from rasd.model import Document  # noqa: E402
from rasd.pipeline import extract  # noqa: E402
from rasd.serve.live import LiveServer  # noqa: E402
from rasd.store import open_store  # noqa: E402

ARTICLES = [
    Document(
        id="fz-1",
        outlet="وكالة الفرات",
        published="2022-08-03T08:00:00+03:00",
        text="قُتل أربعة مدنيين، مساء أمس، بقصف مدفعي استهدف بلدة الحويجة في ريف دير الزور الشرقي.",
    ),
    Document(
        id="fz-2",
        outlet="موقع الجزيرة السورية",
        published="2022-08-04T10:00:00+03:00",
        text="شنت طائرة مسيرة تركية غارة على سيارة قرب مدينة القامشلي في ريف الحسكة، ما أدى إلى مقتل عنصرين "
        "من قوات سوريا الديمقراطية.",
    ),
]
EXAMPLES = 25  # per operation: enough to hit every parameter with odd values, a few seconds in all


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite'}"
    store = open_store(url)
    for doc in ARTICLES:
        store.add(doc, extract(doc))
    store.close()
    with LiveServer(url) as live:
        yield live


OPERATIONS = [
    "/api/health",
    "/api/events",
    "/api/events/{event_id}",
    "/api/documents/{doc_id}",
    "/api/export.csv",
    "/api/export.geojson",
    "/api/stats",
]


@pytest.fixture(scope="module")
def api_schema(server: LiveServer) -> Any:
    return schemathesis.openapi.from_url(server.url + "/api/openapi.json")


def test_every_operation_is_fuzzed(api_schema: Any) -> None:
    assert sorted(r.ok().path for r in api_schema.get_all_operations()) == sorted(OPERATIONS)


# schemathesis' pytest plugin (from_fixture) breaks on pytest 9, so each operation's strategy is run with hypothesis.
@pytest.mark.parametrize("path", OPERATIONS)
def test_no_input_makes_a_server_error(api_schema: Any, server: LiveServer, path: str) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same examples on every run: a failure here is reproducible
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def call(case: Any) -> None:
        case.call_and_validate(base_url=server.url, checks=[not_a_server_error], timeout=10)

    call()
