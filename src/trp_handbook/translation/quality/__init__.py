"""Translation quality checks on whole pages (``handbook check-language``).

Translation platforms run quality checks on every string (Weblate's "unchanged
translation", "inconsistent", "punctuation spacing" ...). Our translations are
whole Markdown pages, so these checks read each page through its one source
model (:mod:`trp_handbook.markdown`): only the prose a reader reads, never code,
link targets, ``law:`` references, ids or front matter.

| rule                   | severity | module          | finding                                               |
|------------------------|----------|-----------------|-------------------------------------------------------|
| spelling               | error    | spelling        | a word Hunspell and the edition's word list do not know |
| script-latin           | error    | script          | Latin letters in running Cyrillic text (sr, mk)       |
| script-cyrillic        | error    | script          | Cyrillic letters in a Latin-script edition            |
| leftover-sentence      | error    | leftovers       | a sentence, heading or cell identical to the English one |
| leftover-abbreviation  | error    | leftovers       | an English abbreviation the glossary maps to a local one |
| variant-spelling       | error    | consistency     | two spellings of one word in one edition (data/wordlists/variants.yml) |
| numbers-missing        | error    | numbers         | a number of the English section is missing in its translation |
| typography-french-spacing | error | typography      | French ``; : ? ! »`` without a non-breaking space before (``«`` after) |
| typography-double-space | error   | typography      | two spaces between words                              |
| term-mixed             | warning  | terms           | two glossary target terms for one concept in one page |

Quotation marks and apostrophes are set per language when the page is
rendered (:mod:`trp_handbook.markdown.typography`), on the site and in the books.

A justified exception is recorded in ``data/language-exceptions.yml``
(:mod:`.exceptions`); names, acronyms and terms of art in
``data/wordlists/<language>.txt`` (:mod:`.wordlists`). CONTRIBUTING.md
("Translation quality checks") explains every rule to translators.
"""

RULES = ("spelling", "script-latin", "script-cyrillic", "leftover-sentence", "leftover-abbreviation",
         "variant-spelling", "numbers-missing", "typography-french-spacing", "typography-double-space",
         "term-mixed")
