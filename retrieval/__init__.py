"""Question answering over the ingested index: hybrid search, facts, cited answers."""
