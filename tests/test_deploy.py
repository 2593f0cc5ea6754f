"""Deployment settings for GitHub Pages, GitLab Pages and Netlify: each file is valid,
has what its host expects, and its build commands work when run here on a small site."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SiteFactory

import generator

INSTALL = "python -m pip install -e ."


def _github() -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _gitlab() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    return data


def _netlify() -> dict[str, Any]:
    with (REPO / "netlify.toml").open("rb") as handle:
        return tomllib.load(handle)


def _commands(host: str) -> tuple[list[str], str]:
    """The host's commands, in order, and the folder it publishes."""
    if host == "github":
        steps = _github()["jobs"]["build"]["steps"]
        upload = next(s for s in steps if s.get("uses", "").startswith(
            "actions/upload-pages-artifact@"))
        return [s["run"] for s in steps if "run" in s], upload["with"]["path"]
    if host == "gitlab":
        pages = _gitlab()["pages"]
        return list(pages["script"]), pages["artifacts"]["paths"][0]
    build = _netlify()["build"]
    return [c.strip() for c in build["command"].split("&&")], build["publish"]


def test_github_workflow_has_what_github_pages_expects() -> None:
    data = _github()
    assert data["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in data["on"] and data["on"]["schedule"][0]["cron"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert build["steps"][0]["with"]["fetch-depth"] == 0, "dates need the full history"
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["steps"][0]["id"] == "deployment"


def test_gitlab_pages_job() -> None:
    data = _gitlab()
    pages = data["pages"]
    assert pages["artifacts"]["paths"] == ["public"], "GitLab Pages publishes public/"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert data["variables"]["GIT_DEPTH"] == "0"
    assert not data["image"].endswith("-slim"), "the image must have git"


def test_netlify_settings() -> None:
    data = _netlify()
    assert data["build"]["publish"] == "_site"
    assert data["build"]["environment"]["PYTHON_VERSION"] == "3.11"


@pytest.mark.parametrize("host", ["github", "gitlab", "netlify"])
def test_each_host_installs_then_builds_without_waiting_for_duties(host: str) -> None:
    commands, _ = _commands(host)
    ours = [c for c in commands if c.startswith(("python -m pip", "transparency"))]
    assert ours[0] == INSTALL
    assert ours[1].startswith("transparency build")
    assert not any(c.startswith("transparency check") for c in ours[:2]), \
        "a late duty must never hold back the site"


def _duty_step(host: str) -> str:
    """The command that runs the duty report on each host."""
    if host == "github":
        steps = _github()["jobs"]["duties"]["steps"]
        return str(next(s["run"] for s in steps if "transparency check" in s.get("run", "")))
    if host == "gitlab":
        return str(next(c for c in _gitlab()["duties"]["script"] if "transparency check" in c))
    return next(c for c in _commands("netlify")[0] if "transparency check" in c)


def test_github_duties_job_is_separate_and_nothing_waits_for_it() -> None:
    jobs = _github()["jobs"]
    assert "needs" not in jobs["duties"] and jobs["deploy"]["needs"] == "build"
    assert jobs["duties"]["steps"][0]["with"]["fetch-depth"] == 0
    assert "GITHUB_STEP_SUMMARY" in _duty_step("github")


def test_gitlab_duties_job_runs_after_publishing_and_keeps_the_report() -> None:
    duties = _gitlab()["duties"]
    assert duties["stage"] == ".post" and not duties.get("allow_failure")
    assert duties["artifacts"]["when"] == "always"
    assert duties["artifacts"]["paths"] == ["duties.txt"]


def _duty_content() -> dict[str, str | bytes]:
    """Pages meeting every publication duty, where the generator checks duties (so that
    `transparency check` can pass on a small site); nothing where it does not."""
    try:
        from duty_helpers import complete_site_files  # type: ignore[import-not-found]
    except ImportError:
        return {}
    files: dict[str, str | bytes] = complete_site_files()
    return files


@pytest.mark.parametrize("host", ["github", "gitlab", "netlify"])
def test_the_hosts_commands_build_a_site_here(host: str, make_site: SiteFactory) -> None:
    """Run each command exactly as written, in a small site's folder, like the host does.

    The install step is the one already done for this test run: the generator is
    installed editable from this repository (asserted), so it is not repeated.
    """
    assert Path(generator.__file__).resolve().is_relative_to(REPO)
    site = make_site({**_duty_content(),
                      "content/about.md": "---\ntitle: About\nupdated: 2026-11-01\n---\nHi.\n"})
    commands, publish = _commands(host)
    env = {**os.environ, "CI": "true",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        if command == INSTALL:
            continue
        if "transparency check" in command and host != "netlify":
            continue  # the duty report: its own job (below)
        proc = subprocess.run(command, shell=True, cwd=site, env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, f"{command}: {proc.stdout}{proc.stderr}"
        assert "\r" not in proc.stderr, "no progress bar in CI"
    assert (site / publish / "index.html").is_file()
    assert (site / publish / "about/index.html").is_file()
    assert (site / publish / "assets/site.css").is_file()


@pytest.mark.parametrize("host", ["github", "gitlab", "netlify"])
def test_the_duty_report_fails_visibly_but_the_site_is_built(
        host: str, make_site: SiteFactory, tmp_path: Path) -> None:
    """A site missing a statutory duty: the build passes and publishes; the duty step
    exits 3 (GitHub and GitLab: a red job) with the report in its output (GitHub: also
    in the job summary); Netlify prints it and carries on."""
    site = make_site({"content/about.md": "---\ntitle: About\nupdated: 2026-11-01\n---\nHi.\n"})
    commands, publish = _commands(host)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "CI": "true", "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    build = next(c for c in commands if c.startswith("transparency build"))
    built = subprocess.run(build, shell=True, cwd=site, env=env, capture_output=True,
                           text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (site / publish / "index.html").is_file()
    step = _duty_step(host)
    proc = subprocess.run(["bash", "-c", step], cwd=site, env=env, capture_output=True,
                          text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert "Nothing stops publishing;" in output and "fail the duty check" in output
    if host == "netlify":
        assert proc.returncode == 0
        assert "the site was published" in output
    else:
        assert proc.returncode == 3
    if host == "github":
        text = summary.read_text(encoding="utf-8")
        assert text.startswith("## Publication duties\n\n```\nNothing stops publishing;")
