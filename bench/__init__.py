"""Benchmarks: each measures ceasefire beside a baseline in the same run (see RESULTS.md)."""
