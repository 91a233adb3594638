"""playbook-gen: publish an organisation's service-culture handbook from YAML as a static site."""

__version__ = "0.2.0"
