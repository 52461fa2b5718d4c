"""Readers of input formats: one module per format (an edge: file I/O lives here)."""
