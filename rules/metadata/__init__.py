"""Metadata rules: one module per rule code."""
