"""`junit`: JUnit XML, one test case per file (failing with one <failure> per finding)."""

from __future__ import annotations

from typing import TextIO

from linter.formatters import Formatter, Output, relative_path
from linter.hookspecs import hookimpl


def write_junit(output: Output, stream: TextIO) -> None:
    from xml.etree import ElementTree as ET

    suites = ET.Element("testsuites", name="govlint")
    suite = ET.SubElement(suites, "testsuite", name="govlint")
    failures = errors = 0
    for result in output.results:
        case = ET.SubElement(suite, "testcase", classname="govlint", name=relative_path(result.path))
        if result.error:
            errors += 1
            ET.SubElement(case, "error", message=result.error)
        for d in result.diagnostics:
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{d.code} {d.message}", type=str(d.severity))
            failure.text = f"{relative_path(d.path)}:{d.location.line}:{d.location.column}: {d.code} {d.message}"
    for element in (suites, suite):
        element.set("tests", str(len(output.results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    ET.indent(suites)
    stream.write(ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("junit", write_junit, "JUnit XML for CI test reports")]
