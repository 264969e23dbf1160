"""``python -m craft``: the same as the ``craft`` console script."""

from craft.cli import entry

if __name__ == "__main__":
    entry()
