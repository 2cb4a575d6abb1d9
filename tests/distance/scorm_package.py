"""SCORM packages built by the tests (no third-party package is shipped): a SCORM 1.2 one whose
page finds the LMS's API in its parent, starts, scores itself and finishes, and a 2004 one."""

import io
import zipfile

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="eacademy-test-12" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1"><title>Самопроверка: меры пресечения</title>
      <item identifier="i1" identifierref="r1"><title>Тест</title><adlcp:masteryscore>60</adlcp:masteryscore></item>
    </organization>
  </organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="eacademy-test-2004" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Курс 2004</title><item identifier="i" identifierref="r"><title>Урок</title></item></organization></organizations>
  <resources xml:base="content/"><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="start.html"/></resources>
</manifest>"""


def page_12(score: int = 85) -> str:
    """The SCO: scores itself `score` and says so in the page, as a real one reports a quiz."""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Тест</title></head><body><p id="state">…</p>
<script>
  var api = null, w = window;
  while (w && !api) {{ api = w.API || null; w = w === w.parent ? null : w.parent; }}
  api.LMSInitialize("");
  api.LMSSetValue("cmi.core.score.raw", "{score}");
  api.LMSSetValue("cmi.core.lesson_status", "{"passed" if score >= 60 else "failed"}");
  api.LMSCommit("");
  api.LMSFinish("");
  document.getElementById("state").textContent = "Готово: {score}";
</script></body></html>"""


def package(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def scorm_12(score: int = 85) -> bytes:
    return package({"imsmanifest.xml": MANIFEST_12, "index.html": page_12(score)})


def scorm_2004() -> bytes:
    return package({"imsmanifest.xml": MANIFEST_2004, "content/start.html": "<!doctype html><p>2004</p>"})
