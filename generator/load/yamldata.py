"""Parse YAML keeping the line of every key and list item, and refusing duplicates.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of
two duplicate keys. Editors need "line 7, field agenda[2].title", so we compose the
node graph and build plain Python values from it ourselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back if libyaml is absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """YAML 1.1 reads yes/no/on/off as booleans ("the Norway problem"); editors do not
    expect `status: no` to mean False, so only true and false are booleans here."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))

# A path into a YAML document: keys and list indexes, e.g. ("agenda", 2, "title").
KeyPath = tuple[str | int, ...]

# Aliases can expand exponentially ("billion laughs"): a document may have as many values
# as its size allows, but values repeated through aliases are capped far lower.
_MAX_NODES = 2_000_000
_MAX_ALIASED = 100_000
# Nesting deeper than this is hostile or broken (and would exhaust Python's stack).
_MAX_DEPTH = 100
_PLAIN_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class YamlDocument:
    """A parsed YAML value plus the 1-based line of each key path."""

    value: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: list[tuple[KeyPath, int]] = field(default_factory=list)

    def line_of(self, path: KeyPath, default: int | None = None) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), default)


class YamlSyntaxError(Exception):
    """YAML that does not parse; carries a 1-based line and a plain message."""

    def __init__(self, message: str, line: int | None, hint: str,
                 path: KeyPath | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint
        self.path = path


def parse_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse ``text``; lines are reported with ``line_offset`` added (for front matter)."""
    try:
        _check_depth(text, line_offset)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, line_offset, text) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, e.g. U+001F
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError(f"the text contains an invisible control character (U+{code:04X})",
                              line, "delete it; it is often pasted in unseen from another "
                                    "program") from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        raise YamlSyntaxError(str(exc), None, "check the YAML syntax") from None
    except RecursionError:  # pragma: no cover - only the pure-Python parser recurses
        raise _too_deep(1 + line_offset) from None
    doc = YamlDocument(value=None)
    if node is None:
        return doc
    builder = _Builder(doc, line_offset)
    doc.lines[()] = node.start_mark.line + 1 + line_offset
    doc.value = builder.build(node, ())
    return doc


class _Builder:
    def __init__(self, doc: YamlDocument, line_offset: int):
        self.doc = doc
        self.offset = line_offset
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0
        self.seen: set[int] = set()
        self.aliased = 0

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if id(node) in self.seen:  # reached again through an alias
            self.aliased += 1
        else:
            self.seen.add(id(node))
        if self.count > _MAX_NODES or self.aliased > _MAX_ALIASED:
            raise YamlSyntaxError("the YAML expands to too many values",
                                  node.start_mark.line + 1 + self.offset,
                                  "remove repeated anchors and aliases (&name / *name)")
        if len(path) > _MAX_DEPTH:
            raise _too_deep(node.start_mark.line + 1 + self.offset)
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_COLLECTIONS:
            raise _tag_error(node, self.offset)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise YamlSyntaxError("a key must be a plain word",
                                          key_node.start_mark.line + 1 + self.offset,
                                          "write keys as simple words, e.g. title:")
                key = str(key) if not isinstance(key, str) else key
                line = key_node.start_mark.line + 1 + self.offset
                if key[:1] in _CURLY or key[-1:] in _CURLY:  # {title: “Us, them”}
                    raise _curly_error(line)
                if key in result:
                    self.doc.duplicates.append((path + (key,), line))
                self.doc.lines[path + (key,)] = line
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.doc.lines[path + (index,)] = item.start_mark.line + 1 + self.offset
                items.append(self.build(item, path + (index,)))
            return items
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: KeyPath = ()) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise _tag_error(node, self.offset) from None
        except (ValueError, OverflowError):
            # A date that looks right but cannot exist (2024-02-30), a number too long to
            # convert: keep the text so the field's own check names the field and explains.
            return str(node.value)


def _tag_error(node: yaml.Node, line_offset: int) -> YamlSyntaxError:
    """Tags like !!python/object, !!set or << are never content: refuse them plainly."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    return YamlSyntaxError(f"the YAML tag '{tag}' is not allowed",
                           node.start_mark.line + 1 + line_offset,
                           "remove the !tag (or the << merge key) and write the value itself")


def _check_depth(text: str, line_offset: int) -> None:
    """Refuse absurd nesting before composing: libyaml's composer recurses in C and a
    few hundred kilobytes of ``[[[[…`` or ``- - - …`` would crash the process outright.
    The event parser is iterative, so this pass is safe and stops at the first offence."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                mark = event.start_mark
                raise _too_deep((mark.line if mark is not None else 0) + 1 + line_offset)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1


# A curly quote where a quote would open or close a value: “ ” and ‘ anywhere, ’ only
# right after ": " or "- " or a bracket (elsewhere it is an apostrophe, which is fine).
_CURLY_QUOTE = re.compile(r"[“”‘]|(?:^|:\s|-\s|[\[{,])\s*’")


_CURLY = "“”‘’"


def _curly_error(line: int) -> YamlSyntaxError:
    return YamlSyntaxError("the YAML is invalid: this line uses curly quotes (“ ” or ‘ ’), "
                           "which YAML does not read as quotes", line,
                           "type straight quotes \" or ' instead (a word processor turns "
                           "them curly when text is pasted from it)")


def _curly_quoted_line(lines: list[str], exc: yaml.MarkedYAMLError) -> int | None:
    """The 0-based line near a syntax error that holds curly quotes, if any: the error's
    own line, the line it started on, or the one before (the parser often notices on the
    next line)."""
    candidates: list[int] = []
    for mark in (exc.context_mark, exc.problem_mark):
        if mark is not None:
            candidates += [mark.line, mark.line - 1]
    for index in sorted(set(candidates)):
        if 0 <= index < len(lines) and _CURLY_QUOTE.search(lines[index]):
            return index
    return None


def _too_deep(line: int) -> YamlSyntaxError:
    return YamlSyntaxError(f"the YAML is nested more than {_MAX_DEPTH} levels deep", line,
                           "check the indentation and the [ ] and { } brackets")


def _syntax_error(exc: yaml.MarkedYAMLError, line_offset: int, text: str) -> YamlSyntaxError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 + line_offset if mark is not None else None
    problem = (exc.problem or "invalid YAML").strip()
    hint = "check the indentation and that every key is followed by a colon and a space"
    source_lines = text.split("\n")
    bad_line = source_lines[mark.line] if mark is not None and mark.line < len(source_lines) else ""
    curly = _curly_quoted_line(source_lines, exc)
    if curly is not None:
        return _curly_error(curly + 1 + line_offset)
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "tab" in problem.lower():
        problem = "a tab character is used for indentation"
        hint = "YAML needs spaces, not tabs: replace the tab with spaces"
    elif "mapping values are not allowed" in problem:
        hint = "put text that contains ': ' in quotes, e.g. title: \"Item: detail\""
    elif "could not find expected ':'" in problem:
        hint = "each line needs `key: value`; put long text in quotes"
    return YamlSyntaxError(f"the YAML is invalid: {problem}", line, hint)
