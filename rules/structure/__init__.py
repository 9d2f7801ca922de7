"""Structure rules: one module per rule code."""
