"""WAI-ARIA 1.2 facts the static rules need: roles, attributes, value types, context and ownership.

Data only, written from the WAI-ARIA 1.2, DPUB-ARIA and Graphics-ARIA specifications."""

from __future__ import annotations

_DOC_ROLES = (
    "abstract acknowledgments afterword appendix backlink biblioentry bibliography biblioref chapter "
    "colophon conclusion cover credit credits dedication endnote endnotes epigraph epilogue errata "
    "example footnote foreword glossary glossref index introduction noteref notice pagebreak pagefooter "
    "pageheader pagelist part preface prologue pullquote qna subtitle tip toc"
)

ROLES: frozenset[str] = frozenset((
    "alert alertdialog application article banner blockquote button caption cell checkbox code "
    "columnheader combobox comment complementary contentinfo definition deletion dialog directory "
    "document emphasis feed figure form generic grid gridcell group heading image img insertion link "
    "list listbox listitem log main mark marquee math menu menubar menuitem menuitemcheckbox "
    "menuitemradio meter navigation none note option paragraph presentation progressbar radio "
    "radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton "
    "status strong subscript suggestion superscript switch tab table tablist tabpanel term textbox "
    "time timer toolbar tooltip tree treegrid treeitem "
    "graphics-document graphics-object graphics-symbol"
).split()) | frozenset(f"doc-{name}" for name in _DOC_ROLES.split())

PRESENTATIONAL = frozenset({"none", "presentation"})

GLOBAL_ATTRS: frozenset[str] = frozenset((
    "aria-atomic aria-braillelabel aria-brailleroledescription aria-busy aria-controls aria-current "
    "aria-describedby aria-description aria-details aria-disabled aria-dropeffect aria-errormessage "
    "aria-flowto aria-grabbed aria-haspopup aria-hidden aria-invalid aria-keyshortcuts aria-label "
    "aria-labelledby aria-live aria-owns aria-relevant aria-roledescription"
).split())

# Globals that make an element "interesting": with one of these, role="none" is ignored.
# aria-hidden is left out on purpose: hiding does not need the role.
CONFLICT_ATTRS = GLOBAL_ATTRS - {"aria-hidden", "aria-disabled", "aria-errormessage", "aria-haspopup",
                                 "aria-invalid"}

_RANGE = ("meter", "progressbar", "scrollbar", "separator", "slider", "spinbutton")
_CELLS = ("cell", "columnheader", "gridcell", "rowheader")
_TEXTBOX = ("textbox", "searchbox")

# Roles that support each non-global attribute (inheritance already folded in).
ATTR_ROLES: dict[str, frozenset[str]] = {name: frozenset(roles) for name, roles in {
    "aria-activedescendant": ("application", "combobox", "grid", "group", "listbox", "menu", "menubar",
                              "radiogroup", "row", "spinbutton", "tablist", "textbox", "searchbox",
                              "toolbar", "tree", "treegrid"),
    "aria-autocomplete": ("combobox",) + _TEXTBOX,
    "aria-checked": ("checkbox", "menuitemcheckbox", "menuitemradio", "option", "radio", "switch",
                     "treeitem"),
    "aria-colcount": ("grid", "table", "treegrid"),
    "aria-colindex": _CELLS + ("row",),
    "aria-colindextext": _CELLS + ("row",),
    "aria-colspan": _CELLS,
    "aria-expanded": ("application", "button", "checkbox", "combobox", "gridcell", "link", "listbox",
                      "menuitem", "menuitemcheckbox", "menuitemradio", "row", "rowheader", "columnheader",
                      "switch", "tab", "treeitem"),
    "aria-level": ("heading", "listitem", "row", "treeitem", "comment"),
    "aria-modal": ("alertdialog", "dialog"),
    "aria-multiline": _TEXTBOX,
    "aria-multiselectable": ("grid", "listbox", "tablist", "tree", "treegrid"),
    "aria-orientation": ("listbox", "menu", "menubar", "radiogroup", "scrollbar", "separator", "slider",
                         "tablist", "toolbar", "tree", "treegrid"),
    "aria-placeholder": _TEXTBOX,
    "aria-posinset": ("article", "listitem", "menuitem", "menuitemcheckbox", "menuitemradio", "option",
                      "radio", "row", "tab", "treeitem", "comment"),
    "aria-pressed": ("button",),
    "aria-readonly": ("checkbox", "combobox", "grid", "gridcell", "listbox", "radiogroup", "slider",
                      "spinbutton", "menuitemcheckbox", "menuitemradio", "switch", "treegrid",
                      "columnheader", "rowheader") + _TEXTBOX,
    # radio is not in ARIA 1.2's list, but every browser and checker accepts it on native radios.
    "aria-required": ("checkbox", "combobox", "gridcell", "listbox", "radiogroup", "radio", "spinbutton",
                      "tree", "treegrid", "columnheader", "rowheader", "switch") + _TEXTBOX,
    "aria-rowcount": ("grid", "table", "treegrid"),
    "aria-rowindex": _CELLS + ("row",),
    "aria-rowindextext": _CELLS + ("row",),
    "aria-rowspan": _CELLS,
    "aria-selected": ("gridcell", "option", "row", "tab", "columnheader", "rowheader", "treeitem"),
    "aria-setsize": ("article", "listitem", "menuitem", "menuitemcheckbox", "menuitemradio", "option",
                     "radio", "row", "tab", "treeitem", "comment"),
    "aria-sort": ("columnheader", "rowheader"),
    "aria-valuemax": _RANGE,
    "aria-valuemin": _RANGE,
    "aria-valuenow": _RANGE,
    "aria-valuetext": _RANGE,
}.items()}

ALL_ATTRS: frozenset[str] = GLOBAL_ATTRS | frozenset(ATTR_ROLES)

# aria-label / aria-labelledby are prohibited on these roles (ARIA 1.2 "Prohibited" naming).
NAME_PROHIBITED = frozenset({"caption", "code", "deletion", "emphasis", "generic", "insertion",
                             "paragraph", "presentation", "none", "strong", "subscript", "superscript"})

_BOOL = ("true", "false")
_TRUE_FALSE_UNDEFINED = ("true", "false", "undefined")
# Value type per attribute: a tuple of tokens, or one of the type names below.
INTEGER, NUMBER, FREE, TOKENS = "integer", "number", "free", "tokens"
ATTR_VALUES: dict[str, object] = {
    "aria-atomic": _BOOL, "aria-busy": _BOOL, "aria-disabled": _BOOL, "aria-modal": _BOOL,
    "aria-multiline": _BOOL, "aria-multiselectable": _BOOL, "aria-readonly": _BOOL,
    "aria-required": _BOOL,
    "aria-checked": ("true", "false", "mixed", "undefined"),
    "aria-pressed": ("true", "false", "mixed", "undefined"),
    "aria-expanded": _TRUE_FALSE_UNDEFINED, "aria-hidden": _TRUE_FALSE_UNDEFINED,
    "aria-selected": _TRUE_FALSE_UNDEFINED, "aria-grabbed": _TRUE_FALSE_UNDEFINED,
    "aria-autocomplete": ("inline", "list", "both", "none"),
    "aria-current": ("page", "step", "location", "date", "time", "true", "false"),
    "aria-haspopup": ("false", "true", "menu", "listbox", "tree", "grid", "dialog"),
    "aria-invalid": ("grammar", "false", "spelling", "true"),
    "aria-live": ("assertive", "off", "polite"),
    "aria-orientation": ("horizontal", "vertical", "undefined"),
    "aria-sort": ("ascending", "descending", "none", "other"),
    "aria-colcount": INTEGER, "aria-colindex": INTEGER, "aria-colspan": INTEGER,
    "aria-level": INTEGER, "aria-posinset": INTEGER, "aria-rowcount": INTEGER,
    "aria-rowindex": INTEGER, "aria-rowspan": INTEGER, "aria-setsize": INTEGER,
    "aria-valuemax": NUMBER, "aria-valuemin": NUMBER, "aria-valuenow": NUMBER,
}
TOKEN_LISTS: dict[str, frozenset[str]] = {
    "aria-relevant": frozenset({"additions", "removals", "text", "all"}),
    "aria-dropeffect": frozenset({"copy", "execute", "link", "move", "none", "popup"}),
}

# Required states and properties (ARIA 1.2), for explicit roles.
REQUIRED_ATTRS: dict[str, tuple[str, ...]] = {
    "checkbox": ("aria-checked",), "switch": ("aria-checked",), "radio": ("aria-checked",),
    "menuitemcheckbox": ("aria-checked",), "menuitemradio": ("aria-checked",),
    "combobox": ("aria-expanded",), "heading": ("aria-level",), "meter": ("aria-valuenow",),
    "scrollbar": ("aria-controls", "aria-valuenow"), "slider": ("aria-valuenow",),
}

# Required context roles: the nearest non-transparent ancestor must have one of these roles.
REQUIRED_CONTEXT: dict[str, frozenset[str]] = {name: frozenset(parents) for name, parents in {
    "caption": ("figure", "grid", "table", "treegrid"),
    "cell": ("row",), "columnheader": ("row",), "gridcell": ("row",), "rowheader": ("row",),
    "listitem": ("list", "directory"),
    "menuitem": ("group", "menu", "menubar"), "menuitemcheckbox": ("group", "menu", "menubar"),
    "menuitemradio": ("group", "menu", "menubar"),
    "option": ("group", "listbox"),
    "row": ("grid", "rowgroup", "table", "treegrid"),
    "rowgroup": ("grid", "table", "treegrid"),
    "tab": ("tablist",),
    "treeitem": ("group", "tree"),
}.items()}

# Roles allowed as owned elements; "group" is walked through where the spec nests items in groups.
ALLOWED_OWNED: dict[str, frozenset[str]] = {name: frozenset(children) for name, children in {
    "feed": ("article",),
    "grid": ("row", "rowgroup", "caption"),
    "list": ("listitem",),
    "listbox": ("option", "group"),
    "menu": ("menuitem", "menuitemcheckbox", "menuitemradio", "group", "separator"),
    "menubar": ("menuitem", "menuitemcheckbox", "menuitemradio", "group", "separator"),
    "row": ("cell", "columnheader", "gridcell", "rowheader"),
    "rowgroup": ("row",),
    "table": ("row", "rowgroup", "caption"),
    "tablist": ("tab",),
    "tree": ("treeitem", "group"),
    "treegrid": ("row", "rowgroup", "caption"),
}.items()}

# Roles whose children are presentational: focusable content inside them is lost to assistive tech.
PRESENTATIONAL_CHILDREN = frozenset({"button", "checkbox", "img", "image", "math", "menuitemcheckbox",
                                     "menuitemradio", "meter", "option", "progressbar", "radio",
                                     "scrollbar", "separator", "slider", "switch", "tab",
                                     "graphics-symbol"})

# Roles that take their name from their content (accname 1.2 "name from: contents").
NAME_FROM_CONTENT = frozenset({
    "button", "cell", "checkbox", "columnheader", "comment", "gridcell", "heading", "link", "menuitem",
    "menuitemcheckbox", "menuitemradio", "option", "radio", "row", "rowheader", "sectionhead", "switch",
    "tab", "tooltip", "treeitem", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref",
})

# Widgets whose accessible name should contain their visible label (2.5.3).
LABEL_IN_NAME_ROLES = frozenset({"button", "checkbox", "gridcell", "link", "menuitem", "menuitemcheckbox",
                                 "menuitemradio", "option", "radio", "switch", "tab", "treeitem"})

# Input roles whose name ACT rule e086e5 checks.
FIELD_ROLES = frozenset({"checkbox", "combobox", "listbox", "menuitemcheckbox", "menuitemradio", "radio",
                         "searchbox", "slider", "spinbutton", "switch", "textbox"})
