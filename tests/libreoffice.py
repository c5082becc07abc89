"""LibreOffice headless as a Word user's stand-in: open DOCX files, accept or reject all
tracked changes, save the text.

One ``soffice`` run handles a batch of files through a Basic macro installed into a
private user profile (``.uno:AcceptAllTrackedChanges`` / ``.uno:RejectAllTrackedChanges``,
the commands of Edit → Track Changes), so no Python-UNO bridge is needed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

_MODULE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub Export(jobs As String)
  Dim job, parts, doc As Object
  Dim props(0) As New com.sun.star.beans.PropertyValue
  Dim saveAs(1) As New com.sun.star.beans.PropertyValue
  props(0).Name = &quot;Hidden&quot; : props(0).Value = True
  saveAs(0).Name = &quot;FilterName&quot; : saveAs(0).Value = &quot;Text (encoded)&quot;
  saveAs(1).Name = &quot;FilterOptions&quot; : saveAs(1).Value = &quot;UTF8,LF&quot;
  Dim dispatcher As Object
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  For Each job In Split(jobs, &quot;|&quot;)
    parts = Split(job, &quot;;&quot;)
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(0)), &quot;_blank&quot;, 0, props())
    If parts(1) = &quot;accept&quot; Then
      dispatcher.executeDispatch(doc.CurrentController.Frame, _
        &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
    ElseIf parts(1) = &quot;reject&quot; Then
      dispatcher.executeDispatch(doc.CurrentController.Frame, _
        &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
    End If
    doc.storeToURL(ConvertToURL(parts(2)), saveAs())
    doc.close(True)
  Next
  StarDesktop.terminate()
End Sub
</script:module>
"""


def available() -> bool:
    """Whether LibreOffice (soffice) is installed."""
    return shutil.which("soffice") is not None


def _soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         "--nologo", "--norestore", *args],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


def texts(jobs: list[tuple[Path, str]], work: Path) -> list[str]:
    """The text of each DOCX after ``"accept"``-ing or ``"reject"``-ing all its tracked
    changes (anything else: as it opens), in one LibreOffice run."""
    profile = work / "lo-profile"
    if not (profile / "user" / "basic" / "Standard").is_dir():
        _soffice(profile, "--terminate_after_init")  # LibreOffice lays the profile out
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MODULE, "utf-8")
    outputs = [work / f"{n}-{path.stem}.{action}.txt" for n, (path, action) in enumerate(jobs)]
    for out in outputs:
        out.unlink(missing_ok=True)
    batch = "|".join(
        f"{path};{action};{out}" for (path, action), out in zip(jobs, outputs, strict=True)
    )
    _soffice(profile, f'macro:///Standard.Module1.Export("{batch}")')
    return [out.read_text(encoding="utf-8-sig") for out in outputs]


def to_pdf(paths: list[Path], outdir: Path) -> list[Path]:
    """Open each DOCX in LibreOffice and save it as PDF in ``outdir`` (one run, a private
    profile); the PDFs, each checked to exist: LibreOffice opened the file."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(outdir / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    pdfs = [outdir / f"{path.stem}.pdf" for path in paths]
    for path, pdf in zip(paths, pdfs, strict=True):
        assert pdf.is_file(), f"LibreOffice did not convert {path.name}"
    return pdfs
