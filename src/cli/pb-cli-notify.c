/* pb-cli-notify.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"
#include "pb-notify.h"
#include "pb-scheduler.h"

/*
 * The service's notifications. What to say is decided in pb-notify.c; this
 * sends it, and brings the user to the window when they click.
 *
 * The window (`paperboy`) owns the well-known name of the app id and is
 * D-Bus activatable; the service must not take that name, yet its
 * notifications must carry the app id, so that GNOME Shell (through
 * org.gtk.Notifications, or the portal) activates their actions on the
 * window itself. So the service registers a GApplication with the same id
 * and G_APPLICATION_NON_UNIQUE: it gets an identity without owning the name.
 *
 * With a freedesktop.org notification server (dunst, and others), clicks
 * come back to the process that sent the notification. The service's
 * actions of the same names (`app.show-view`, `app.open-paper`,
 * `app.preferences`) forward them to the window through
 * org.freedesktop.Application.ActivateAction on the app id's name, which
 * D-Bus activation starts when the window is not running.
 */

struct _PbCliNotifier
{
  GApplication    *app;        /* (owned) (nullable): without a session bus, no notifications */
  GDBusConnection *bus;        /* (nullable): the app's */
  GSettings       *settings;   /* (owned) (nullable): no schema, no notifications */
  char            *db_path;
  PbStore         *store;      /* (owned) (nullable): opened when there is something to tell */
};

static void
on_forwarded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *action = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_warning ("Cannot open Paperboy for the notification (app.%s): %s", action, error->message);
  else
    g_debug ("Paperboy received app.%s", action);
}

/* A click on one of our notifications: the window does it. */
static void
on_forward_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  PbCliNotifier *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  GVariantBuilder parameters;
  GVariantBuilder platform_data;

  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", parameter);
  g_variant_builder_init (&platform_data, G_VARIANT_TYPE_VARDICT);

  g_debug ("Forwarding app.%s to %s", name, APPLICATION_ID);
  g_dbus_connection_call (self->bus, APPLICATION_ID, g_application_get_dbus_object_path (self->app),
                          "org.freedesktop.Application", "ActivateAction",
                          g_variant_new ("(sava{sv})", name, &parameters, &platform_data),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_forwarded_cb,
                          g_strdup (name));
}

/**
 * pb_cli_notifier_new:
 * @db_path: the database the service works on
 * @settings: (nullable): the app's settings
 *
 * Returns: (transfer full): a notifier; one that says nothing when there is
 *   no session bus or no schema
 */
PbCliNotifier *
pb_cli_notifier_new (const char *db_path,
                     GSettings  *settings)
{
  static const GActionEntry forward_entries[] = {
    { "show-view", on_forward_activated_cb, "s" },
    { "open-paper", on_forward_activated_cb, "s" },
    { "preferences", on_forward_activated_cb },
  };
  PbCliNotifier *self = g_new0 (PbCliNotifier, 1);
  g_autoptr(GError) error = NULL;

  self->db_path = g_strdup (db_path);
  self->settings = settings ? g_object_ref (settings) : NULL;
  /* A freedesktop.org server shows this name above the notification, where
   * the user should read the app's name, not "paperboy-cli service". */
  g_set_application_name (_("Paperboy"));
  self->app = g_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_action_map_add_action_entries (G_ACTION_MAP (self->app), forward_entries,
                                   G_N_ELEMENTS (forward_entries), self);

  if (!g_application_register (self->app, NULL, &error))
    {
      g_debug ("No notifications: %s", error->message);
      g_clear_object (&self->app);
    }
  else if ((self->bus = g_application_get_dbus_connection (self->app)) == NULL)
    {
      g_debug ("No notifications: no session bus");
      g_clear_object (&self->app);
    }

  return self;
}

/* Sends what is queued, so that nothing is lost when the service exits. */
void
pb_cli_notifier_free (PbCliNotifier *self)
{
  if (self == NULL)
    return;

  if (self->bus != NULL)
    g_dbus_connection_flush_sync (self->bus, NULL, NULL);
  g_clear_object (&self->app);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_free (self->db_path);
  g_free (self);
}

static PbStore *
get_store (PbCliNotifier  *self,
           GError        **error)
{
  if (self->store == NULL)
    self->store = pb_store_open (self->db_path, error);

  return self->store;
}

static void
send_notice (PbCliNotifier *self,
             PbNotice      *notice)
{
  g_autoptr(GNotification) notification = pb_notice_to_notification (notice);

  g_application_send_notification (self->app, notice->id, notification);
  g_message ("Notification: %s", notice->title);
}

static void
tell_sync (PbCliNotifier      *self,
           const PbSyncResult *result)
{
  g_auto(GStrv) keywords = NULL;
  g_autoptr(PbNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  PbStore *store;

  if (!pb_notify_sync_wanted (result, self->settings, &keywords))
    return;

  if ((store = get_store (self, &error)) != NULL)
    notice = pb_notice_new_for_sync (store, result, (const char * const *)keywords, &error);
  if (error != NULL)
    g_warning ("Cannot tell about the new papers: %s", error->message);
  else if (notice != NULL)
    send_notice (self, notice);
}

static void
tell_digest (PbCliNotifier        *self,
             const PbDigestReport *report)
{
  g_autoptr(PbNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  PbNotifyStep step = PB_NOTIFY_NOTHING;
  PbStore *store;

  if ((store = get_store (self, &error)) != NULL)
    step = pb_notify_decide_digest (store, report, &notice, &error);
  if (error != NULL)
    g_warning ("Cannot tell about the digest: %s", error->message);

  if (step == PB_NOTIFY_SEND)
    send_notice (self, notice);
  else if (step == PB_NOTIFY_WITHDRAW)
    {
      g_application_withdraw_notification (self->app, PB_NOTICE_DIGEST);
      g_debug ("Withdrew the notification about the digest");
    }
}

/**
 * pb_cli_notifier_tell:
 * @items: (element-type PbTickItem): what a scheduler tick did
 *
 * Tells the user what they should know of a tick: new papers, a digest
 * that failed; at most one notification per subject.
 */
void
pb_cli_notifier_tell (PbCliNotifier *self,
                      GPtrArray     *items)
{
  if (self->app == NULL || self->settings == NULL)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      PbTickItem *item = g_ptr_array_index (items, i);

      if (item->sync_result != NULL)
        tell_sync (self, item->sync_result);
      else if (item->digest_report != NULL)
        tell_digest (self, item->digest_report);
    }
}
