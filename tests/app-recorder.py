#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Stands in for the window on the session bus, for the notification tests:
# owns the app id's name and records every org.freedesktop.Application call
# it gets, one JSON object a line, in $PAPERBOY_SESSION_DIR/app-calls.jsonl.
# D-Bus activated through a .service file (tests/meson.build makes one), so
# that a test also proves that a click starts the app when it is not running.
#
#   app-recorder.py APP_ID

import json
import os
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

XML = """
<node>
  <interface name="org.freedesktop.Application">
    <method name="Activate"><arg type="a{sv}" name="platform_data" direction="in"/></method>
    <method name="Open">
      <arg type="as" name="uris" direction="in"/>
      <arg type="a{sv}" name="platform_data" direction="in"/>
    </method>
    <method name="ActivateAction">
      <arg type="s" name="action_name" direction="in"/>
      <arg type="av" name="parameter" direction="in"/>
      <arg type="a{sv}" name="platform_data" direction="in"/>
    </method>
  </interface>
</node>
"""


def main():
    app_id = sys.argv[1]
    path = "/" + app_id.replace(".", "/").replace("-", "_")
    log_path = os.path.join(os.environ["PAPERBOY_SESSION_DIR"], "app-calls.jsonl")
    loop = GLib.MainLoop()

    def on_call(connection, sender, object_path, interface, method, parameters, invocation):
        args = parameters.unpack()
        record = {"method": method}
        if method == "ActivateAction":
            record["action"] = args[0]
            record["parameter"] = list(args[1])
        elif method == "Open":
            record["uris"] = list(args[0])
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
        invocation.return_value(None)

    def on_bus(connection, name):
        info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
        connection.register_object(path, info, on_call, None, None)

    def on_lost(connection, name):
        print(f"app-recorder: cannot own {name}", file=sys.stderr)
        loop.quit()

    Gio.bus_own_name(Gio.BusType.SESSION, app_id, Gio.BusNameOwnerFlags.NONE,
                     on_bus, None, on_lost)
    loop.run()
    return 1


if __name__ == "__main__":
    sys.exit(main())
