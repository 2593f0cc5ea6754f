from __future__ import annotations

from pathlib import Path

from generator.load.sources import SourceFile, discover_sources, parse_source


def _source(tmp_path: Path, name: str, data: bytes) -> SourceFile:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return SourceFile(name, path)


def test_front_matter_is_split_and_body_line_counted(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "a.md", b"---\ntitle: A\n---\nBody\n"))
    assert problems == [] and src is not None
    assert src.data == {"title": "A"}
    assert src.body == "Body\n"
    assert src.body_line == 4
    assert src.lines[("title",)] == 2


def test_unclosed_front_matter(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "a.md", b"---\ntitle: A\nBody\n"))
    assert src is None
    assert str(problems[0]) == ("content/a.md, line 1: the front matter is not closed. Hint: "
                                "add a line with just --- after the last front-matter field.")


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "a.md", b"---\ntitle: A\n---\ncaf\xe9\n"))
    assert src is None
    assert problems[0].line == 4
    assert "not UTF-8" in problems[0].message


def test_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    src, problems = parse_source(
        _source(tmp_path, "a.md", "\ufeff---\r\ntitle: A\r\n---\r\nBody\r\n".encode()))
    assert problems == [] and src is not None and src.data == {"title": "A"}


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "a.yml", b"a: 1\n\x00"))
    assert src is None and "NUL" in problems[0].message and problems[0].line == 2


def test_empty_yaml_file(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "a.yml", b""))
    assert src is None and problems[0].message == "the file is empty"


def test_csv_rows_keep_physical_lines_and_ragged_rows_are_errors(tmp_path: Path) -> None:
    data = b'a,b\n1,2\n"multi\nline",3\n4\n5,6\n'
    src, problems = parse_source(_source(tmp_path, "r.csv", data))
    assert src is not None and src.csv_rows is not None
    assert [line for line, _ in src.csv_rows] == [2, 3, 6]
    assert src.csv_rows[1][1] == {"a": "multi\nline", "b": "3"}
    assert len(problems) == 1 and problems[0].line == 5
    assert "1 column but the header has 2" in problems[0].message


def test_discovery_is_sorted_skips_hidden_and_refuses_escaping_symlinks(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "b").mkdir(parents=True)
    (content / "b" / "z.md").write_text("x")
    (content / "a.md").write_text("x")
    (content / ".hidden.md").write_text("x")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (content / "link.txt").symlink_to(outside)
    files, problems = discover_sources(content)
    assert [f.rel for f in files] == ["a.md", "b/z.md"]
    assert problems[0].path == "content/link.txt"
    assert "outside the content folder" in problems[0].message


def test_csv_unclosed_quote_is_an_error_not_a_swallowed_file(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "r.csv", b'a,b,c\n1,"2,3\n4,5,6\n'))
    assert [str(p) for p in problems] == [
        "content/r.csv, line 2: the CSV cannot be read (unexpected end of data). "
        "Hint: check for an unclosed double quote."]


def test_csv_duplicate_header_is_an_error(tmp_path: Path) -> None:
    src, problems = parse_source(_source(tmp_path, "r.csv", b"amount,supplier,amount\n1,x,2\n"))
    assert [str(p) for p in problems] == [
        "content/r.csv, line 1: the column 'amount' appears twice in the header. Hint: rename "
        "one of the two columns; otherwise the second would silently replace the first."]


def test_symlinked_folder_pointing_outside_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.md").write_text("---\ntitle: Secret\n---\n")
    (content / "notes").symlink_to(tmp_path / "private", target_is_directory=True)
    (content / "loop").symlink_to(content, target_is_directory=True)  # inside: not followed
    files, problems = discover_sources(content)
    assert files == []
    assert [str(p) for p in problems] == [
        "content/notes: this link points outside the content folder. Hint: copy the file into "
        "content/ instead of linking to it."]


def test_csv_carriage_return_inside_a_quoted_cell_stays_in_the_cell(tmp_path: Path) -> None:
    # Line endings used to be normalised before the CSV was parsed, splitting the row.
    src, problems = parse_source(_source(tmp_path, "r.csv", b'a,b\r\n"x\ry",2\r\n3,4\r\n'))
    assert problems == [] and src is not None and src.csv_rows is not None
    assert src.csv_rows == [(2, {"a": "x\ny", "b": "2"}), (4, {"a": "3", "b": "4"})]


def test_unprintable_file_names_are_refused_before_anything_prints_them(tmp_path: Path) -> None:
    import os

    content = tmp_path / "content"
    content.mkdir()
    with open(os.path.join(os.fsencode(content), b"caf\xe9.md"), "wb") as handle:
        handle.write(b"---\ntitle: A\n---\n")
    (content / "tab\there.md").write_text("---\ntitle: B\n---\n")
    files, problems = discover_sources(content)
    assert files == []
    assert sorted(p.path for p in problems) == ["content/caf?.md", "content/tab?here.md"]


def test_suggested_names_keep_letters_without_accents() -> None:
    from generator.urls import suggest_slug

    assert suggest_slug("Café Menu (2)") == "cafe-menu-2"
    assert suggest_slug("Ýmgynghoriad ar y Gyllideb") == "ymgynghoriad-ar-y-gyllideb"
    assert suggest_slug("***") == "page"


def test_curly_quotes_in_front_matter_point_at_their_line(tmp_path: Path) -> None:
    text = "---\ntitle: About us\nsummary: “Who we are: the office”\n---\nBody\n"
    src, problems = parse_source(_source(tmp_path, "a.md", text.encode()))
    assert src is None
    [problem] = problems
    assert (problem.line, problem.message) == (3, "the YAML is invalid: this line uses curly "
                                                  "quotes (“ ” or ‘ ’), which YAML does not "
                                                  "read as quotes")
