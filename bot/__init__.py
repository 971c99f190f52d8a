"""Telegram bot for the agency's staff."""
