"""``python -m playbook_gen``: the same command line as ``playbook-gen``."""

from .cli import main

if __name__ == "__main__":
    main()
