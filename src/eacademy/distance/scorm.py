"""Reading a SCORM package ourselves: its zip checked member by member (no path leaves the
package, the unpacked size within a budget), `imsmanifest.xml` parsed without entities or
network, the version, the launch file of the default organisation's first item, its mastery
score; and the score and status a run committed, in percent. Why by hand: no maintained Python
library reads SCORM manifests (the registry has a few abandoned ones), and the rules we need
are short (SCORM 1.2 CAM §2.3, SCORM 2004 4th ed. CAM §3.4)."""

import posixpath
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from eacademy.core.errors import DomainError
from eacademy.core.uploads import unpack_zip

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass(frozen=True)
class Manifest:
    version: str  # "1.2" or "2004"
    title: str
    launch: str  # the launch file's path inside the package (with its query, if any)
    mastery: Decimal | None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _text(element: etree._Element | None, name: str) -> str:
    found = _children(element, name) if element is not None else []
    return (found[0].text or "").strip() if found else ""


def safe_path(name: str) -> str:
    """A member's path inside the package, or a refusal when it would leave it."""
    normal = posixpath.normpath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or normal.startswith("..") or ":" in normal.split("/")[0]:
        raise DomainError(_("The package holds a file outside itself (%(name)s): it is refused.") % {"name": name[:100]})
    return normal


def members(data: bytes, budget: int) -> dict[str, bytes]:
    """Every file of the package by its path, unpacked within `budget` bytes."""
    files = unpack_zip(data, budget=budget,
                       too_big=DomainError(_("The package unpacks to more than %(limit)s MB.") % {"limit": budget // (1024 * 1024)}),
                       not_a_zip=DomainError(_("The file is not a SCORM package (a zip with imsmanifest.xml).")))
    return {safe_path(name): content for name, content in files.items()}


def manifest(files: dict[str, bytes]) -> Manifest:
    """What the package's manifest says, or a refusal naming what is missing."""
    if "imsmanifest.xml" not in files:
        raise DomainError(_("The package has no imsmanifest.xml at its root."))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(files["imsmanifest.xml"], parser)
    except etree.XMLSyntaxError:
        raise DomainError(_("The package's imsmanifest.xml is not well-formed XML.")) from None
    if _local(root) != "manifest":
        raise DomainError(_("The package's imsmanifest.xml is not a manifest."))
    schema = _text(_children(root, "metadata")[0] if _children(root, "metadata") else None, "schemaversion")
    namespaces = " ".join(str(ns) for ns in root.nsmap.values())
    if schema == "1.2" or (not schema and "adlcp_rootv1p2" in namespaces):
        version = "1.2"
    elif schema.startswith(("2004", "CAM 1.3")) or (not schema and "adlcp_v1p3" in namespaces):
        version = "2004"
    else:
        raise DomainError(_("The package is of SCORM version “%(version)s”: SCORM 1.2 and 2004 are played.") % {"version": schema[:40]})
    organisations = _children(root, "organizations")
    orgs = _children(organisations[0], "organization") if organisations else []
    default = organisations[0].get("default") if organisations else None
    organisation = next((o for o in orgs if o.get("identifier") == default), orgs[0] if orgs else None)
    item = next((i for i in organisation.iter() if _local(i) == "item" and i.get("identifierref")), None) if organisation is not None else None
    if item is None:
        raise DomainError(_("The package's manifest names no item to launch."))
    resources = _children(root, "resources")
    resource = next((r for r in (_children(resources[0], "resource") if resources else []) if r.get("identifier") == item.get("identifierref")), None)
    if resource is None or not resource.get("href"):
        raise DomainError(_("The package's manifest names no launch file for its first item."))
    base = "".join(e.get(XML_BASE, "") for e in (root, resources[0], resource))
    href = resource.get("href", "") + (item.get("parameters") or "")
    launch = safe_path(posixpath.join(base, href.split("?")[0])) + (("?" + href.split("?", 1)[1]) if "?" in href else "")
    if launch.split("?")[0] not in files:
        raise DomainError(_("The launch file %(name)s is not in the package.") % {"name": launch[:100]})
    mastery = _text(item, "masteryscore")
    try:
        mastery_score = Decimal(mastery) if mastery else None
    except InvalidOperation:
        mastery_score = None
    title = _text(organisation, "title") or _text(item, "title") or "SCORM"
    return Manifest(version, title[:300], launch, mastery_score)


def _number(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True)
class Result:
    status: str
    score: Decimal | None  # percent, 0–100
    passed: bool
    finished: bool  # completed, passed or failed: the score counts


def _part(cmi: dict[str, object], name: str) -> dict[str, object]:
    value = cmi.get(name)
    return value if isinstance(value, dict) else {}


def result(version: str, cmi: dict[str, object]) -> Result:
    """The status and the score in percent a run committed (SCORM 1.2 `cmi.core`, 2004 `cmi`)."""
    percent: Decimal | None
    if version == "1.2":
        core = _part(cmi, "core")
        status = str(core.get("lesson_status") or "")
        score = _part(core, "score")
        raw, low, high = _number(score.get("raw")), _number(score.get("min")) or Decimal(0), _number(score.get("max")) or Decimal(100)
        percent = (raw - low) * 100 / (high - low) if raw is not None and high > low else None
        passed, finished = status == "passed", status in ("passed", "failed", "completed")
    else:
        completion, success = str(cmi.get("completion_status") or ""), str(cmi.get("success_status") or "")
        status = success if success in ("passed", "failed") else completion
        score = _part(cmi, "score")
        scaled, points, maximum = _number(score.get("scaled")), _number(score.get("raw")), _number(score.get("max"))
        percent = scaled * 100 if scaled is not None else (points * 100 / maximum if points is not None and maximum else points)
        passed, finished = success == "passed", success in ("passed", "failed") or completion == "completed"
    if percent is not None:
        percent = min(max(percent, Decimal(0)), Decimal(100)).quantize(Decimal("0.01"))
    return Result(status[:20], percent, passed, finished)
