"""The corpus store: an embedded SQLite database with full-text search, and
the ingest that fills it (parallel, incremental, resumable)."""
from .db import MIGRATIONS, SCHEMA_VERSION, Store, open_store
from .ingest import IngestReport, Limits, Outcome, Scan, find_papers, ingest, scan_paths

__all__ = ["Store", "open_store", "SCHEMA_VERSION", "MIGRATIONS", "ingest", "find_papers",
           "scan_paths", "Scan", "IngestReport", "Outcome", "Limits"]
