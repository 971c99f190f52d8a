"""Turns PDFs and texts into cited chunks, facts and search indexes."""
