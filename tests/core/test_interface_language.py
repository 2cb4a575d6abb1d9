"""Must show 4: the interface speaks the reader's language on every page a role reaches (no raw
choice code where its label belongs, no English word or Russian phrase on a Kazakh page, no
Cyrillic in the English interface's own words: headers, buttons, menus, terms), and the Kazakh
admin site asks for no message Kazakh lacks. Data (names of people, courses, agencies) is in
its own language: the templates mark it translate="no", as HTML does for text a translator must
leave alone, and it is not checked."""

import re
from urllib.parse import urlparse

import polib
import pytest
from django.apps import apps
from django.conf import settings
from lxml import html as lxml_html

from eacademy.core.roles import Role
from tests.core.test_health_and_i18n import LOCALE

pytestmark = pytest.mark.django_db

# The interface's own words: headers, labels, buttons, legends, menus, terms, captions.
INTERFACE = "//thead//th | //label | //button | //legend | //summary | //dt | //nav//a | //caption | //h2"
# In English, where content without an English text (a name, an exercise) may fill a label or a
# heading, the words that are only ever the interface's.
ENGLISH_INTERFACE = "//thead//th | //button | //summary | //dt | //nav//a | //caption"
# Words that are the same in every language: names of formats, products and standards.
LATIN_ALLOWED = {"English", "E-Academy", "PDF", "Excel", "GIFT", "Moodle", "XML", "KK", "RU", "EN", "ID", "URL", "API", "TOTP", "UTC", "CSV", "XLSX", "HTML",
                 "IIN", "Markdown", "ICS", "iCalendar", "QR", "GPA", "ECTS", "Kirkpatrick", "DOI", "ORCID", "Hub", "OK", "PhD", "BigBlueButton", "Jitsi", "Meet", "Zoom", "SCORM", "xAPI", "DOCX", "ODT", "PNG", "JPEG", "Word", "OpenDocument", "zip", "imsmanifest"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
LANGUAGE_NAMES = {name for _code, name in settings.LANGUAGES}  # each language named in itself
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
SKIP = (".pdf", "/pdf", ".xlsx", ".ics", "/calendar/", "/logout/", "/api/", "/admin/", "format=", "/export/", "/sheet.", "/protocol.", "/transcripts/",
        "/template.", "/files/", "/verify/", "/history/", "/delete/")


def _choice_codes() -> set[str]:
    codes = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and len(value) >= 4 and str(label) != value:
                    codes.add(value)
    return codes


def _russian_phrases() -> set[str]:
    russian = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / "django.po")) if e.msgstr}
    kazakh = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "kk" / "LC_MESSAGES" / "django.po")) if e.msgstr}
    return {text for msgid, text in russian.items() if len(text) >= 5 and kazakh.get(msgid) != text}


def _findings(content: str, language: str, codes: set[str], russian: set[str]) -> list[str]:
    tree = lxml_html.fromstring(content)
    for hidden in tree.xpath("//script | //style | //select | //*[@translate='no']"):  # data: names, the choices of a list
        hidden.drop_tree()
    found = []
    for element in tree.xpath(ENGLISH_INTERFACE if language == "en" else INTERFACE):
        text = " ".join(element.text_content().split())
        if not text or text in LANGUAGE_NAMES:
            continue
        if language == "en" and CYRILLIC.search(text):
            found.append(f"Cyrillic in the English interface: {text!r}")
        if language in ("kk", "ru") and any(word not in LATIN_ALLOWED for word in LATIN_WORD.findall(text)):
            found.append(f"English in the {language} interface: {text!r}")
        if language == "kk" and text.rstrip(":*").strip() in russian:
            found.append(f"Russian in the Kazakh interface: {text!r}")
    for element in tree.xpath("//main//td | //main//dd | //main//li"):
        text = " ".join(element.text_content().split())
        if language != "en" and text in codes:  # in English a code may be its own label's word
            found.append(f"a raw code where its label belongs: {text!r}")
    return found


def _links(content: str) -> list[str]:
    links = []
    for href in lxml_html.fromstring(content).xpath("//header//nav//a/@href | //main//a/@href"):
        parsed = urlparse(href)
        if not parsed.netloc and href.startswith("/") and not any(mark in href for mark in SKIP):
            links.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return links


def _walk(client, start: str, limit: int, language: str) -> dict[str, list[str]]:
    codes, russian = _choice_codes(), _russian_phrases()
    client.cookies["django_language"] = language
    queue, seen, problems = [start], set(), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, headers={"accept-language": language})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        content = response.content.decode()
        assert f'lang="{language}"' in content[:300], path
        found = _findings(content, language, codes, russian)
        if found:
            problems[path] = sorted(set(found))
        queue += [link for link in _links(content) if link not in seen]
    return problems


@pytest.mark.parametrize("role", [Role.LISTENER, Role.LECTURER, Role.METHODOLOGIST, Role.AGENCY_COORDINATOR, Role.DORMITORY_OFFICER, Role.EXPERT])
@pytest.mark.parametrize("language", ["kk", "en"])
def test_every_page_speaks_the_reader_s_language(client_as, persona, role, language):
    user = persona(role)
    user.language = language
    user.save(update_fields=["language"])
    problems = _walk(client_as(role), "/", 40, language)
    assert not problems, "\n".join(f"{path}: {'; '.join(found)}" for path, found in problems.items())


def test_the_kazakh_admin_site_asks_for_no_string_kazakh_lacks(client_as, persona, monkeypatch):
    """Every message the admin site's pages ask for in Kazakh has a Kazakh translation, ours or
    the frameworks' (Django's own kk catalogs are incomplete: without one, Django falls back to
    Russian, the default language, or shows the English source)."""
    from django.utils.translation import trans_real

    missing: set[str] = set()
    asked = trans_real.DjangoTranslation.gettext

    def gettext(self, message: str) -> str:
        if self.language() == "kk" and LATIN_WORD.search(message) and self._catalog.get(message) is None:
            missing.add(message)
        return asked(self, message)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
    admin = persona(Role.ADMINISTRATOR)
    admin.language = "kk"
    admin.save(update_fields=["language"])
    client = client_as(Role.ADMINISTRATOR)
    queue, seen = ["/admin/"], set()
    while queue and len(seen) < 100:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            tree = lxml_html.fromstring(response.content.decode())
            queue += [href for href in tree.xpath("//div[@id='content']//a/@href | //nav//a/@href")
                      if href.startswith("/admin/") and not any(mark in href for mark in ("/delete/", "/logout/", "/history/", "?o=")) and href.count("/") <= 5]
    assert len(seen) > 40 and not missing, sorted(missing)
