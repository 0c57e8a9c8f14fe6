"""Country facts as data: ``data/jurisdictions.yml``, the ``fact:`` reference and what is made from it.

* :mod:`.model`: the schema, the loader (file:line errors) and :func:`~.model.resolve`;
* :mod:`.values`: one fact written in a page's language, with its mark;
* :mod:`.views`: the comparison table, the key-facts box, the verification list;
* :mod:`.diagram`: the process diagram (inline SVG);
* :mod:`.extension`: the Python-Markdown extension that renders ``[](fact:...)``;
* :mod:`.export`: ``jurisdictions.json`` and the changed facts of an edition.
"""
