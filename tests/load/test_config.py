from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE_SITE_YML, MINIMAL_SITE_YML

from generator.errors import ConfigError
from generator.load.config import load_config


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_minimal_config_loads_with_defaults(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, MINIMAL_SITE_YML))
    assert config.organisation.short_name == "Testshire OPCC"
    assert config.base_path == "/"
    assert config.allow_html is False
    assert config.staff.small_number_threshold == 5


def test_sub_path_base_url(tmp_path: Path) -> None:
    text = MINIMAL_SITE_YML.replace("https://example.org/", "https://example.org/opcc")
    config = load_config(_write(tmp_path, text))
    assert config.base_url == "https://example.org/opcc/"
    assert config.base_path == "/opcc/"


def test_unknown_key_in_site_yml_has_did_you_mean(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, BASE_SITE_YML + "navigaton: []\n"))
    assert [str(p) for p in caught.value.problems] == [
        'site.yml, line 9, field "navigaton": "navigaton" is not a field here. '
        "Hint: did you mean 'navigation'?"]


def test_every_config_problem_at_once(tmp_path: Path) -> None:
    text = MINIMAL_SITE_YML.replace("https://example.org/", "example.org") + \
        "allow_html: perhaps\norganisation_name: x\n"
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, text))
    fields = [p.field for p in caught.value.problems]
    assert fields == ["base_url", "allow_html", "organisation_name"]


def test_missing_site_yml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "there is no site.yml" in str(caught.value.problems[0])


def test_yaml_syntax_error_in_site_yml_names_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, "organisation:\n  name: [unclosed\n"))
    problem = caught.value.problems[0]
    assert problem.path == "site.yml" and problem.line is not None


def test_time_zone_defaults_to_london_and_unknown_zones_are_located(tmp_path: Path) -> None:
    assert load_config(_write(tmp_path, MINIMAL_SITE_YML)).time_zone == "Europe/London"
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, BASE_SITE_YML + "time_zone: Europe/Northby\n"))
    assert [str(p) for p in caught.value.problems] == [
        'site.yml, line 9, field "time_zone": \'Europe/Northby\' is not a time zone like '
        "Europe/London."]


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, text))
    return sorted(str(p) for p in caught.value.problems)


def test_organisation_fields_written_at_the_top_are_placed_with_their_shape(
        tmp_path: Path) -> None:
    problems = _problems(tmp_path, "name: Office of the PCC for Westshire\n"
                                   "short_name: Westshire OPCC\nurl: https://example.org/\n")
    assert problems == [
        'site.yml, line 1, field "base_url": this required field is missing. '
        "Hint: add a line `base_url: …`.",
        'site.yml, line 1, field "name": "name" is not a field here. Hint: it belongs '
        "inside 'organisation' (organisation.name): write `organisation:`, then "
        "`  name: …` indented below it by two spaces.",
        'site.yml, line 1, field "organisation": this required field is missing. Hint: add '
        "`organisation:` on a line of its own, with its fields indented below it by two "
        "spaces: `  name: …`, `  short_name: …`.",
        'site.yml, line 2, field "short_name": "short_name" is not a field here. Hint: it '
        "belongs inside 'organisation' (organisation.short_name): write `organisation:`, "
        "then `  short_name: …` indented below it by two spaces.",
        'site.yml, line 3, field "url": "url" is not a field here. '
        "Hint: did you mean 'base_url'?",
    ]


@pytest.mark.parametrize(("line", "hint"), [
    ("phone: 01632 960123", "it belongs inside 'contact' (contact.phone)"),
    ("recent: 3", "it belongs inside 'meetings' (meetings.recent)"),
    ("recnt: 3", "it belongs inside 'meetings' (meetings.recent)"),
    ("zone: Europe/London", "did you mean 'time_zone'?"),
])
def test_a_setting_of_a_group_written_at_the_top_gets_its_place(
        tmp_path: Path, line: str, hint: str) -> None:
    [problem] = _problems(tmp_path, MINIMAL_SITE_YML + line + "\n")
    assert f"Hint: {hint}" in problem


def test_a_typo_inside_a_group_and_a_group_setting_at_the_top(tmp_path: Path) -> None:
    text = MINIMAL_SITE_YML + "registers:\n  rows_per_pag: 60\n"
    [problem] = _problems(tmp_path, text)
    assert "did you mean 'rows_per_page'?" in problem
    [problem] = _problems(tmp_path, MINIMAL_SITE_YML + "small_number_threshold: 3\n")
    assert ("(staff.small_number_threshold): write `staff:`, then "
            "`  small_number_threshold: …` indented below it by two spaces") in problem


def test_no_hint_for_a_key_that_is_nowhere_near_a_setting(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, MINIMAL_SITE_YML + "colour_scheme: dark\n")
    assert "belongs" not in problem and "did you mean" not in problem
    assert "Hint: the fields here are: organisation, base_url" in problem


def test_editor_settings_are_checked(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, MINIMAL_SITE_YML + "editor:\n  repo: office/site\n"))
    assert config.editor is not None
    assert (config.editor.backend, config.editor.branch) == ("github", "main")
    assert load_config(_write(tmp_path, MINIMAL_SITE_YML)).editor is None
    text = MINIMAL_SITE_YML + ("editor:\n  backend: bitbucket\n  repo: site\n"
                               "  base_url: http://auth.example\n")
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, text))
    assert [p.field for p in caught.value.problems] == [
        "editor.backend", "editor.repo", "editor.base_url"]
    assert "'site' is not a repository written account/name" in str(caught.value.problems[1])
