from rlve_fast.cli import run

run()
