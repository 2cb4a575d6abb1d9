"""The repository's OAI-PMH endpoint, harvested by a real harvester (oaipmh-scythe, over WSGI
into this test's database): every open work of the demo repository, none of the others, across
resumption tokens; and the protocol's errors."""

import httpx2
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from lxml import etree
from oaipmh_scythe import Scythe

from eacademy.library import oai
from eacademy.library.models import Work

pytestmark = pytest.mark.django_db
ENDPOINT = "http://testserver/library/oai/"
NS = {"oai": oai.OAI, "dc": oai.DC, "oai_dc": oai.OAI_DC}


@pytest.fixture
def harvester():
    """The harvester talks to the application itself, not a network; the request's end keeps the
    test's database connection (and its transaction) open, as Django's test client does."""
    scythe = Scythe(ENDPOINT)
    scythe._client = httpx2.Client(transport=httpx2.WSGITransport(app=WSGIHandler()))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield scythe
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    scythe.close()


def _identifier(work: Work) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{work.handle}"


def test_harvest_returns_every_open_work_and_nothing_else(harvester, monkeypatch):
    monkeypatch.setattr(oai, "PAGE", 3)  # several pages, so the resumption tokens are followed
    open_works = Work.objects.filter(access=Work.Access.OPEN)
    assert open_works.count() > 3 and Work.objects.exclude(access=Work.Access.OPEN).exists()  # the demo has both
    records = list(harvester.list_records(metadata_prefix="oai_dc"))
    harvested = [r.header.identifier for r in records]
    assert sorted(harvested) == sorted(_identifier(w) for w in open_works)
    assert len(set(harvested)) == len(harvested)
    identifiers = [h.identifier for h in harvester.list_identifiers(metadata_prefix="oai_dc")]
    assert sorted(identifiers) == sorted(harvested)
    dissertation = next(r for r in records if r.metadata["type"] == ["dissertation"])
    assert dissertation.metadata["rights"] == ["info:eu-repo/semantics/openAccess"]
    assert "ru" in dissertation.metadata["language"]


def test_identify_formats_sets_and_get_record(harvester):
    identify = harvester.identify()
    assert identify.protocolVersion == "2.0" and identify.baseURL == ENDPOINT
    assert [f.metadataPrefix for f in harvester.list_metadata_formats()] == ["oai_dc"]
    assert "type:dissertation" in [s.setSpec for s in harvester.list_sets()]
    work = Work.objects.filter(access=Work.Access.OPEN).prefetch_related("metadata").first()
    record = harvester.get_record(identifier=_identifier(work))
    assert record.metadata["title"][0] in [m.title for m in work.metadata.all()]
    kinds = {r.metadata["type"][0] for r in harvester.list_records(metadata_prefix="oai_dc", set_="type:dissertation")}
    assert kinds == {"dissertation"}


def _error(client, **query) -> str:
    root = etree.fromstring(client.get("/library/oai/", query).content)
    return root.find("oai:error", NS).get("code")


def test_protocol_errors(client):
    restricted = Work.objects.exclude(access=Work.Access.OPEN).first()
    assert _error(client) == "badVerb"
    assert _error(client, verb="Dance") == "badVerb"
    assert _error(client, verb="ListRecords") == "badArgument"
    assert _error(client, verb="ListRecords", metadataPrefix="marc21") == "cannotDisseminateFormat"
    assert _error(client, verb="ListRecords", metadataPrefix="oai_dc", colour="red") == "badArgument"
    assert _error(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "yesterday"}) == "badArgument"
    assert _error(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2999-01-01"}) == "noRecordsMatch"
    assert _error(client, verb="ListRecords", resumptionToken="forged") == "badResumptionToken"
    assert _error(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=_identifier(restricted)) == "idDoesNotExist"
    assert _error(client, verb="GetRecord", metadataPrefix="oai_dc", identifier="oai:elsewhere:1") == "idDoesNotExist"
    posted = etree.fromstring(client.post("/library/oai/", {"verb": "Identify"}).content)
    assert posted.find("oai:Identify", NS) is not None
