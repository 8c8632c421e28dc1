"""`python -m shopper`."""

from shopper.cli.app import main

if __name__ == "__main__":  # not when a worker process imports the main module
    main()
