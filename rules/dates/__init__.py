"""Dates rules: one module per rule code."""
