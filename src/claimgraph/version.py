"""The package version (a bottom module: render layers read it without importing the API)."""

from __future__ import annotations

__version__ = "0.1.0"
