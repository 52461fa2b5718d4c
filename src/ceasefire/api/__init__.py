"""The web API (FastAPI): every workflow over REST, under /api/ ([5/6])."""
