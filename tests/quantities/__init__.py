"""The quantity-phrase set (README.md); phrases.py loads it."""
