#!/usr/bin/python3
"""What a screen reader sees of the window, checked with a real AT-SPI client (issue 19).

Run by scripts/a11y-check.sh, which starts Xvfb, a session bus, the AT-SPI bus and the window on
a copy of the demo folder. Usage: a11y_client.py MOBILEAPPS_FOLDER. Prints one line per check
and exits non-zero at the first one that fails.
"""

import json
import os
import sys
import time

import pyatspi
from gi.repository import Atspi, GLib

FOLDER = sys.argv[1]
TIMEOUT = 20.0
heard = []  # (source name, text) of every object:announcement event


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


STARTED = time.time()


def ok(message):
    print(f"ok ({time.time() - STARTED:4.1f} s): {message}", flush=True)


def pump(seconds):
    """Runs the GLib main loop for a while, so that AT-SPI events reach our listener."""
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    loop.run()


def wait_for(what, probe, timeout=TIMEOUT):
    end = time.time() + timeout
    while time.time() < end:
        try:
            found = probe()
        except Exception:  # the tree changes under us while the window redraws
            found = None
        if found:
            return found
        pump(0.1)
    fail(f"timed out waiting for {what}")


def walk(node):
    yield node
    for at in range(node.childCount):
        child = node.getChildAtIndex(at)
        if child is not None:
            yield from walk(child)


def find_all(root, role=None, name=None, prefix=None):
    return [
        node
        for node in walk(root)
        if (role is None or node.getRoleName() == role)
        and (name is None or node.name == name)
        and (prefix is None or (node.name or "").startswith(prefix))
    ]


def state(node, which):
    return node.getState().contains(which)


def click(node):
    action = node.queryAction()
    for at in range(action.nActions):
        if action.getName(at) == "click":
            action.doAction(at)
            return
    fail(f"{node.getRoleName()} {node.name!r} has no click action")


def app_window():
    desktop = pyatspi.Registry.getDesktop(0)
    for at in range(desktop.childCount):
        app = desktop.getChildAtIndex(at)
        if app is not None and app.name == "mobile-sessions" and app.childCount > 0:
            return app.getChildAtIndex(0)
    return None


def on_announcement(event):
    heard.append((event.source.name if event.source else "", str(event.any_data)))


listener = Atspi.EventListener.new(on_announcement)
listener.register("object:announcement")

window = wait_for("the window on the AT-SPI bus", app_window)
wait_for("the sessions table", lambda: find_all(window, "table row", prefix="iPhone X,"))

# 5. The window has an accessible name: its title.
if not (window.name or "").startswith("Mobile Sessions"):
    fail(f"the window's name is {window.name!r}, not its title")
ok(f"window named {window.name!r}")

# 1. Drop-downs say what they are and what they hold.
for label in ("Apps:", "Show:", "Watch:"):
    combos = find_all(window, "combo box", name=label)
    if len(combos) != 1 or not combos[0].description:
        fail(f"the {label} drop-down does not say its value")
    ok(f"combo box {label!r} = {combos[0].description!r}")
statuses = find_all(window, "combo box", prefix="Status of ")
if not statuses:
    fail("no status drop-down is named 'Status of <device>'")
for combo in statuses:
    if not combo.description.strip():
        fail(f"{combo.name!r} does not say its value")
ok(f"{len(statuses)} status drop-downs named 'Status of <device>' with their value")

# 2. The sessions are a table: rows, cells, column headers, "row n of m", selection.
tables = find_all(window, "table", name="Sessions")
if len(tables) != 1:
    fail("no table named Sessions")
table = tables[0]
headers = [node.name for node in find_all(table, "column header")]
if headers[:5] != ["App", "Device", "Status", "OS", "E-mail"]:
    fail(f"column headers are {headers}")
rows = [row for row in find_all(table, "table row") if row.getAttributes()]
sessions = [row for row in rows if any(a.startswith("posinset:") for a in row.getAttributes())]
if not sessions or not find_all(sessions[0], "table cell"):
    fail("the rows have no posinset or no cells")
attributes = dict(a.split(":", 1) for a in sessions[0].getAttributes())
if attributes.get("posinset") != "1" or int(attributes.get("setsize", "0")) < len(sessions):
    fail(f"the first row says {attributes}, not row 1 of all")
if not all(state(row, pyatspi.STATE_SELECTABLE) for row in sessions):
    fail("the rows do not say they can be selected")
ok(f"table: headers {headers}, {len(sessions)} rows shown, first row {attributes}")
pending_row = wait_for(
    "a pending row", lambda: next((r for r in sessions if ", pending," in r.name), None)
)
device = pending_row.name.split(", pending,")[0]
ok(f"a pending device, as its row reads: {pending_row.name!r}")
sys.stdout.flush()
click(pending_row)
wait_for(
    "the row to be selected",
    lambda: state(find_all(window, "table row", name=pending_row.name)[0], pyatspi.STATE_SELECTED),
)
ok("the row is selected through its click action, and says so")

# 3. No focusable node without a name: in the window with the details panel open (the row
# just selected opened it), then with the problems list open too.
def check_names(where):
    unnamed = [
        node.getRoleName()
        for node in walk(window)
        if state(node, pyatspi.STATE_FOCUSABLE) and not (node.name or "").strip()
    ]
    if unnamed:
        fail(f"focusable nodes without a name {where}: {unnamed}")
    ok(f"every focusable node has a name {where}")


wait_for("the details panel", lambda: find_all(window, "push button", name="Copy JSON"))
check_names("(details panel open)")
problems = find_all(window, "link", prefix="6 problems")
if not problems:
    fail("no problems link in the status line")
click(problems[0])
wait_for("the problems list", lambda: find_all(window, "push button", name="Show on disk…")[1:])
check_names("(problems list open)")
click(find_all(window, "link", prefix="6 problems")[0])
wait_for("the problems list to close", lambda: not find_all(window, "title bar", name="Problems"))
click(find_all(window, "push button", name="Server settings…")[0])
wait_for("the Server settings", lambda: find_all(window, "title bar", name="Server settings"))
check_names("(Server settings open)")
click(find_all(window, "push button", name="Close window")[0])
wait_for("the Server settings to close", lambda: not find_all(window, "title bar"))

# 4. The counts keep their identity when the message is dismissed.
counts = find_all(window, "label", prefix="21 sessions")
if len(counts) != 1:
    fail("no '21 sessions' count in the status line")
count_path = counts[0].path
dismiss = find_all(window, "push button", name="Dismiss")
if dismiss:
    click(dismiss[0])
    wait_for("the message to go", lambda: not find_all(window, "push button", name="Dismiss"))
    if find_all(window, "label", prefix="21 sessions")[0].path != count_path:
        fail("the count's node was recreated when the message was dismissed")
    ok("the count's node survives a dismissed message")

# 1 and 4. Accept the pending device through the drop-down's actions; the list closes, the
# file changes on disk and the status line's live region announces it, naming the device.
combo = find_all(window, "combo box", name=f"Status of {device}")[0]
click(combo)
item = wait_for(
    "the status list",
    lambda: next(iter(find_all(window, "list item", name="accepted")), None),
)
click(item)
wait_for("the list to close", lambda: not find_all(window, "list item", name="accepted"))
ok("the list closed once 'accepted' was chosen through its action")
wait_for(
    "the drop-down to say accepted",
    lambda: find_all(window, "combo box", name=f"Status of {device}")[0].description
    == "accepted",
)


def written():
    for app in os.listdir(FOLDER):
        folder = os.path.join(FOLDER, app)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as file:
                    data = json.load(file)
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and (data.get("device") or {}).get("description") == device:
                if data.get("status") == "accepted":
                    return name
    return None


name = wait_for("the session file to say accepted", written)
ok(f"{device}'s file {name} now says accepted on disk")
said = wait_for(
    "an announcement naming the device",
    lambda: next((text for _, text in heard if device in text and "accepted" in text), None),
)
ok(f"announced politely: {said!r}")
print("all accessibility checks passed")
