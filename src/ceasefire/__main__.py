"""``python -m ceasefire`` runs the command line."""

from ceasefire.cli.main import run

run()
