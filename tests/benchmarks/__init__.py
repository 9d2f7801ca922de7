"""Benchmarks (`make bench`): figures printed and written to tests/benchmarks/results/."""
