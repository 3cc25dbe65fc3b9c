"""Turning public sources into clean tables: one module per source family, then joins and aggregation."""
