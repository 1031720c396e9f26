"""``python -m tidings`` runs the command-line interface."""

from tidings.cli import main

main()
