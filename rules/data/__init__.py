"""Vocabulary of the document-level rules (YAML, validated where it is read)."""
