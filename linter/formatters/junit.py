"""`junit`: JUnit XML, one test case per checked file. A file with findings is one failing test
case (its <failure> lists every finding, one per line); a file that could not be read is one test
case in error. So `tests` counts files, `failures` failing files and `errors` unreadable files,
as test-report viewers expect."""

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
        elif result.diagnostics:
            failures += 1
            first = result.diagnostics[0]
            summary = f"{len(result.diagnostics)} 个问题：{first.code} {first.message}" + (
                "等" if len(result.diagnostics) > 1 else "")
            worst = max(d.severity for d in result.diagnostics)
            failure = ET.SubElement(case, "failure", message=summary, type=str(worst))
            failure.text = "\n".join(f"{relative_path(d.path)}:{d.location.line}:{d.location.column}: {d.code} "
                                     f"[{d.severity}] {d.message}" for d in result.diagnostics)
    for element in (suites, suite):
        element.set("tests", str(len(output.results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    ET.indent(suites)
    stream.write(ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n")


@hookimpl
def govlint_formatters() -> list[Formatter]:
    return [Formatter("junit", write_junit, "JUnit XML for CI test reports")]
