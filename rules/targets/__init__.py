"""Target rules: figures weaker than the parent's, incomparable or impossible."""
