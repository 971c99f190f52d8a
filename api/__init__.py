"""FastAPI app: the public API and the citizens' chat widget."""
