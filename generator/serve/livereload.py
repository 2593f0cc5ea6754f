"""Live reload for ``transparency serve``: the build epoch, the browser script, the overlay.

Pure logic, no sockets, so it is unit-tested directly (the HTTP side is ``serve.py``).
The MkDocs pattern: every finished rebuild, good or bad, bumps an *epoch*. Each served
HTML page carries a small script (added to the response, never to the files in
``_site/``) that long-polls ``/__reload__/<epoch>``. The poll answers as soon as the
epoch moves on: after a good build the page reloads itself; after a failed build it
shows every problem (file, line, field, message, hint) over the page, while the last
good build stays served underneath.
"""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass

from generator.errors import Problem, ProblemSummary, errors_first

POLL_PREFIX = "/__reload__/"
POLL_TIMEOUT = 25.0
"""Seconds a poll waits for a new epoch before answering "no change" (then re-polls)."""
OVERLAY_ID = "transparency-build-problems"


@dataclass(frozen=True)
class BuildStatus:
    """The outcome of the latest build, numbered by ``epoch``."""

    epoch: int
    ok: bool
    problems: tuple[Problem, ...] = ()
    headline: str | None = None
    """What blocks publishing, counted by ``summary.Outcome`` like every other summary
    line ("1 error stops publishing; 3 duties are late"); None: count ``problems``."""

    def as_json(self) -> bytes:
        return json.dumps({
            "epoch": self.epoch,
            "ok": self.ok,
            "summary": "" if self.ok else summary_text(self.problems, self.headline),
            "overlay": "" if self.ok else overlay_html(self.problems, self.headline),
            "problems": [p.as_dict() for p in self.problems],
        }).encode("utf-8")


class ReloadState:
    """Thread-safe epoch counter that pollers wait on."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._status = BuildStatus(epoch=0, ok=True)

    @property
    def status(self) -> BuildStatus:
        with self._changed:
            return self._status

    def build_succeeded(self, problems: list[Problem] | tuple[Problem, ...] = (),
                        headline: str | None = None) -> BuildStatus:
        """A build was written: pages reload. Warnings are kept but raise no overlay."""
        return self._publish(ok=True, problems=tuple(problems), headline=headline)

    def build_failed(self, problems: list[Problem] | tuple[Problem, ...],
                     headline: str | None = None) -> BuildStatus:
        """A build failed: the last good build stays served; pages show the overlay."""
        return self._publish(ok=False, problems=tuple(problems), headline=headline)

    def _publish(self, *, ok: bool, problems: tuple[Problem, ...],
                 headline: str | None) -> BuildStatus:
        with self._changed:
            self._status = BuildStatus(self._status.epoch + 1, ok, problems, headline)
            self._changed.notify_all()
            return self._status

    def wait(self, epoch: int, timeout: float = POLL_TIMEOUT) -> BuildStatus:
        """Return as soon as the epoch differs from ``epoch`` (or after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self._status.epoch != epoch, timeout=timeout)
            return self._status


def parse_poll_path(path: str) -> int | None:
    """``/__reload__/7`` → 7; anything else → None."""
    match = re.fullmatch(re.escape(POLL_PREFIX) + r"(-?\d{1,12})/?", path.split("?", 1)[0])
    return int(match.group(1)) if match else None


def summary_text(problems: tuple[Problem, ...] | list[Problem],
                 headline: str | None = None) -> str:
    counted = headline or str(ProblemSummary.of(problems))
    return (f"The site could not be rebuilt: {counted}. You are seeing "
            "the last good build. Fix the problems and save; this page updates by itself.")


def overlay_html(problems: tuple[Problem, ...] | list[Problem],
                 headline: str | None = None) -> str:
    """The dialog listing every problem, errors first; every value is escaped."""
    items = []
    for problem in errors_first(problems):
        where = [f"<strong>{html.escape(problem.path)}</strong>"]
        if problem.line is not None:
            where.append(f"line {problem.line}")
        if problem.field:
            where.append(f"field <code>{html.escape(problem.field)}</code>")
        label = "Error" if problem.is_error else "Warning"
        hint = (f'<p class="tbp-hint">Hint: {html.escape(problem.hint)}</p>'
                if problem.hint else "")
        items.append(
            f'<li class="tbp-{problem.severity.value}"><p class="tbp-where">'
            f'<span class="tbp-label">{label}:</span> {", ".join(where)}</p>'
            f'<p class="tbp-message">{html.escape(problem.message)}</p>{hint}</li>')
    return (
        f'<div id="{OVERLAY_ID}" role="alertdialog" aria-modal="true" '
        f'aria-labelledby="{OVERLAY_ID}-title" aria-describedby="{OVERLAY_ID}-summary" '
        f'tabindex="-1"><style>{_OVERLAY_CSS}</style><div class="tbp-box">'
        f'<h2 id="{OVERLAY_ID}-title">The site could not be rebuilt</h2>'
        f'<p id="{OVERLAY_ID}-summary" aria-live="assertive">'
        f'{html.escape(summary_text(problems, headline))}</p>'
        f'<ol class="tbp-list">{"".join(items)}</ol>'
        '<button type="button" class="tbp-close">Hide until the next save</button>'
        "</div></div>")


def inject(page: bytes, status: BuildStatus) -> bytes:
    """Add the reload script to an HTML page (before ``</body>``, or at the end)."""
    tag = (f'<script id="transparency-livereload" data-epoch="{status.epoch}" '
           f'data-ok="{"true" if status.ok else "false"}">{CLIENT_SCRIPT}</script>'
           ).encode()
    lower = page.lower()
    at = lower.rfind(b"</body>")
    if at < 0:
        return page + tag
    return page[:at] + tag + page[at:]


# Colours give 7:1+ contrast; severity is also written as a word, never colour alone.
_OVERLAY_CSS = (
    f"#{OVERLAY_ID}{{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.6);"
    "overflow:auto;padding:1rem;font:16px/1.5 system-ui,sans-serif}"
    f"#{OVERLAY_ID} .tbp-box{{max-width:50rem;margin:2rem auto;background:#fff;color:#0b0c0c;"
    "border:6px solid #a4161a;padding:1.25rem 1.5rem}"
    f"#{OVERLAY_ID} h2{{margin:0 0 .5rem;font-size:1.5rem}}"
    f"#{OVERLAY_ID} .tbp-list{{padding-left:1.5rem}}"
    f"#{OVERLAY_ID} li{{margin:0 0 1rem}}#{OVERLAY_ID} p{{margin:0}}"
    f"#{OVERLAY_ID} .tbp-label{{font-weight:700;color:#a4161a}}"
    f"#{OVERLAY_ID} .tbp-warning .tbp-label{{color:#594d00}}"
    f"#{OVERLAY_ID} .tbp-hint{{font-style:italic}}"
    f"#{OVERLAY_ID} button{{font:inherit;padding:.4rem .8rem;border:2px solid #0b0c0c;"
    "background:#f3f2f1;color:#0b0c0c;cursor:pointer}"
    f"#{OVERLAY_ID} :focus{{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}}"
)

CLIENT_SCRIPT = """(function () {
  var me = document.currentScript;
  var failed = me.getAttribute('data-ok') === 'false';
  var epoch = failed ? -1 : Number(me.getAttribute('data-epoch'));
  var id = '__ID__';
  var live = document.createElement('div');
  live.setAttribute('aria-live', 'assertive');
  live.setAttribute('style',
    'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)');
  document.body.appendChild(live);
  function hide() { var old = document.getElementById(id); if (old) { old.remove(); } }
  function show(state) {
    hide();
    var holder = document.createElement('div');
    holder.innerHTML = state.overlay;
    var dialog = holder.firstElementChild;
    document.body.appendChild(dialog);
    live.textContent = state.summary;
    dialog.querySelector('.tbp-close').addEventListener('click', hide);
    dialog.addEventListener('keydown', function (e) { if (e.key === 'Escape') { hide(); } });
    dialog.focus();
  }
  function poll() {
    fetch('__PREFIX__' + epoch, {cache: 'no-store'})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (state) {
        if (state.epoch !== epoch) {
          if (state.ok) { window.location.reload(); return; }
          epoch = state.epoch;
          show(state);
        }
        poll();
      }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();""".replace("__ID__", OVERLAY_ID).replace("__PREFIX__", POLL_PREFIX)
