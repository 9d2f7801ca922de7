"""Bodies rules: one module per rule code."""
