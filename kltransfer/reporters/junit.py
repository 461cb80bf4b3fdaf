"""JUnit XML: one test case per file, failing when the file fails the run.

CI systems (GitLab, Jenkins, Azure) show these as test reports. A file with errors, or with
warnings under ``strict``, gets a ``<failure>`` listing all its findings; warnings that do not
fail the run are kept in the test case's ``<system-out>``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kltransfer.findings import FileReport, Report, Severity
from kltransfer.i18n import _
from kltransfer.reporters.base import Reporter
from kltransfer.reporters.common import relative_path
from kltransfer.reporters.text import count_errors, count_warnings, format_finding

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# Characters that XML 1.0 does not allow even when escaped (findings may quote file content).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def testcase(file: FileReport, strict: bool) -> Element:
    import xml.etree.ElementTree as ET

    name = relative_path(file.path)
    case = ET.Element("testcase", {"classname": "kltransfer", "name": xml_text(name), "file": xml_text(name)})
    lines = "\n".join(xml_text(format_finding(f)) for f in file.findings)
    if not file.ok(strict=strict):
        counts = _("{errors}, {warnings}", errors=count_errors(file.errors), warnings=count_warnings(file.warnings))
        failing = next((f for f in file.findings if f.severity is Severity.ERROR or strict), None)
        # with --errors-only the warnings that fail under --strict are not listed: no code to name
        kind = failing.code if failing is not None else "warning"
        failure = ET.SubElement(case, "failure", {"message": counts, "type": kind})
        failure.text = lines
    elif lines:
        ET.SubElement(case, "system-out").text = lines
    return case


class JunitReporter(Reporter):
    def report(self, report: Report) -> None:
        import xml.etree.ElementTree as ET

        failures = sum(1 for f in report.files if not f.ok(strict=report.strict))
        counts = {"tests": str(len(report.files)), "failures": str(failures), "errors": "0", "skipped": "0"}
        root = ET.Element("testsuites", {"name": "kltransfer", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "kltransfer", **counts})
        for file in report.files:
            suite.append(testcase(file, report.strict))
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
