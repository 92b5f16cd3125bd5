"""The fields a view reads, as the web client asks for them (plain Python).

Odoo 18's web client reads records with ``web_search_read``/``web_read``
and a *specification*: every field of the view, a many2one with its
``display_name``, an x2many with the fields of its own sub-view. Built here
from the view architecture and the field descriptions that ``get_views``
returns, so that the load test reads what a browser reads.
"""

import json
import xml.etree.ElementTree as ET

X2MANY = frozenset({"one2many", "many2many"})
RELATIONAL_TO_ONE = frozenset({"many2one"})
SUBVIEW_TAGS = ("list", "tree", "kanban")
X2MANY_LIMIT = 40


def model_fields(models, model):
    """Field descriptions of ``model`` in the ``models`` of ``get_views``."""
    entry = models.get(model) or {}
    # Odoo 18: {model: {"fields": {...}}}; older: {model: {...fields...}}
    return entry.get("fields", entry) if isinstance(entry, dict) else {}


def _merge(spec, name, value):
    if name not in spec:
        spec[name] = value
    elif "fields" in value and "fields" in spec[name]:
        for sub, sub_value in value["fields"].items():
            _merge(spec[name]["fields"], sub, sub_value)


def _field_spec(node, description, models):
    ftype = description.get("type")
    if ftype in RELATIONAL_TO_ONE:
        return {"fields": {"display_name": {}}}
    if ftype in X2MANY:
        comodel = description.get("relation")
        subview = next((c for c in node if c.tag in SUBVIEW_TAGS), None)
        if subview is not None and comodel:
            fields = _node_spec(subview, comodel, models, top=True)
        else:
            fields = {"display_name": {}}
        return {"fields": fields, "limit": X2MANY_LIMIT}
    return {}


def _node_spec(node, model, models, top=False):
    descriptions = model_fields(models, model)
    spec = {}
    list_root = top and node.tag in ("list", "tree")
    for child in node:
        if not isinstance(child.tag, str):
            continue  # comments
        if child.tag == "field":
            name = child.get("name")
            if not name or name not in descriptions:
                continue
            # a column the user hid is not read (the list shows it on demand)
            if list_root and child.get("optional") == "hide":
                continue
            _merge(spec, name, _field_spec(child, descriptions[name], models))
            continue
        for name, value in _node_spec(child, model, models).items():
            _merge(spec, name, value)
    return spec


def view_specification(arch, model, models):
    """The ``specification`` of ``web_read``/``web_search_read`` for a view.

    :param arch: the view architecture (XML text) returned by ``get_views``
    :param model: the model of the view
    :param models: the ``models`` part of ``get_views``' answer
    """
    root = ET.fromstring(arch)
    return _node_spec(root, model, models, top=True)


def progress_bar(arch):
    """The ``<progressbar>`` of a kanban view as ``read_progress_bar`` wants
    it (None when the view has none)."""
    root = ET.fromstring(arch)
    node = root.find(".//progressbar")
    if node is None or not node.get("field"):
        return None
    result = {
        "field": node.get("field"),
        "colors": json.loads(node.get("colors", "{}")),
    }
    if node.get("sum_field"):
        result["sum_field"] = node.get("sum_field")
    return result


def default_order(arch):
    """The ``default_order`` of a list or kanban view ('' when none)."""
    return ET.fromstring(arch).get("default_order", "")
