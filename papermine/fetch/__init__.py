"""Getting papers: a committee's meetings and documents from a ModernGov site
(web service, HTML fallback), polite and resumable, with a manifest that
`papermine ingest` reads (see ../shared/MODERNGOV.md for what is known of the
site).

Modules: `client` (paced, robots-aware, retrying HTTP), `service` (the XML web
service), `pages` (the HTML pages), `site` (either, as the same records),
`match` (which committee), `files` (layout and manifest), `run` (one fetch and
the document rules).
"""
from __future__ import annotations

from .run import DEFAULT_SINCE, DocResult, FetchOptions, FetchReport, fetch_committee, ingest_fetched
from .client import DEFAULT_DELAY, default_user_agent

__all__ = ["fetch_committee", "ingest_fetched", "FetchOptions", "FetchReport", "DocResult",
           "DEFAULT_SINCE", "DEFAULT_DELAY", "default_user_agent"]
