"""Helpers for the staff tests: a tiny HTML tree and a small example staff site."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.build import BuildResult

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def iter(self) -> list[Node]:
        found = [self]
        for child in self.elements():
            found += child.iter()
        return found

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [n for n in self.iter()[1:] if n.tag == tag and all(
            n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def table_rows(table: Node) -> list[list[str]]:
    """The text of each body cell, row by row."""
    return [[cell.text() for cell in tr.elements()]
            for tr in table.find("tbody").find_all("tr")]


def parse_html(html: str | bytes) -> Node:
    builder = _Builder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def output(result: BuildResult, path: str) -> bytes:
    for item in result.outputs:
        if item.path == path:
            return item.content
    raise AssertionError(f"{path} was not built; built: "
                         f"{sorted(o.path for o in result.outputs if 'staff' in o.path)}")


def page(result: BuildResult, path: str) -> Node:
    return parse_html(output(result, path))


def main(result: BuildResult, path: str) -> Node:
    return page(result, path).find("main")


def problems(result: BuildResult) -> list[str]:
    return [str(p) for p in result.problems]


WORKFORCE = """\
as_at: 2026-03-31
headcount: 6
fte: 5
full_time: 4
part_time: 2
sex: {female: 5, male: 1}
ethnic_minority: {"yes": 2, "no": 4}
disabled: {"yes": 0, "no": 5, not_declared: 1}
"""


PAY_SCALES = """\
effective_from: 2026-04-01
grades:
  - {code: SM7, min: 77874, max: 83127, name: Senior Management 7}
  - {code: SM1, range: "51192-54510"}
  - {code: S5, min: 22668, max: 24759, name: Scale 5}
"""


def role(title: str, *, body: str | None = None, **fields: object) -> str:
    """A role file: front matter from ``fields`` (True/False written as YAML booleans)."""
    lines = [f"title: {title}"]
    fields.setdefault("fte", 1)
    fields.setdefault("politically_restricted", True)
    for key, value in fields.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        lines.append(f"{key}: {value}")
    text = body if body is not None else (
        "## Job purpose\n\nTo do the job.\n\n## Main responsibilities\n\n"
        "1. The first duty.\n2. The second duty.\n")
    return "---\n" + "\n".join(lines) + "\n---\n" + text


def staff_files(**overrides: str | None) -> dict[str, str | bytes]:
    """A small office: the Commissioner, a chief of staff, a head, two officers."""
    files: dict[str, str | None] = {
        "content/staff/pay-scales.yml": PAY_SCALES,
        "content/staff/roles/commissioner.md": role(
            "Police and Crime Commissioner", statutory="[police-and-crime-commissioner]",
            politically_restricted=False, postholder="Ann Example", salary=88600),
        "content/staff/roles/chief-of-staff.md": role(
            "Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
            statutory="[head-of-paid-service, monitoring-officer]", postholder="Bea Example",
            salary=81216),
        "content/staff/roles/head-of-policy.md": role(
            "Head of Policy", grade="SM1", reports_to="chief-of-staff"),
        "content/staff/roles/policy-officer.md": role(
            "Policy Officer", grade="S5", reports_to="head-of-policy", fte=0.8),
        "content/staff/roles/support-officer.md": role(
            "Support Officer", grade="S5", reports_to="chief-of-staff", fte=2.2),
    }
    files.update(overrides)
    return {k: v for k, v in files.items() if v is not None}
