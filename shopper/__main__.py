"""`python -m shopper`."""

from shopper.cli.app import main

main()
