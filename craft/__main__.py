"""``python -m craft``."""

from craft.cli import main

main()
