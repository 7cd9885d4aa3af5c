"""Query methods shared by `Screen` and `within(node)` scopes.

A class that defines `_scope_root()` (the node queries search, or None) and
`_scope_tree()` (the text a failed query prints) gets the whole Testing
Library family: `get_by_*` (exactly one, else `NoMatch`/`MultipleMatches`),
`query_by_*` (one or None) and `all_by_*` (a list), by text, role, test id
and label, plus `within(node)` to search inside one node.
"""

from __future__ import annotations

from ._queries import (
    MultipleMatches,
    NoMatch,
    Predicate,
    TextMatch,
    UINode,
    by_prop,
    by_role,
    by_text,
    find_all,
)

__all__ = ["Queries", "Within"]


def _role_what(role: str, name: TextMatch | None) -> str:
    return f"with role {role!r}" + ("" if name is None else f" and name {name!r}")


class Queries:
    """The query methods; subclasses say where to search."""

    def _scope_root(self) -> UINode | None:
        raise NotImplementedError

    def _scope_tree(self) -> str:
        raise NotImplementedError

    def _scope_name(self) -> str:
        return "The scene"

    def within(self, node: UINode) -> Within:
        """Queries limited to `node`'s subtree (`screen.within(rail).get_by_text("Dune")`)."""
        if not isinstance(node, UINode):
            raise TypeError(f"within() needs a node from a query, got {node!r}")
        return Within(node)

    def all(self, predicate: Predicate) -> list[UINode]:
        """Visible nodes matching `predicate`, in tree order."""
        return find_all(self._scope_root(), predicate)

    def _get(self, predicate: Predicate, what: str) -> UINode:
        found = self.all(predicate)
        if len(found) == 1:
            return found[0]
        if not found:
            raise NoMatch(f"no node {what}. {self._scope_name()}:\n{self._scope_tree()}")
        listing = "\n".join(f"  {n.line}" for n in found)
        raise MultipleMatches(f"{len(found)} nodes {what}:\n{listing}\n"
                              f"{self._scope_name()}:\n{self._scope_tree()}")

    def _query(self, predicate: Predicate, what: str) -> UINode | None:
        found = self.all(predicate)
        if len(found) > 1:
            self._get(predicate, what)  # raises MultipleMatches with the listing
        return found[0] if found else None

    def get_by_text(self, text: TextMatch, *, exact: bool = True) -> UINode:
        """The one text node showing `text` (see `_queries` for matching)."""
        return self._get(by_text(text, exact=exact), f"with text {text!r}")

    def query_by_text(self, text: TextMatch, *, exact: bool = True) -> UINode | None:
        """The text node showing `text`, or None."""
        return self._query(by_text(text, exact=exact), f"with text {text!r}")

    def all_by_text(self, text: TextMatch, *, exact: bool = True) -> list[UINode]:
        """Every text node showing `text`."""
        return self.all(by_text(text, exact=exact))

    def get_by_role(self, role: str, *, name: TextMatch | None = None,
                    exact: bool = True) -> UINode:
        """The one node with `role` (and, if given, label or text `name`)."""
        return self._get(by_role(role, name=name, exact=exact), _role_what(role, name))

    def query_by_role(self, role: str, *, name: TextMatch | None = None,
                      exact: bool = True) -> UINode | None:
        """The node with `role` (and `name`), or None."""
        return self._query(by_role(role, name=name, exact=exact), _role_what(role, name))

    def all_by_role(self, role: str, *, name: TextMatch | None = None,
                    exact: bool = True) -> list[UINode]:
        """Every node with `role` (and `name`)."""
        return self.all(by_role(role, name=name, exact=exact))

    def get_by_test_id(self, test_id: TextMatch) -> UINode:
        """The one node with this `test_id=`."""
        return self._get(by_prop("test_id", test_id), f"with test_id {test_id!r}")

    def query_by_test_id(self, test_id: TextMatch) -> UINode | None:
        """The node with this `test_id=`, or None."""
        return self._query(by_prop("test_id", test_id), f"with test_id {test_id!r}")

    def all_by_test_id(self, test_id: TextMatch) -> list[UINode]:
        """Every node with this `test_id=`."""
        return self.all(by_prop("test_id", test_id))

    def get_by_label(self, label: TextMatch, *, exact: bool = True) -> UINode:
        """The one node with this accessibility `label=`."""
        return self._get(by_prop("label", label, exact=exact), f"with label {label!r}")

    def query_by_label(self, label: TextMatch, *, exact: bool = True) -> UINode | None:
        """The node with this `label=`, or None."""
        return self._query(by_prop("label", label, exact=exact), f"with label {label!r}")

    def all_by_label(self, label: TextMatch, *, exact: bool = True) -> list[UINode]:
        """Every node with this `label=`."""
        return self.all(by_prop("label", label, exact=exact))


class Within(Queries):
    """Queries inside one node's subtree (from `within(node)`)."""

    def __init__(self, node: UINode) -> None:
        self.node = node
        """The node searched (as it was when it was queried)."""

    def _scope_root(self) -> UINode | None:
        return self.node

    def _scope_tree(self) -> str:
        return self.node.tree()

    def _scope_name(self) -> str:
        return f"Inside {self.node.line[:60]}"

    def __repr__(self) -> str:
        return f"<Within {self.node!r}>"
