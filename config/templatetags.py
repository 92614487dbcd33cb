"""``{% path "name" arg ... %}``: the URL ``{% url %}`` gives, from config.paths.

Registered as a builtin (settings.TEMPLATES), so every template has it without a load.
reverse() costs 50-70 microseconds a call here, and the day page draws about forty links:
remembered under the name, the arguments, the URLconf and the script prefix, a link is
never out of date and costs a dictionary lookup.  Like ``{% url %}``, it escapes its
result and takes ``as name`` to keep it in a variable.
"""

from django import template

from config import paths

register = template.Library()


@register.simple_tag(name="path")
def path_tag(name: str, *args) -> str:
    return paths.path(name, *args)
