"""Storage edge: SQLite (default) and PostgreSQL + PostGIS behind one port."""
