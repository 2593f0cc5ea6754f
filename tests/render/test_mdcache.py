"""The Markdown cache: JSON that round-trips exactly, stamped so an upgrade starts it
cold, and never trusted: a foreign, tampered or pickled file is ignored and runs nothing."""

from __future__ import annotations

import ast
import json
import os
import pickle
import sys
from pathlib import Path

import markdown
import nh3
import pytest
from conftest import REPO, TODAY, SiteFactory

from generator import writer
from generator.build import build
from generator.errors import Problem, Severity, error, warning
from generator.render import mdcache
from generator.render.markdown import MarkdownRenderer
from generator.render.mdcache import CachedMarkdown, MarkdownCache, cache_stamp
from generator.urls import LinkFailure

FAILURE = LinkFailure("the link points to 'gone.md', which does not exist", "check the name")
ENTRY = CachedMarkdown(
    html='<p>Cymraeg: ŵ ŷ “quotes” \U0001f600 \udcff <a href="/about/#x">a</a></p>\n',
    problems=(error("content/a.md", "the link points to 'gone.md'", line=3, hint="fix it"),
              warning("content/a.md", "a minute", field="agenda[2].minute"),
              Problem("content/b.md", "plain")),
    assets=frozenset({"papers/report.pdf", "papers/b.csv"}),
    resolutions=(("about.md", "/about/"), ("gone.md", FAILURE), ("papers/report.pdf",
                                                                  "/papers/report.pdf")),
)
OUTCOMES = dict(ENTRY.resolutions)


def _saved(path: Path, entries: dict[str, CachedMarkdown]) -> None:
    cache = MarkdownCache(path)
    for key, entry in entries.items():
        cache.put(key, entry)
    cache.save()


def test_an_entry_round_trips_exactly_through_the_json_file(tmp_path: Path) -> None:
    path = tmp_path / "markdown.json"
    _saved(path, {"k1": ENTRY, "k2": CachedMarkdown("<p>x</p>", (), frozenset(), ())})
    json.loads(path.read_text(encoding="ascii"))  # plain JSON, nothing else
    loaded = MarkdownCache(path)
    assert loaded.entries == {"k1": ENTRY, "k2": CachedMarkdown("<p>x</p>", (), frozenset(), ())}
    hit = loaded.get("k1", OUTCOMES.__getitem__)
    assert hit == ENTRY and hit.problems == ENTRY.problems
    assert [p.severity for p in hit.problems] == [Severity.ERROR, Severity.WARNING,
                                                  Severity.ERROR]
    assert loaded.hits == 1 and not loaded.rewrite


def test_the_file_is_compact_json_written_an_entry_at_a_time(tmp_path: Path) -> None:
    """Written in pieces, the file is what one ``json.dumps`` of the document gives; an
    empty cache is a valid document too."""
    for entries in ({"k1": ENTRY, "k\udcff2": CachedMarkdown("<p>x</p>", (), frozenset(), ())},
                    {}):
        path = tmp_path / f"markdown-{len(entries)}.json"
        cache = MarkdownCache(path)
        for key, entry in entries.items():
            cache.put(key, entry)
        cache.rewrite = True
        cache.save()
        text = path.read_text(encoding="ascii")
        document = json.loads(text)
        assert list(document) == ["format", "stamp", "entries"]
        assert list(document["entries"]) == list(entries)
        assert text == json.dumps(document, separators=(",", ":"))
        assert MarkdownCache(path).entries == entries


def test_a_link_that_now_resolves_elsewhere_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "markdown.json"
    _saved(path, {"k": ENTRY})
    loaded = MarkdownCache(path)
    moved = {**OUTCOMES, "gone.md": "/gone/"}
    assert loaded.get("k", moved.__getitem__) is None and loaded.misses == 1


def test_an_entry_rendered_again_under_the_same_key_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "markdown.json"
    _saved(path, {"k": ENTRY})
    fresh = CachedMarkdown("<p>new</p>", (), frozenset(), (("gone.md", "/gone/"),))
    cache = MarkdownCache(path)
    assert cache.get("k", {**OUTCOMES, "gone.md": "/gone/"}.__getitem__) is None
    cache.put("k", fresh)
    cache.save()
    assert MarkdownCache(path).entries == {"k": fresh}


@pytest.mark.parametrize("part", ["generator", "code", "python", "library Markdown",
                                  "library nh3"])
def test_a_changed_stamp_is_a_cold_cache(part: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "markdown.json"
    _saved(path, {"k": ENTRY})
    assert MarkdownCache(path).entries == {"k": ENTRY}
    upgraded = {**cache_stamp(), part: "something else"}
    monkeypatch.setattr(mdcache, "cache_stamp", lambda: upgraded)
    cold = MarkdownCache(path)
    assert cold.entries == {} and cold.rewrite
    cold.put("k", ENTRY)
    cold.save()  # replaced under the new stamp, and warm again for the next build
    assert json.loads(path.read_bytes())["stamp"] == upgraded
    assert MarkdownCache(path).entries == {"k": ENTRY}


def test_the_stamp_names_the_generator_its_code_and_the_rendering_libraries() -> None:
    stamp = cache_stamp()
    assert stamp["library Markdown"] == markdown.__version__
    assert stamp["library nh3"] == nh3.__version__
    assert stamp["python"].endswith(".".join(map(str, sys.version_info[:3])))
    assert stamp["generator"]  # the installed version, or "not installed"
    assert len(stamp["code"]) == 64
    assert mdcache._stamp() is mdcache._stamp()  # once per process


def test_editing_any_rendering_module_changes_the_code_fingerprint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for rel in mdcache.RENDERING_CODE:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / "generator" / rel).read_bytes())
    monkeypatch.setattr(mdcache, "_PACKAGE", tmp_path)
    original = mdcache._code_fingerprint()
    assert original == cache_stamp()["code"]  # the copy hashes as the real code does
    for rel in mdcache.RENDERING_CODE:
        target = tmp_path / rel
        before = target.read_bytes()
        target.write_bytes(before + b"\n# changed\n")
        assert mdcache._code_fingerprint() != original, rel
        target.write_bytes(before)


def test_the_fingerprint_covers_every_module_and_library_markdown_py_imports() -> None:
    """A new import in the renderer must join the stamp, or its changes go unnoticed."""
    tree = ast.parse((REPO / "generator/render/markdown.py").read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module} | \
        {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
         for alias in node.names}
    ours = {m.removeprefix("generator.").replace(".", "/") + ".py"
            for m in modules if m.startswith("generator.")}
    assert ours <= set(mdcache.RENDERING_CODE)
    libraries = {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names) - \
        {"generator", "__future__"}
    assert libraries == set(mdcache.RENDERING_LIBRARIES)


def _good_file(tmp_path: Path) -> bytes:
    _saved(tmp_path / "good.json", {"k": ENTRY})
    return (tmp_path / "good.json").read_bytes()


def _with(document: bytes, **changes: object) -> bytes:
    data = json.loads(document)
    data.update(changes)
    return json.dumps(data).encode()


FOREIGN = {
    "empty": lambda good: b"",
    "random bytes": lambda good: bytes(range(256)) * 4,
    "truncated": lambda good: good[: len(good) // 2],
    "not JSON": lambda good: b"html: <p>hello</p>\n",
    "a JSON list": lambda good: b'["k", {"html": "<p>x</p>"}]',
    "JSON null": lambda good: b"null",
    "deeply nested": lambda good: b"[" * 100_000 + b"]" * 100_000,
    "another format": lambda good: _with(good, format="transparency-site markdown cache 1"),
    "no stamp": lambda good: _with(good, stamp=None),
    "entries a list": lambda good: _with(good, entries=[]),
}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_foreign_or_damaged_file_is_ignored_then_replaced(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "markdown.json"
    path.write_bytes(FOREIGN[kind](_good_file(tmp_path)))
    cache = MarkdownCache(path)
    assert cache.entries == {}
    cache.save()  # nothing used, yet the foreign file does not survive
    assert MarkdownCache(path).entries == {} and not MarkdownCache(path).rewrite


class _Payload:
    """Pickles to a call of ``Path.touch``: loading it with pickle creates ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return Path.touch, (self.marker,)


def test_a_pickle_is_never_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = pickle.dumps((1, {"k": _Payload(marker)}))
    path = tmp_path / "markdown.json"
    path.write_bytes(payload)
    cache = MarkdownCache(path)
    assert cache.entries == {} and not marker.exists()
    cache.save()
    assert json.loads(path.read_bytes())["entries"] == {}
    pickle.loads(payload)  # the payload is live: pickle would have run it
    assert marker.exists()


MALFORMED = {
    "missing html": lambda e: e.pop("html"),
    "extra field": lambda e: e.update(extra=1),
    "html not text": lambda e: e.update(html=["<p>"]),
    "line as text": lambda e: e["problems"][0].update(line="3"),
    "line as bool": lambda e: e["problems"][0].update(line=True),
    "unknown severity": lambda e: e["problems"][0].update(severity="fatal"),
    "problem missing hint": lambda e: e["problems"][0].pop("hint"),
    "problem not an object": lambda e: e["problems"].append("oops"),
    "asset not text": lambda e: e["assets"].append(7),
    "resolution of three": lambda e: e["resolutions"][0].append("x"),
    "failure without hint": lambda e: e["resolutions"][1][1].pop("hint"),
    "outcome a number": lambda e: e["resolutions"][0].__setitem__(1, 3),
    "resolutions an object": lambda e: e.update(resolutions={}),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_entry_is_dropped_and_the_rest_kept(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "markdown.json"
    _saved(path, {"bad": ENTRY, "good": ENTRY})
    document = json.loads(path.read_bytes())
    MALFORMED[kind](document["entries"]["bad"])
    path.write_text(json.dumps(document), encoding="utf-8")
    cache = MarkdownCache(path)
    assert cache.entries == {"good": ENTRY} and cache.rewrite
    assert cache.get("good", OUTCOMES.__getitem__) == ENTRY
    cache.save()  # the same entries as loaded, but the bad one must leave the file
    assert set(json.loads(path.read_bytes())["entries"]) == {"good"}


def test_saving_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "markdown.json"
    _saved(path, {"k": ENTRY})
    _saved(path, {"k2": ENTRY})
    assert [p.name for p in path.parent.iterdir()] == ["markdown.json"]
    assert set(MarkdownCache(path).entries) == {"k2"}
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not 0600


def test_a_failed_save_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "markdown.json"
    _saved(path, {"k": ENTRY})
    before = path.read_bytes()

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer.os, "replace", fail)  # the cache is saved by replace_file
    with pytest.raises(OSError, match="disk full"):
        _saved(path, {"k2": ENTRY})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["markdown.json"]


PAGES = {
    "content/about.md": "---\ntitle: About us\n---\nSee [the plan](plan/index.md#aims) and "
                        "[the report](papers/report.pdf).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "content/plan/index.md": "---\ntitle: Plan\n---\n## Aims\n\nText with *emphasis*.\n",
    "content/papers/report.pdf": b"%PDF-1.4\n",
}


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_build_from_the_cache_equals_the_first_byte_for_byte(
        make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(PAGES)
    cache_dir = tmp_path / "cache"
    first = build(site, tmp_path / "first", today=TODAY, search=False, workers=1,
                  cache_dir=cache_dir)
    assert first.written and first.errors == []
    assert sorted(p.name for p in cache_dir.iterdir()) == ["last-build.json", "markdown.json"]

    def must_not_render(*_: object) -> str:
        raise AssertionError("rendered although cached")

    monkeypatch.setattr(MarkdownRenderer, "convert", must_not_render)
    second = build(site, tmp_path / "second", today=TODAY, search=False, workers=1,
                   cache_dir=cache_dir)
    assert second.written and second.problems == first.problems
    assert _tree(tmp_path / "second") == _tree(tmp_path / "first")


def test_a_hostile_cache_folder_runs_nothing_and_the_build_is_unchanged(
        make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(PAGES)
    clean = build(site, tmp_path / "clean", today=TODAY, search=False, use_cache=False)
    marker = tmp_path / "ran"
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    for name in ("markdown.json", "markdown.pickle"):  # today's name and the old one
        (cache_dir / name).write_bytes(pickle.dumps((1, {"k": _Payload(marker)})))
    result = build(site, tmp_path / "out", today=TODAY, search=False, cache_dir=cache_dir)
    assert result.written and not marker.exists()
    assert _tree(tmp_path / "out") == _tree(tmp_path / "clean") and clean.written
    assert json.loads((cache_dir / "markdown.json").read_bytes())["entries"]
