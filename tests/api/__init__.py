"""Tests of the HTTP API, the widget and `sosa serve`."""
