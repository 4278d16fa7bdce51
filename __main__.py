"""``python -m abegraph``: the command line, as ``abegraph``."""
from abegraph.cli import main

main(prog_name="abegraph")
