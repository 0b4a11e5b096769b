"""The corpus store: an embedded SQLite database with full-text search, and
the ingest that fills it (parallel, incremental, resumable)."""
from .db import MIGRATIONS, SCHEMA_VERSION, Store, open_store
from .ingest import IngestReport, Outcome, find_papers, ingest

__all__ = ["Store", "open_store", "SCHEMA_VERSION", "MIGRATIONS", "ingest", "find_papers",
           "IngestReport", "Outcome"]
