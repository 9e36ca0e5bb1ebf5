/* pb-application.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-preferences-window.h"
#include "pb-store.h"
#include "pb-window.h"

struct _PbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

static void
pb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (pb_window_new (PB_APPLICATION (app)));

  gtk_window_present (window);
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/**
 * pb_application_show_preferences:
 *
 * Presents the preferences window, over the active window; only one.
 */
void
pb_application_show_preferences (PbApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *store_path = NULL;
  GtkWindow *parent;

  g_return_if_fail (PB_IS_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PB_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  /* The schema id stays the same in the development build. */
  settings = g_settings_new ("io.github.paperboy.Paperboy");
  store_path = pb_store_dup_default_path ();
  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (pb_preferences_window_new (parent, settings, store_path)));
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  pb_application_show_preferences (PB_APPLICATION (user_data));
}

static void
pb_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", on_quit_activated },
    { "preferences", on_preferences_activated },
  };
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (pb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = pb_application_activate;
  app_class->startup = pb_application_startup;
}

static void
pb_application_init (PbApplication *self)
{
}

PbApplication *
pb_application_new (void)
{
  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/paperboy/Paperboy",
                       NULL);
}
