"""The engine stops in the middle of the suite; the portal keeps answering.

Run by ``make test`` in a pass of its own (marker ``engine_outage``), because it
really stops the shared OpenSearch node (``search/dev_node/stop.sh --keep-data``)
and starts it again on the same port with its data, as a restarted production
node would come back with its volume.
"""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from wagtail.search.backends import get_search_backend

from search import outbox
from search.node import detect
from search.services import search
from tests.conftest import _require
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.engine_outage, pytest.mark.engine, pytest.mark.django_db]

ENGINE = Path(__file__).resolve().parents[2] / "search" / "dev_node"


def _engine(*command: str, **env: str) -> None:
    subprocess.run(
        ["bash", str(ENGINE / command[0]), *command[1:]],
        check=True,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.fixture
def restartable_engine(settings):
    _require(
        os.environ.get("PORTAL_ENGINE_RESTARTABLE") == "1",
        "A search engine this test may stop (PORTAL_ENGINE_RESTARTABLE=1, "
        "set by scripts/test.sh)",
    )
    port = str(urlparse(settings.SEARCH_URL).port)
    yield port
    # Whatever happened, leave the node running for the rest of the suite.
    if detect(fresh=True) is None:
        _engine("start.sh", port, OPENSEARCH_KEEP_DATA="1")


def test_searches_survive_an_engine_outage(
    client, restartable_engine, indexed_demo_everything
):
    from directory.models import Organisation

    assert detect(fresh=True) is not None
    assert search("cpas schaerbeek", language="fr").backend == "engine"

    _engine("stop.sh", "--keep-data")
    assert detect(fresh=True) is None

    # Searches still answer, from the database, with a discreet notice.
    outcome = search("ocmw schaarbeek", language="nl")
    assert (outcome.backend, outcome.degraded) == ("database", True)
    assert outcome.results[0].obj.external_id.startswith("cpas-schaerbeek")
    page = client.get("/fr/recherche/?q=cpas+schaerbeek")
    assert page.status_code == 200
    assert 'class="notice"' in page.content.decode()
    api = client.get("/api/v1/search?q=cpas&lang=fr")
    assert api.status_code == 200
    assert api.json()["degraded"] is True
    health = client.get("/healthz").json()
    assert health["search"]["answering"] == "database"

    # An organisation saved meanwhile: in the database backend at once, waiting
    # in the outbox for the engine.
    organisation = OrganisationFactory(
        name_fr="Maison d'accueil Zéphyrine", name_nl="Onthaalhuis Zephyrine"
    )
    assert search("zephyrine", language="fr").results[0].obj == organisation
    assert outbox.pending() >= 1
    assert outbox.replay() == (0, 1)  # still down: kept for later

    _engine("start.sh", restartable_engine, OPENSEARCH_KEEP_DATA="1")
    # Seeing the engine back replays the outbox (ImmediateBackend in tests).
    assert detect(fresh=True) is not None
    assert outbox.pending() == 0
    get_search_backend("default").get_index_for_model(Organisation).refresh()
    outcome = search("zephyrine", language="nl")
    assert (outcome.backend, outcome.degraded) == ("engine", False)
    assert [r.obj for r in outcome.results][:1] == [organisation]
    assert client.get("/healthz").json()["search"]["answering"] == "opensearch"
