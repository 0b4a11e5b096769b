"""papermine: mine and compare local-government committee papers."""
__version__ = "0.1.0"
