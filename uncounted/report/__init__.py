"""Outputs that leave the workspace: record exports (restricted or public-redacted)."""
