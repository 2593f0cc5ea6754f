"""Static transparency-site generator for Offices of Police and Crime Commissioners.

The pipeline runs one way: config → load → validate → site → render → write → check.
The public entry point is :func:`generator.build.build`; the CLI lives in ``cli.py``.
"""

from generator.build import BuildResult, build
from generator.errors import Problem, Severity

__all__ = ["BuildResult", "Problem", "Severity", "build"]
