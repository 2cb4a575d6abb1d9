"""The repository's OAI-PMH 2.0 endpoint (openarchives.org/OAI/openarchivesprotocol.html):
Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords and GetRecord, in
Dublin Core (oai_dc) with an element per language, sets by kind of work, and resumption tokens.

Only open works are harvested: the Academy's and those for official use never leave it.
Resumption tokens carry the request and the last identifier seen, signed (a harvester cannot
forge one), so a harvest pages through a stable order however long it takes. Written by hand:
the Django packages for it want their own models, and the protocol is a page of XML."""

import datetime

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from eacademy.library.models import Metadata, Work, WorkFile

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PAGE = 100
_ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
_RIGHTS = "info:eu-repo/semantics/openAccess"


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _identifier(work: Work) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{work.handle}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _harvestable() -> QuerySet[Work]:
    return Work.objects.filter(access=Work.Access.OPEN).prefetch_related(
        Prefetch("metadata", queryset=Metadata.objects.order_by("language")), Prefetch("files", queryset=WorkFile.objects.only("work_id", "content_type")))


def _parse_date(value: str, *, end: bool) -> datetime.datetime:
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min, tzinfo=datetime.UTC)
        else:
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            if end:
                moment = moment.replace(microsecond=999999)
    except ValueError as exc:
        raise OaiError("badArgument", f"'{value}' is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _header(parent: etree._Element, work: Work) -> None:
    header = _sub(parent, f"{{{OAI}}}header")
    _sub(header, f"{{{OAI}}}identifier", _identifier(work))
    _sub(header, f"{{{OAI}}}datestamp", _stamp(work.modified_at))
    _sub(header, f"{{{OAI}}}setSpec", f"type:{work.kind}")


def _dublin_core(parent: etree._Element, work: Work, request: HttpRequest) -> None:
    metadata = _sub(parent, f"{{{OAI}}}metadata")
    dc = etree.SubElement(metadata, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    rows = list(work.metadata.all())
    for row in rows:
        _sub(dc, f"{{{DC}}}title", row.title, **{XML_LANG: row.language})
    for creator in dict.fromkeys(c.strip() for row in rows for c in row.creators.split(";") if c.strip()):
        _sub(dc, f"{{{DC}}}creator", creator)
    for row in rows:
        for subject in (s.strip() for s in row.subjects.split(";")):
            if subject:
                _sub(dc, f"{{{DC}}}subject", subject, **{XML_LANG: row.language})
        if row.description:
            _sub(dc, f"{{{DC}}}description", row.description, **{XML_LANG: row.language})
        if row.publisher:
            _sub(dc, f"{{{DC}}}publisher", row.publisher, **{XML_LANG: row.language})
    _sub(dc, f"{{{DC}}}date", str(work.year))
    _sub(dc, f"{{{DC}}}type", work.kind)
    for media_type in sorted({f.content_type for f in work.files.all()}):
        _sub(dc, f"{{{DC}}}format", media_type)
    _sub(dc, f"{{{DC}}}identifier", request.build_absolute_uri(reverse("library:work", args=[work.pk])))
    for row in rows:
        _sub(dc, f"{{{DC}}}language", row.language)
    _sub(dc, f"{{{DC}}}rights", _RIGHTS)


def _list(root: etree._Element, request: HttpRequest, verb: str, arguments: dict[str, str]) -> None:
    if "resumptionToken" in arguments:
        if set(arguments) != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        try:
            state = signing.loads(arguments["resumptionToken"], salt="library.oai", max_age=7 * 24 * 3600)
        except signing.BadSignature as exc:
            raise OaiError("badResumptionToken", "The resumption token is invalid or has expired.") from exc
    else:
        state = {"prefix": arguments["metadataPrefix"], "set": arguments.get("set", ""), "from": arguments.get("from", ""),
                 "until": arguments.get("until", ""), "after": 0, "cursor": 0}
    if state["prefix"] != "oai_dc":
        raise OaiError("cannotDisseminateFormat", f"'{state['prefix']}' is not a format of this repository: use oai_dc.")
    works = _harvestable()
    if state["from"] and state["until"] and len(state["from"]) != len(state["until"]):
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if state["from"]:
        works = works.filter(modified_at__gte=_parse_date(state["from"], end=False))
    if state["until"]:
        works = works.filter(modified_at__lte=_parse_date(state["until"], end=True))
    if state["set"]:
        kind = state["set"].removeprefix("type:")
        if not state["set"].startswith("type:") or kind not in Work.Kind.values:
            raise OaiError("noRecordsMatch", f"No set '{state['set']}'.")
        works = works.filter(kind=kind)
    total = works.count()
    page = list(works.filter(pk__gt=state["after"]).order_by("pk")[:PAGE])
    if not page:
        raise OaiError("noRecordsMatch", "No record matches the request.")
    listing = _sub(root, f"{{{OAI}}}{verb}")
    for work in page:
        if verb == "ListIdentifiers":
            _header(listing, work)
        else:
            record = _sub(listing, f"{{{OAI}}}record")
            _header(record, work)
            _dublin_core(record, work, request)
    cursor = state["cursor"] + len(page)
    more = cursor < total and works.filter(pk__gt=page[-1].pk).exists()
    if more or state["cursor"]:
        token = signing.dumps({**state, "after": page[-1].pk, "cursor": cursor}, salt="library.oai") if more else ""
        _sub(listing, f"{{{OAI}}}resumptionToken", token, completeListSize=str(total), cursor=str(state["cursor"]))


def _work_by_identifier(identifier: str) -> Work:
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:"
    handle = identifier.removeprefix(prefix)
    try:
        work = _harvestable().filter(handle=handle).first() if identifier.startswith(prefix) else None
    except Exception:  # a malformed UUID  # noqa: BLE001
        work = None
    if work is None:
        raise OaiError("idDoesNotExist", f"No record '{identifier}' in this repository.")
    return work


def _answer(root: etree._Element, request: HttpRequest, verb: str, arguments: dict[str, str]) -> None:
    if verb == "Identify":
        identify = _sub(root, f"{{{OAI}}}Identify")
        _sub(identify, f"{{{OAI}}}repositoryName", settings.OAI_REPOSITORY_NAME)
        _sub(identify, f"{{{OAI}}}baseURL", request.build_absolute_uri(reverse("library:oai")))
        _sub(identify, f"{{{OAI}}}protocolVersion", "2.0")
        _sub(identify, f"{{{OAI}}}adminEmail", settings.OAI_ADMIN_EMAIL)
        first = Work.objects.filter(access=Work.Access.OPEN).order_by("modified_at").values_list("modified_at", flat=True).first()
        _sub(identify, f"{{{OAI}}}earliestDatestamp", _stamp(first or timezone.now()))
        _sub(identify, f"{{{OAI}}}deletedRecord", "no")
        _sub(identify, f"{{{OAI}}}granularity", "YYYY-MM-DDThh:mm:ssZ")
    elif verb == "ListMetadataFormats":
        if "identifier" in arguments:
            _work_by_identifier(arguments["identifier"])
        formats = _sub(root, f"{{{OAI}}}ListMetadataFormats")
        fmt = _sub(formats, f"{{{OAI}}}metadataFormat")
        _sub(fmt, f"{{{OAI}}}metadataPrefix", "oai_dc")
        _sub(fmt, f"{{{OAI}}}schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        _sub(fmt, f"{{{OAI}}}metadataNamespace", OAI_DC)
    elif verb == "ListSets":
        if "resumptionToken" in arguments:
            raise OaiError("badResumptionToken", "The list of sets is complete in one answer.")
        sets = _sub(root, f"{{{OAI}}}ListSets")
        for kind, label in Work.Kind.choices:
            one = _sub(sets, f"{{{OAI}}}set")
            _sub(one, f"{{{OAI}}}setSpec", f"type:{kind}")
            _sub(one, f"{{{OAI}}}setName", str(label))
    elif verb == "GetRecord":
        if arguments["metadataPrefix"] != "oai_dc":
            raise OaiError("cannotDisseminateFormat", f"'{arguments['metadataPrefix']}' is not a format of this repository: use oai_dc.")
        work = _work_by_identifier(arguments["identifier"])
        record = _sub(_sub(root, f"{{{OAI}}}GetRecord"), f"{{{OAI}}}record")
        _header(record, work)
        _dublin_core(record, work, request)
    else:
        _list(root, request, verb, arguments)


def respond(request: HttpRequest) -> HttpResponse:
    query = request.POST if request.method == "POST" else request.GET
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    _sub(root, f"{{{OAI}}}responseDate", _stamp(timezone.now()))
    verb = query.get("verb", "")
    request_element = _sub(root, f"{{{OAI}}}request", request.build_absolute_uri(reverse("library:oai")))
    try:
        if verb not in _ARGUMENTS or len(query.getlist("verb")) > 1:
            raise OaiError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
        arguments = {key: query[key] for key in query if key != "verb"}
        required, optional = _ARGUMENTS[verb]
        if any(len(query.getlist(key)) > 1 for key in arguments):
            raise OaiError("badArgument", "An argument is repeated.")
        if set(arguments) - required - optional:
            raise OaiError("badArgument", f"Unknown arguments: {', '.join(sorted(set(arguments) - required - optional))}.")
        if "resumptionToken" not in arguments and required - set(arguments):
            raise OaiError("badArgument", f"Missing arguments: {', '.join(sorted(required - set(arguments)))}.")
        request_element.set("verb", verb)
        for key, value in arguments.items():
            request_element.set(key, value)
        _answer(root, request, verb, arguments)
    except OaiError as error:
        _sub(root, f"{{{OAI}}}error", error.message, code=error.code)
    return HttpResponse(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), content_type="text/xml; charset=utf-8")
