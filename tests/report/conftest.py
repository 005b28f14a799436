"""Fixtures for report and export tests (see report_fixtures)."""

from report_fixtures import cmap, fake_link, hostile, store_db  # noqa: F401
