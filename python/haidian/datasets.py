"""Datasets bundled with haidian (filled in by the dataset work)."""
