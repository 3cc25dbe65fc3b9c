"""LLO Regiodashboard: regional statistics for LLO-Collectieven (low literacy, low education, work)."""

__version__ = "0.1.0"
