"""What the app adds to Streamlit's controls: Enter and Tab apply a typed date; a multiselect shows every chip; a
reconnect reruns the page.

Streamlit's date field (react-aria segments: year, month, day) sends its value only when focus leaves the whole
widget, calendar button included: a reader who typed ``2025-10-10`` and pressed Enter, or Tab from the day to the
calendar button, saw nothing happen until they clicked elsewhere (measured in Chromium: the URL and the page stayed
on the old date). The widget's own blur handler sends the value when focus goes outside it, so a key listener
installed once per browser tab tells it so on Enter (any segment) and on a forward Tab from the last segment: focus
stays where the reader put it. ``test_a_typed_date_applies_on_enter_and_on_tab`` holds it.

A multiselect that wraps its chips caps their box at about four and a half rows and scrolls the rest out of sight
(measured on a 390 px phone: the tenth episode of the study's picker half hidden); the rule below lets the box grow
to hold every chip. ``test_the_pickers_show_every_option_whole_and_every_chosen_episode`` holds it.

After a replica dies, the browser reconnects to another (the balancer fails over) and keeps the page it drew, but
Streamlit does not rerun it there: each Download button still holds a file id only the dead replica knew, so a
click did nothing until the page was reloaded (measured through ``deploy/nginx.conf``: the surviving replica ran no
script after the reconnect). The listener below sees Streamlit open a new stream socket after the first, and asks
for a rerun (a trigger value: the rerun carries the page's widgets and query string, so the same view is drawn by
the new replica, with download ids it knows). A reconnect to the same server reruns the same view: harmless.
``test_a_download_works_after_a_replica_dies_without_a_reload`` (tests/test_deploy.py) holds it.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

_JS = r"""
export default function (component) {
  window.__slRerun = () => component.setTriggerValue("reconnected", Date.now());  // this run's component
  if (window.__slDateKeys) return;
  window.__slDateKeys = true;
  const Native = window.WebSocket;  // every stream socket opened from now on is a reconnect
  const Wrapped = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (String(url).includes("/_stcore/stream")) {
      socket.addEventListener("open", () => setTimeout(() => window.__slRerun(), 300));
    }
    return socket;
  };
  Wrapped.prototype = Native.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Wrapped[name] = Native[name];
  window.WebSocket = Wrapped;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== "Tab") return;
    const segment = event.target.closest && event.target.closest('[role="spinbutton"]');
    const field = segment && segment.closest('[data-testid="stDateInputField"]');
    if (!field) return;
    if (event.key === "Tab") {
      const segments = field.querySelectorAll('[role="spinbutton"]');
      if (event.shiftKey || segment !== segments[segments.length - 1]) return;
    }
    segment.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: document.body }));
  }, true);
}
"""

_CSS = """
[data-testid="stMultiSelect"] div:has(> [data-testid="stMultiSelectTagsContainer"]),
[data-testid="stMultiSelect"] [data-testid="stMultiSelectTagsContainer"] { max-height: none !important; }
"""

_component: Any = None


def install() -> None:
    """Mount the listeners and the rule (drawn once per run, in the sidebar; it shows nothing)."""
    global _component
    if _component is None:
        _component = st.components.v2.component("selloff_controls", js=_JS, css=_CSS, isolate_styles=False)
    _component(key="selloff_controls", on_reconnected_change=_reconnected)


def _reconnected() -> None:
    """The browser reconnected (to this replica or another): the rerun it asked for redraws the view."""
    logging.getLogger(__name__).info("rerun after a reconnect")
