"""The form of ids: file names, checklist item ids, theme names.

Apart from the content models so that ``playbook-gen new`` can check a theme name without
importing them (``model`` uses it for every ``Slug``).
"""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
