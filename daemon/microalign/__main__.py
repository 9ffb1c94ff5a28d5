from microalign.cli import run

run()
