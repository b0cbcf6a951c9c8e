"""Benchmarks run by hand (`make bench`): figures beside baselines, not tests."""
